using PosFirmware.Emulator.Acquirer;
using PosFirmware.Payment;

namespace PosFirmware.Emulator.Simulation;

/// <summary>What the checker is given at the end of a run: three independent records and the bounds.</summary>
public sealed class RunRecords
{
    /// <summary>The acquirer's ledger after settlement.</summary>
    public required LedgerSnapshot Ledger { get; init; }

    /// <summary>The terminal's journal records of the batch, copied just before settlement.</summary>
    public required List<TxnRecord> Journal { get; init; }

    /// <summary>Receipts decoded from the paper of every boot.</summary>
    public required List<PaperReceipt> Paper { get; init; }

    /// <summary>The terminal's identity and the batch the run sold in.</summary>
    public required string MerchantId { get; init; }

    /// <summary>F41.</summary>
    public required string TerminalId { get; init; }

    /// <summary>The batch the run's sales went into.</summary>
    public required int Batch { get; init; }

    /// <summary>Most records the journal held at any step, and its bound.</summary>
    public required int MostRecords { get; init; }

    /// <summary>The journal's configured record bound.</summary>
    public required int MaxRecords { get; init; }

    /// <summary>Largest journal file seen, and its bound.</summary>
    public required int MostFileBytes { get; init; }

    /// <summary>The journal's configured file bound.</summary>
    public required int MaxFileBytes { get; init; }
}

/// <summary>
/// The invariants of the payment flow, each checked against records kept by different parties: the
/// acquirer's ledger, the terminal's journal, and the receipts read off the paper image.
/// </summary>
public static class InvariantChecker
{
    /// <summary>Every break found, one line each (empty when the run holds every invariant).</summary>
    public static List<string> Check(RunRecords r)
    {
        var breaks = new List<string>();
        var ledger = r.Ledger;
        var ours = new List<SaleRecord>();
        foreach (var sale in ledger.Sales)
        {
            if (sale.MerchantId == r.MerchantId && sale.TerminalId == r.TerminalId)
            {
                ours.Add(sale);
            }
        }
        var journal = new Dictionary<(int, int), TxnRecord>();
        foreach (var record in r.Journal)
        {
            if (!journal.TryAdd((record.Batch, record.Trace), record))
            {
                breaks.Add($"trace {record.Trace} used twice in journal batch {record.Batch}");
            }
        }
        var paperByTrace = new Dictionary<int, List<PaperReceipt>>();
        foreach (var receipt in r.Paper)
        {
            if (!paperByTrace.TryGetValue(receipt.Trace, out var list))
            {
                paperByTrace[receipt.Trace] = list = new List<PaperReceipt>();
            }
            list.Add(receipt);
        }

        NoDoubleDebit(ours, ledger, breaks);
        EveryDebitAccounted(ours, ledger, journal, paperByTrace, breaks);
        NoReceiptWithoutDebit(r, ours, ledger, journal, breaks);
        UncertainResolved(r.Journal, breaks);
        SettlementAgrees(r, ours, ledger, breaks);
        if (r.MostRecords > r.MaxRecords)
        {
            breaks.Add($"journal held {r.MostRecords} records, past its bound of {r.MaxRecords}");
        }
        if (r.MostFileBytes > r.MaxFileBytes)
        {
            breaks.Add($"journal file reached {r.MostFileBytes} bytes, past its bound of {r.MaxFileBytes}");
        }
        return breaks;
    }

