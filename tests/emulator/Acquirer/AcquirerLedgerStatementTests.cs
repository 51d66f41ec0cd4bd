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
