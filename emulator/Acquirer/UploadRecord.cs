namespace PosFirmware.Emulator.Acquirer;

/// <summary>One batch-upload (0320) message: a detail (Trace, AmountFen) or the end (DetailCount).</summary>
public sealed record UploadRecord(string MerchantId, string TerminalId, int Batch, string NetworkCode, int Trace, long AmountFen, int DetailCount);
