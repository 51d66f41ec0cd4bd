namespace PosFirmware.Emulator.Acquirer;

/// <summary>0200 status query (F3 = the query code): the state of the sale named by F61 (original batch + trace).</summary>
internal sealed class QueryHandler : IMessageHandler
{
    public string Handle(HostExchange x)
    {
        if (!x.Request.TryGetDigits(61, 0, 6, out long originalBatch) || !x.Request.TryGetDigits(61, 6, 6, out long originalTrace))
        {
            return x.Answer(x.Codes.FormatError, "0200 query without F61 original batch+trace");
        }
        x.CopyFromRequest(61);
        var sale = x.Ledger.FindSale(x.MerchantId, x.TerminalId, (int)originalBatch, (int)originalTrace);
        if (sale == null || sale.State == SaleRecord.Void)
        {
            x.Response.SetText(63, "NOTFOUND");
            return x.Answer(ResponseCodes.NoSuchRecord, $"0200 query batch {originalBatch:D6} trace {originalTrace:D6}: not found");
        }
        x.AnswerFor(sale);
        x.Response.SetText(63, sale.State);
        if (sale.State == SaleRecord.Paid)
        {
            x.Response.SetNumber(4, sale.AmountFen, 12);
        }
        return $"0200 query sale #{sale.Id} trace {sale.Trace:D6}: {sale.State} -> {x.Response.GetText(39)}";
    }
}
