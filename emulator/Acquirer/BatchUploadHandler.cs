namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// 0320 batch upload. A detail (F61 = batch + the sale's trace, F4 = its amount) is compared with the
/// ledger: a sale the host did not approve in that batch -> 25, a different amount -> 64. The end message
/// (no F61, F48 = the detail count) is recorded. Every message is kept with the answer it got.
/// </summary>
internal sealed class BatchUploadHandler : IMessageHandler
{
    public string Handle(HostExchange x)
    {
        var request = x.Request;
        bool hasBatch = x.TryGetBatch(out long batch);
        string networkCode = request.Length(60) >= 11 ? request.GetText(60)![8..11] : "";
        if (!hasBatch || networkCode.Length != 3)
        {
            return x.Answer(x.Codes.FormatError, "0320 with a malformed F60");
        }
        string where = $"0320 batch {batch:D6} 60.3={networkCode}";
        if (!request.Has(61))
        {
            if (!request.TryGetNumber(48, out long count))
            {
                return x.Answer(x.Codes.FormatError, $"{where}: end message without an F48 count");
            }
            return Record(x, new UploadRecord(x.MerchantId, x.TerminalId, (int)batch, networkCode, 0, 0, (int)count, ResponseCodes.Approved), $"{where}: end, {count} details");
        }
        bool complete = request.TryGetDigits(61, 0, 6, out long saleBatch) & request.TryGetDigits(61, 6, 6, out long trace)
            & request.TryGetNumber(4, out long amount);
        if (!complete || trace < 1 || amount < 1)
        {
            return x.Answer(x.Codes.FormatError, $"{where}: detail without F61 batch+trace or F4");
        }
        var sale = x.Ledger.FindSale(x.MerchantId, x.TerminalId, (int)saleBatch, (int)trace);
        string code = ResponseCodes.Approved;
        string verdict = "matches the ledger";
        if (sale == null || sale.State != SaleRecord.Paid)
        {
            code = ResponseCodes.NoSuchRecord;
            verdict = sale == null ? "no such sale" : $"sale #{sale.Id} is {sale.State}, not paid";
        }
        else if (sale.AmountFen != amount)
        {
            code = ResponseCodes.AmountMismatch;
            verdict = $"amount differs from sale #{sale.Id} ({sale.AmountFen})";
        }
        return Record(x, new UploadRecord(x.MerchantId, x.TerminalId, (int)batch, networkCode, (int)trace, amount, 0, code), $"{where}: detail trace {trace:D6} {amount} fen: {verdict}");
    }

    private static string Record(HostExchange x, UploadRecord upload, string summary)
    {
        x.Ledger.AddUpload(upload);
        return x.Answer(upload.ResponseCode, summary);
    }
}
