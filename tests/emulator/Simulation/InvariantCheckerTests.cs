using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Simulation;
using PosFirmware.Payment;
using Xunit;

namespace PosFirmware.Tests.Emulator.Simulation;

/// <summary>Each invariant on small hand-made records: one that holds, and the same with one thing wrong.</summary>
public class InvariantCheckerTests
{
    private const string Mid = "898100012340001";
    private const string Tid = "10000001";

    private static SaleRecord Sale(long id, int trace, long fen, string state, string code = "") =>
        new() { Id = id, MerchantId = Mid, TerminalId = Tid, Batch = 1, Trace = trace, AmountFen = fen, State = state, Rrn = "R" + trace, CodeHash = code == "" ? "H" + trace : code };

    private static LedgerEntry Debit(long saleId, long fen) => new(saleId * 10, saleId, AcquirerLedger.Debit, fen, 0);

    private static TxnRecord Record(int trace, long fen, TxnState state, ReceiptState receipt) =>
        new() { Batch = 1, Trace = trace, AmountFen = fen, State = state, Receipt = receipt, ReferenceNumber = "R" + trace };

    private static RunRecords Records(List<SaleRecord> sales, List<LedgerEntry> entries, List<TxnRecord> journal, List<PaperReceipt> paper, SettlementRecord? settlement = null, int mostRecords = 3)
    {
        long paid = sales.Where(s => s.State == SaleRecord.Paid).Sum(s => s.AmountFen);
        int paidCount = sales.Count(s => s.State == SaleRecord.Paid);
        long approved = journal.Where(r => r.State == TxnState.Approved).Sum(r => r.AmountFen);
        int approvedCount = journal.Count(r => r.State == TxnState.Approved);
        settlement ??= new SettlementRecord(Mid, Tid, 1, approved, approvedCount, paid, paidCount, paid == approved, 0);
        var ledger = new LedgerSnapshot(sales, entries, new[] { settlement }, Array.Empty<UploadRecord>(), Array.Empty<LedgerEvent>(), Array.Empty<string>());
        return new RunRecords
        {
            Ledger = ledger, Journal = journal, Paper = paper, MerchantId = Mid, TerminalId = Tid, Batch = 1,
            MostRecords = mostRecords, MaxRecords = 300, MostFileBytes = 100, MaxFileBytes = 48 * 1024,
        };
    }

    private static PaperReceipt Printed(int trace) => new("R" + trace, Tid, trace, "");

    [Fact]
    public void A_clean_day_holds()
    {
        var r = Records(
            new() { Sale(1, 1, 1234, SaleRecord.Paid), Sale(2, 2, 500, SaleRecord.Reversed), Sale(3, 3, 700, SaleRecord.Paid) },
            new() { Debit(1, 1234), Debit(2, 500), new LedgerEntry(21, 2, AcquirerLedger.Credit, 500, 0), Debit(3, 700) },
            new() { Record(1, 1234, TxnState.Approved, ReceiptState.Printed), Record(2, 500, TxnState.Reversed, ReceiptState.None), Record(3, 700, TxnState.Unresolved, ReceiptState.Printed) },
            new() { Printed(1) });
        Assert.Empty(InvariantChecker.Check(r));
    }

    [Fact]
    public void Double_debit_is_a_break()
    {
        var r = Records(new() { Sale(1, 1, 1234, SaleRecord.Paid) }, new() { Debit(1, 1234), Debit(1, 1234) },
            new() { Record(1, 1234, TxnState.Approved, ReceiptState.Printed) }, new() { Printed(1) });
        Assert.Contains(InvariantChecker.Check(r), b => b.Contains("debited 2 times"));
    }

    [Fact]
    public void Receipt_on_paper_for_a_sale_the_host_did_not_approve_is_a_break()
    {
        var r = Records(new() { Sale(1, 1, 1234, SaleRecord.Cancelled) }, new(),
            new() { Record(1, 1234, TxnState.Reversed, ReceiptState.None) }, new() { Printed(1) });
        Assert.Contains(InvariantChecker.Check(r), b => b.Contains("host did not approve"));
    }

    [Fact]
    public void Journal_marked_printed_without_paper_is_a_break()
    {
        var r = Records(new() { Sale(1, 1, 1234, SaleRecord.Paid) }, new() { Debit(1, 1234) },
            new() { Record(1, 1234, TxnState.Approved, ReceiptState.Printed) }, new());
        Assert.Contains(InvariantChecker.Check(r), b => b.Contains("no receipt for it on the paper"));
    }

    [Fact]
    public void Settlement_gap_other_than_the_unresolved_list_is_a_break()
    {
        var sales = new List<SaleRecord> { Sale(1, 1, 1234, SaleRecord.Paid) };
        var journal = new List<TxnRecord> { Record(1, 1234, TxnState.Approved, ReceiptState.Printed) };
        var wrong = new SettlementRecord(Mid, Tid, 1, 1000, 1, 1234, 1, false, 0);
        Assert.Contains(InvariantChecker.Check(Records(sales, new() { Debit(1, 1234) }, journal, new() { Printed(1) }, wrong)), b => b.Contains("not the unresolved list"));
    }

    [Fact]
    public void Same_trace_twice_in_a_batch_and_a_journal_past_its_bound_are_breaks()
    {
        var r = Records(new() { Sale(1, 1, 1234, SaleRecord.Paid) }, new() { Debit(1, 1234) },
            new() { Record(1, 1234, TxnState.Approved, ReceiptState.Printed), Record(1, 1234, TxnState.Approved, ReceiptState.Printed) },
            new() { Printed(1) }, mostRecords: 301);
        var breaks = InvariantChecker.Check(r);
        Assert.Contains(breaks, b => b.Contains("used twice in journal batch"));
        Assert.Contains(breaks, b => b.Contains("past its bound"));
    }
}
