namespace PosFirmware.Emulator.Acquirer;

/// <summary>A settlement (0500) as received and judged.</summary>
public sealed record SettlementRecord(string MerchantId, string TerminalId, int Batch, long TerminalDebitFen, int TerminalDebitCount, long HostDebitFen, int HostDebitCount, bool Balanced, long AtMicros);
