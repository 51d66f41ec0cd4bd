namespace PosFirmware.Emulator.Acquirer;

/// <summary>Bytes the host sends after a delay; ResetAfter tears the connection down right after them.</summary>
public sealed record AcquirerSend(byte[] Bytes, long DelayMicros, bool ResetAfter);
