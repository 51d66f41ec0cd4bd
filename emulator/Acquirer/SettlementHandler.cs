namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// 0500 settlement: the terminal's debit totals in F48 against the host's paid sales of the batch; the
/// answer's F48[30] says balanced ('1') or not ('2', upload the batch).
/// </summary>
internal sealed class SettlementHandler : IMessageHandler
{
    public string Handle(HostExchange x)
    {
        var request = x.Request;
        bool complete = x.TryGetBatch(out long batch)
            & request.TryGetDigits(48, 0, 12, out long debit) & request.TryGetDigits(48, 12, 3, out long debitCount)
            & request.TryGetDigits(48, 15, 12, out long credit) & request.TryGetDigits(48, 27, 3, out long creditCount);
        if (!complete || request.Length(48) <= 30)
        {
            return x.Answer(x.Codes.FormatError, "0500 with a malformed F48 or F60");
        }
        var (hostDebit, hostCount) = x.Ledger.PaidTotals(x.MerchantId, x.TerminalId, (int)batch);
        bool balanced = hostDebit == debit && hostCount == debitCount && credit == 0 && creditCount == 0;
        var field48 = new byte[request.Length(48)];
        Array.Copy(request.ValueBuffer(48), field48, field48.Length);
        field48[30] = (byte)(balanced ? '1' : '2');
        x.Response.Set(48, field48, 0, field48.Length);
        x.Ledger.AddSettlement(new SettlementRecord(x.MerchantId, x.TerminalId, (int)batch, debit, (int)debitCount, hostDebit, hostCount, balanced, x.NowMicros));
        return x.Answer(ResponseCodes.Approved, $"0500 batch {batch:D6}: terminal {debit}/{debitCount}, host {hostDebit}/{hostCount}, {(balanced ? "balanced" : "unbalanced")}");
    }
}