    private static void NoDoubleDebit(List<SaleRecord> ours, LedgerSnapshot ledger, List<string> breaks)
    {
        var traces = new HashSet<(int, int)>();
        var debitedCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sale in ours)
        {
            if (!traces.Add((sale.Batch, sale.Trace)))
            {
                breaks.Add($"trace {sale.Trace} used twice in host batch {sale.Batch}");
            }
            if (ledger.DebitCount(sale.Id) > 1)
            {
                breaks.Add($"sale {sale.Trace} debited {ledger.DebitCount(sale.Id)} times");
            }
            if (ledger.NetDebitFen(sale.Id) > 0 && !debitedCodes.TryAdd(sale.CodeHash, sale.Trace))
            {
                breaks.Add($"one payment code debited twice: traces {debitedCodes[sale.CodeHash]} and {sale.Trace}");
            }
        }
    }

    private static void EveryDebitAccounted(List<SaleRecord> ours, LedgerSnapshot ledger, Dictionary<(int, int), TxnRecord> journal, Dictionary<int, List<PaperReceipt>> paper, List<string> breaks)
    {
        foreach (var sale in ours)
        {
            long net = ledger.NetDebitFen(sale.Id);
            if (net <= 0)
            {
                continue;
            }
            if (!journal.TryGetValue((sale.Batch, sale.Trace), out var record))
            {
                breaks.Add($"debit of trace {sale.Trace} ({net} fen) forgotten by the terminal");
                continue;
            }
            if (record.State == TxnState.Unresolved)
            {
                if (record.Receipt != ReceiptState.Printed)
                {
                    breaks.Add($"debit of trace {sale.Trace} unresolved without its reversal-failed notice printed");
                }
                continue;
            }
            if (record.State != TxnState.Approved || record.Receipt != ReceiptState.Printed)
            {
                breaks.Add($"debit of trace {sale.Trace} neither reversed nor printed: journal {record.State}/{record.Receipt}");
                continue;
            }
            if (!paper.TryGetValue(sale.Trace, out var printed) || !printed.Exists(p => p.Reference == sale.Rrn))
            {
                breaks.Add($"debit of trace {sale.Trace} marked printed in the journal but no receipt for it on the paper");
            }
        }
    }

    private static void NoReceiptWithoutDebit(RunRecords r, List<SaleRecord> ours, LedgerSnapshot ledger, Dictionary<(int, int), TxnRecord> journal, List<string> breaks)
    {
        foreach (var receipt in r.Paper)
        {
            var sale = ours.Find(s => s.Batch == r.Batch && s.Trace == receipt.Trace);
            if (receipt.TerminalId != r.TerminalId || sale == null || sale.State != SaleRecord.Paid || sale.Rrn != receipt.Reference)
            {
                breaks.Add($"receipt on paper for trace {receipt.Trace} (ref {receipt.Reference}) that the host did not approve: host {sale?.State ?? "none"}");
                continue;
            }
            long net = ledger.NetDebitFen(sale.Id);
            if (!journal.TryGetValue((sale.Batch, sale.Trace), out var record) || record.AmountFen != net || sale.AmountFen != net)
            {
                breaks.Add($"receipt for trace {receipt.Trace}: amount {record?.AmountFen ?? -1} fen on the terminal, {net} fen debited by the host");
            }
        }
        foreach (var record in r.Journal)
        {
            if (record.State != TxnState.Approved)
            {
                continue;
            }
            var sale = ours.Find(s => s.Batch == record.Batch && s.Trace == record.Trace);
            if (sale == null || sale.State != SaleRecord.Paid || ledger.NetDebitFen(sale.Id) != record.AmountFen)
            {
                breaks.Add($"trace {record.Trace} approved on the terminal ({record.AmountFen} fen) but host has {sale?.State ?? "no sale"}");
            }
        }
    }

    private static void UncertainResolved(List<TxnRecord> journal, List<string> breaks)
    {
        foreach (var record in journal)
        {
            if (record.State is TxnState.Prepared or TxnState.UserPaying or TxnState.ReversalPending)
            {
                breaks.Add($"trace {record.Trace} still {record.State} after recovery");
            }
            if (record.State == TxnState.Approved && record.Receipt is ReceiptState.Pending or ReceiptState.Started)
            {
                breaks.Add($"trace {record.Trace} approved but its receipt still {record.Receipt} after recovery with the printer healthy");
            }
            if (record.State == TxnState.Unresolved && record.Receipt != ReceiptState.Printed)
            {
                breaks.Add($"trace {record.Trace} unresolved without the reversal-failed notice printed");
            }
        }
    }

    private static void SettlementAgrees(RunRecords r, List<SaleRecord> ours, LedgerSnapshot ledger, List<string> breaks)
    {
        SettlementRecord? settlement = null;
        foreach (var s in ledger.Settlements)
        {
            if (s.MerchantId == r.MerchantId && s.TerminalId == r.TerminalId && s.Batch == r.Batch)
            {
                settlement = s;
            }
        }
        if (settlement == null)
        {
            breaks.Add($"batch {r.Batch} was never settled");
            return;
        }
        // The terminal counts what it approved; the host counts what it holds paid. The only sales allowed
        // between them are the ones the terminal lists as unresolved.
        long openFen = 0;
        int openCount = 0;
        foreach (var record in r.Journal)
        {
            if (record.State is TxnState.Unresolved or TxnState.ReversalPending)
            {
                var sale = ours.Find(s => s.Batch == record.Batch && s.Trace == record.Trace);
                if (sale != null && sale.State == SaleRecord.Paid)
                {
                    openFen += sale.AmountFen;
                    openCount++;
                }
            }
        }
        long gapFen = settlement.HostDebitFen - settlement.TerminalDebitFen;
        int gapCount = settlement.HostDebitCount - settlement.TerminalDebitCount;
        if (gapFen != openFen || gapCount != openCount)
        {
            breaks.Add($"settlement of batch {r.Batch}: terminal {settlement.TerminalDebitFen}/{settlement.TerminalDebitCount}, host {settlement.HostDebitFen}/{settlement.HostDebitCount}; "
                + $"the difference {gapFen}/{gapCount} is not the unresolved list {openFen}/{openCount}");
        }
    }
}
