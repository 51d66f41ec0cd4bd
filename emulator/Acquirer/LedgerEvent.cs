namespace PosFirmware.Emulator.Acquirer;

/// <summary>Something the host did or suffered (a request, an answer, a fault), in order; never key material.</summary>
public sealed record LedgerEvent(long Id, long AtMicros, string Kind, string Detail);
