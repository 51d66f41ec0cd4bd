using PosFirmware.Emulator.Payment;
using PosFirmware.Payment;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// The ledger compiles each statement once and binds values per request: more requests keep the same
/// statements, and the books they write are the same as a fresh ledger's would be.
/// </summary>
public class AcquirerLedgerStatementTests
{
    // Sales of 1000 + first .. 1000 + first + count - 1 fen, each to its end.
    private static void Sales(TerminalRig rig, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            int before = rig.Flow.Journal.Count;
            rig.Sale(1000 + i, rig.NewCode());
            Assert.True(rig.RunUntil(() => rig.Flow.Journal.Count > before && rig.Flow.Job == FlowJob.Idle
                && rig.Flow.ReceiptsOwed() == 0 && rig.Terminal.App.Console!.PendingRequests == 0, 60), "sale " + i + " ends");
        }
    }

    [Fact]
    public void Many_requests_reuse_the_statements_of_the_first_few()
    {
        using var rig = new TerminalRig(77);
        // Counting from the start: setting SQLite's authorizer makes it compile every kept statement once more.
        rig.Host.Ledger.CountCompilations();
        rig.Boot();
        Sales(rig, 0, 2);
        int afterTwo = rig.Host.Ledger.PreparedStatements;
        int questionsAfterTwo = rig.Host.Ledger.CompileQuestions;
        Assert.True(afterTwo > 5, $"{afterTwo} statements kept after two sales");
        Assert.True(questionsAfterTwo > 0, "compiling the first statements asks the authorizer");
        Sales(rig, 2, 6);
        Assert.Equal(afterTwo, rig.Host.Ledger.PreparedStatements);
        // SQLite compiled nothing for the six sales: each ran the statements kept from the first two.
        Assert.Equal(questionsAfterTwo, rig.Host.Ledger.CompileQuestions);

        var books = rig.Host.Snapshot();
        Assert.Equal(8, books.Sales.Count);
        Assert.Equal(8, books.Sales.Select(s => s.Trace).Distinct().Count());
        Assert.Equal(Enumerable.Range(1000, 8).Select(a => (long)a), books.Sales.Select(s => s.AmountFen).Order());
    }
}

/// <summary>
/// An in-memory ledger may run on the connection of one disposed before it on the same thread: it starts
/// as empty as a new one (row ids from 1 again), keeps the compiled statements, and the disposed one
/// refuses to be used.
/// </summary>
public class AcquirerLedgerReuseTests
{
    private static string Books(int seed)
    {
        using var rig = new TerminalRig((ulong)seed);
        rig.Boot();
        rig.Sale(1234, rig.NewCode());
        Assert.True(rig.RunUntil(() => rig.Flow.Journal.Count > 0 && rig.Flow.Job == FlowJob.Idle && rig.Flow.ReceiptsOwed() == 0, 60));
        return PosFirmware.Emulator.Acquirer.AcquirerLedger.Printable(rig.Host.Ledger.DumpJson());
    }

    [Fact]
    public void A_ledger_after_another_on_the_same_thread_starts_empty()
    {
        string first = Books(31);
        Assert.Contains("\"Id\": 1,", first);
        // The same run again on the connection the first one left: the same books, ids and all.
        Assert.Equal(first, Books(31));
        using var next = new PosFirmware.Emulator.Acquirer.AcquirerLedger(":memory:");
        var empty = next.Snapshot();
        Assert.Empty(empty.Sales);
        Assert.Empty(empty.Entries);
        Assert.Empty(empty.Events);
        Assert.Empty(empty.SignedInTerminals);
        Assert.Equal(1, next.NextCounter("rrn"));
    }

    [Fact]
    public void A_disposed_ledger_refuses_use_even_when_its_connection_serves_another()
    {
        var old = new PosFirmware.Emulator.Acquirer.AcquirerLedger(":memory:");
        old.NextCounter("rrn");
        old.Dispose();
        using var next = new PosFirmware.Emulator.Acquirer.AcquirerLedger(":memory:");
        Assert.Throws<ObjectDisposedException>(() => old.NextCounter("rrn"));
        Assert.Equal(1, next.NextCounter("rrn"));
    }
}
