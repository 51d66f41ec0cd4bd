namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// 0400 reversal, host rules of docs/acquirer-protocol.md (posp_server Pub_OrgDealMatch.reverseMatch): match on
/// F42 + F41 + the original transaction (F3) + F60.2 batch + F11 trace, and the payment code when the
/// reversal carries one; already reversed or not in a normal state -> 25; amount mismatch -> 64; original
/// declined -> 01; original not found -> 00 (so the terminal stops resending), remembered as void so the
/// original is refused should it arrive late. The cross-day rule is not modelled (no business day here).
/// </summary>
internal sealed class ReversalHandler : IMessageHandler
{
    public string Handle(HostExchange x)
    {
        var request = x.Request;
        bool identified = x.TryGetBatch(out long batch) & request.TryGetNumber(11, out long trace);
        request.TryGetNumber(4, out long amount); // 0 when absent: recorded as a void of 0 fen, or a mismatch
        string reason = request.GetText(39) ?? "??";
        if (!identified || trace < 1)
        {
            return x.Answer(x.Codes.FormatError, "0400 without F11/F60");
        }
        x.Response.Remove(38);
        var sale = x.Ledger.FindSale(x.MerchantId, x.TerminalId, (int)batch, (int)trace);
        string where = $"0400 (reason {reason}) batch {batch:D6} trace {trace:D6}";
        string? code = x.PaymentCode;
        if (sale == null)
        {
            x.Ledger.InsertSale(new SaleRecord
            {
                MerchantId = x.MerchantId, TerminalId = x.TerminalId, Batch = (int)batch, Trace = (int)trace, AmountFen = Math.Max(0, amount),
                ProcessingCode = request.GetText(3) ?? "", CodeMasked = code == null ? "" : HostExchange.Mask(code),
                CodeHash = code == null ? "" : HostExchange.Hash(code),
                State = SaleRecord.Void, ResponseCode = ResponseCodes.Approved, CreatedMicros = x.NowMicros,
            });
            return x.Answer(ResponseCodes.Approved, $"{where}: original not found, recorded as void");
        }
        if (sale.ProcessingCode != request.GetText(3))
        {
            return x.Answer(ResponseCodes.Approved, $"{where}: no original of this transaction type");
        }
        if (code != null && sale.CodeHash.Length > 0 && HostExchange.Hash(code) != sale.CodeHash)
        {
            return x.Answer(ResponseCodes.NoSuchRecord, $"{where}: payment code {HostExchange.Mask(code)} is not sale #{sale.Id}'s");
        }
        if (sale.State is SaleRecord.Reversed or SaleRecord.Void)
        {
            return x.Answer(ResponseCodes.NoSuchRecord, $"{where}: sale #{sale.Id} already reversed");
        }
        if (sale.State == SaleRecord.Cancelled)
        {
            return x.Answer(ResponseCodes.NoSuchRecord, $"{where}: sale #{sale.Id} is closed (not in a normal state)");
        }
        if (sale.AmountFen != amount)
        {
            return x.Answer(ResponseCodes.AmountMismatch, $"{where}: amount {amount} differs from sale #{sale.Id} ({sale.AmountFen})");
        }
        if (sale.State == SaleRecord.Declined)
        {
            return x.Answer(ResponseCodes.OriginalDeclined, $"{where}: sale #{sale.Id} was declined");
        }
        string note = sale.State == SaleRecord.UserPaying ? CancelPayingOrder(x, sale) : "";
        if (sale.State == SaleRecord.Paid)
        {
            x.Ledger.AddEntry(sale.Id, AcquirerLedger.Credit, sale.AmountFen, x.NowMicros);
        }
        sale.State = SaleRecord.Reversed;
        x.Ledger.UpdateSale(sale);
        return x.Answer(ResponseCodes.Approved, $"{where}: sale #{sale.Id} reversed{note}");
    }

    // An order the customer is still confirming: the cancel may race the customer's payment.
    private static string CancelPayingOrder(HostExchange x, SaleRecord sale)
    {
        if (!x.Faults.TakeRace())
        {
            return "; the customer had not paid yet, order cancelled";
        }
        if (x.Faults.Coin())
        {
            x.Ledger.AddEntry(sale.Id, AcquirerLedger.Debit, sale.AmountFen, x.NowMicros);
            sale.State = SaleRecord.Paid;
            return "; race: the customer's payment landed first";
        }
        x.Ledger.AddEvent(x.NowMicros, "race", $"sale #{sale.Id}: payment refused, order already reversed");
        return "; race: the customer's payment landed after the cancel and was refused";
    }
}
