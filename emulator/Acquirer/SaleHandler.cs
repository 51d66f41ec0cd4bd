namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// 0200 sale: a new trace is judged by the first matching rule (decline, user paying, or approve and
/// debit); a repeated trace gets the same answer again and never a second debit; a repeated trace with a
/// different amount, code or processing code is refused.
/// </summary>
internal sealed class SaleHandler : IMessageHandler
{
    public string Handle(HostExchange x)
    {
        var request = x.Request;
        bool complete = x.TryGetBatch(out long batch) & request.TryGetNumber(11, out long trace) & request.TryGetNumber(4, out long amount);
        string? code = x.PaymentCode;
        if (!complete || trace < 1 || amount < 1 || string.IsNullOrEmpty(code) || !request.Has(3))
        {
            return x.Answer(x.Codes.FormatError, $"0200 trace {trace}: missing F3/F4/F11/F60 or payment code");
        }
        string hash = HostExchange.Hash(code);
        var sale = x.Ledger.FindSale(x.MerchantId, x.TerminalId, (int)batch, (int)trace);
        if (sale != null)
        {
            if (sale.AmountFen != amount || sale.CodeHash != hash || sale.ProcessingCode != request.GetText(3))
            {
                return x.Answer(x.Codes.DuplicateMismatch, $"0200 trace {trace:D6}: repeated trace with a different request");
            }
            x.AnswerFor(sale);
            return $"0200 trace {trace:D6}: repeat of sale #{sale.Id} ({sale.State}), no new debit -> {x.Response.GetText(39)}";
        }
        string amount12 = amount.ToString("D12");
        var rule = x.Config.Rules.FirstOrDefault(r => r.Matches(amount12, code));
        sale = new SaleRecord
        {
            MerchantId = x.MerchantId, TerminalId = x.TerminalId, Batch = (int)batch, Trace = (int)trace, AmountFen = amount,
            ProcessingCode = request.GetText(3)!, CodeMasked = HostExchange.Mask(code), CodeHash = hash, CreatedMicros = x.NowMicros,
            Rrn = x.NextRrn(),
        };
        // A rule that answers 00 approves: only other codes decline.
        if (rule?.ResponseCode != null && rule.ResponseCode != "00")
        {
            sale.State = SaleRecord.Declined;
            sale.ResponseCode = rule.ResponseCode;
        }
        else if (rule?.UserPayingSeconds != null)
        {
            sale.State = SaleRecord.UserPaying;
            sale.ResponseCode = x.Codes.UserPaying;
            sale.SettleAtMicros = x.NowMicros + (long)(rule.UserPayingSeconds.Value * 1_000_000);
            sale.PendingOutcome = rule.Outcome == "paid" ? SaleRecord.Paid : SaleRecord.Cancelled;
        }
        else
        {
            sale.State = SaleRecord.Paid;
            sale.ResponseCode = ResponseCodes.Approved;
            sale.AuthCode = x.NextAuthCode();
        }
        x.Ledger.InsertSale(sale);
        if (sale.State == SaleRecord.Paid)
        {
            x.Ledger.AddEntry(sale.Id, AcquirerLedger.Debit, amount, x.NowMicros);
        }
        x.AnswerFor(sale);
        return $"0200 sale #{sale.Id} trace {trace:D6} {amount} fen code {sale.CodeMasked}: {sale.State} -> {sale.ResponseCode}";
    }
}
