namespace PosFirmware.Emulator.Acquirer;

/// <summary>A money movement on a customer's wallet: a debit for a payment, a credit for a reversal.</summary>
public sealed record LedgerEntry(long Id, long SaleId, string Kind, long AmountFen, long AtMicros);
