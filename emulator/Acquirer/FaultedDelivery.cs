namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// The one place a transport fault is applied (a fault an acquirer and its network really show): given the fault drawn for an exchange,
/// the request is lost before the host sees it, or the answer is planned as sends (none, held, twice,
/// with a changed MAC byte, or half and a reset). Both transports only carry out the plan (the virtual
/// network on its clock, TCP on sockets), so a fault means the same on either.
/// </summary>
internal sealed class FaultedDelivery(AcquirerConfig config, AcquirerLedger ledger)
{
    /// <summary>True (and logged) when the request never reaches the host.</summary>
    public bool LosesRequest(AcquirerReply reply, long nowMicros)
    {
        if (reply.Fault != AcquirerFault.DropRequest)
        {
            return false;
        }
        ledger.AddEvent(nowMicros, "fault", "drop-request: request lost before processing");
        reply.Summary = "request dropped";
        return true;
    }

    /// <summary>Fills reply.Sends with how the answer travels under reply.Fault.</summary>
    public void Plan(AcquirerReply reply, byte[] answer, long nowMicros)
    {
        switch (reply.Fault)
        {
            case AcquirerFault.DropResponse:
                ledger.AddEvent(nowMicros, "fault", "drop-response: processed, answer lost");
                break;
            case AcquirerFault.Late:
                reply.Sends.Add(new AcquirerSend(answer, config.LateResponseMillis * 1000L, false));
                ledger.AddEvent(nowMicros, "fault", $"late: answer held {config.LateResponseMillis} ms");
                break;
            case AcquirerFault.Duplicate:
                reply.Sends.Add(new AcquirerSend(answer, 0, false));
                reply.Sends.Add(new AcquirerSend(answer, 0, false));
                ledger.AddEvent(nowMicros, "fault", "duplicate: answer sent twice");
                break;
            case AcquirerFault.CorruptMac:
                answer[^1] ^= 0x5A;
                reply.Sends.Add(new AcquirerSend(answer, 0, false));
                ledger.AddEvent(nowMicros, "fault", "corrupt-mac: last MAC byte changed");
                break;
            case AcquirerFault.ResetMidFrame:
                reply.Sends.Add(new AcquirerSend(answer[..(answer.Length / 2)], 0, true));
                ledger.AddEvent(nowMicros, "fault", "reset-mid-frame: half the answer, then reset");
                break;
            default:
                reply.Sends.Add(new AcquirerSend(answer, 0, false));
                break;
        }
    }
}
