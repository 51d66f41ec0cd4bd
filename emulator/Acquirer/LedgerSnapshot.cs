namespace PosFirmware.Emulator.Acquirer;

/// <summary>Everything in the ledger except key material: what `posemu acquirer dump` prints and tests assert on.</summary>
public sealed record LedgerSnapshot(
    IReadOnlyList<SaleRecord> Sales,
    IReadOnlyList<LedgerEntry> Entries,
    IReadOnlyList<SettlementRecord> Settlements,
    IReadOnlyList<UploadRecord> Uploads,
    IReadOnlyList<LedgerEvent> Events,
    IReadOnlyList<string> SignedInTerminals)
{
    /// <summary>Debits minus credits for one sale.</summary>
    public long NetDebitFen(long saleId) =>
        Entries.Where(e => e.SaleId == saleId).Sum(e => e.Kind == AcquirerLedger.Debit ? e.AmountFen : -e.AmountFen);

    /// <summary>Number of debit entries for one sale (never more than one).</summary>
    public int DebitCount(long saleId) => Entries.Count(e => e.SaleId == saleId && e.Kind == AcquirerLedger.Debit);
}
