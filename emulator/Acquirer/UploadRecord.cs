namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// One batch-upload (0320) message: a detail (Trace, AmountFen, compared with the ledger) or the end
/// (DetailCount), with the F39 the host answered (00, or 25/64 for a detail the ledger does not back).
/// </summary>
public sealed record UploadRecord(string MerchantId, string TerminalId, int Batch, string NetworkCode, int Trace, long AmountFen, int DetailCount, string ResponseCode = ResponseCodes.Approved);
