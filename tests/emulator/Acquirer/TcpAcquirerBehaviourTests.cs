using PosFirmware.Emulator.Acquirer;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>The simulator's behaviours over real TCP on loopback, driven by a raw-bytes client.</summary>
public class TcpAcquirerBehaviourTests
{
    [Fact]
    public async Task SignInIssuesWorkingKeysUnderTheMasterKeyAndTheDumpNeverShowsThem()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        var snapshot = h.Host.Snapshot();
        Assert.Equal([RawMessages.Mid + "/" + RawMessages.Tid], snapshot.SignedInTerminals);
        string dump = h.Ledger.DumpJson() + h.Ledger.DumpText();
        Assert.DoesNotContain(Convert.ToHexString(mak), dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(RawMessages.MasterKeyHex, dump, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ApprovedSaleDebitsOnceAndAnswersWithAValidMac()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        client.Send(RawMessages.Sale(mak, 2, 1234));
        var response = TcpAcquirerHarness.Parse(client.ReceiveFrame(TcpAcquirerHarness.Wait), mak);
        Assert.Equal(210, response.MessageType);
        Assert.Equal("00", response.GetText(39));
        Assert.Equal("000002", response.GetText(11));
        Assert.Equal(12, response.Length(37));
        Assert.Equal(6, response.Length(38));
        Assert.False(response.Has(57));
        var sale = Assert.Single(h.Host.Snapshot().Sales);
        Assert.Equal(SaleRecord.Paid, sale.State);
        Assert.Equal(1234, h.Host.Snapshot().NetDebitFen(sale.Id));
        Assert.Equal("1345**********6789", sale.CodeMasked);
    }

    [Theory]
    [InlineData(1051, "134567890123456789", "51")]
    [InlineData(1061, "134567890123456789", "61")]
    [InlineData(1000, "991234567890123456", "14")]
    public async Task DeclineRulesByAmountPatternAndCodePrefixMoveNoMoney(long amount, string code, string expected)
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        var response = h.Exchange(client, RawMessages.Sale(mak, 2, amount, code));
        Assert.Equal(expected, response.GetText(39));
        var snapshot = h.Host.Snapshot();
        Assert.Equal(SaleRecord.Declined, Assert.Single(snapshot.Sales).State);
        Assert.Empty(snapshot.Entries);
    }

    [Fact]
    public async Task UserPayingSettlesToPaidAfterTheDelayAndTheQuerySeesIt()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        Assert.Equal("09", h.Exchange(client, RawMessages.Sale(mak, 2, 1088)).GetText(39));
        var early = h.Exchange(client, RawMessages.Query(mak, 3, 2));
        Assert.Equal("09", early.GetText(39));
        Assert.Equal("USERPAYING", early.GetText(63));
        Assert.Empty(h.Host.Snapshot().Entries);
        await Task.Delay(1300);
        var late = h.Exchange(client, RawMessages.Query(mak, 4, 2));
        Assert.Equal("00", late.GetText(39));
        Assert.Equal("000000001088", late.GetText(4));
        var snapshot = h.Host.Snapshot();
        Assert.Equal(1088, snapshot.NetDebitFen(snapshot.Sales[0].Id));
    }

    [Fact]
    public async Task UserPayingSettlesToCancelledWithoutDebit()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        Assert.Equal("09", h.Exchange(client, RawMessages.Sale(mak, 2, 1077)).GetText(39));
        await Task.Delay(1300);
        var query = h.Exchange(client, RawMessages.Query(mak, 3, 2));
        Assert.Equal("05", query.GetText(39));
        Assert.Equal("CANCELLED", query.GetText(63));
        Assert.Empty(h.Host.Snapshot().Entries);
        Assert.Equal("25", h.Exchange(client, RawMessages.Query(mak, 4, 99)).GetText(39));
    }

    [Fact]
    public async Task RepeatedTraceNeverDebitsTwiceAndADifferentRequestOnItIsRefused()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        var first = h.Exchange(client, RawMessages.Sale(mak, 2, 500));
        var second = h.Exchange(client, RawMessages.Sale(mak, 2, 500));
        Assert.Equal("00", first.GetText(39));
        Assert.Equal("00", second.GetText(39));
        Assert.Equal(first.GetText(37), second.GetText(37));
        Assert.Equal("94", h.Exchange(client, RawMessages.Sale(mak, 2, 600)).GetText(39));
        var snapshot = h.Host.Snapshot();
        var sale = Assert.Single(snapshot.Sales);
        Assert.Equal(1, snapshot.DebitCount(sale.Id));
        Assert.Equal(500, snapshot.NetDebitFen(sale.Id));
    }

    [Fact]
    public async Task ReversalFollowsTheHostRules()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        h.Exchange(client, RawMessages.Sale(mak, 2, 700));
        // Amount mismatch -> 64, nothing changes.
        Assert.Equal("64", h.Exchange(client, RawMessages.Reversal(mak, 2, 701)).GetText(39));
        // Matching reversal -> 00 and the money goes back.
        var reversed = h.Exchange(client, RawMessages.Reversal(mak, 2, 700));
        Assert.Equal(410, reversed.MessageType);
        Assert.Equal("00", reversed.GetText(39));
        // Already reversed -> 25.
        Assert.Equal("25", h.Exchange(client, RawMessages.Reversal(mak, 2, 700)).GetText(39));
        // Another terminal's or batch's trace does not match: not found -> 00.
        Assert.Equal("00", h.Exchange(client, RawMessages.Reversal(mak, 2, 700, batch: 2)).GetText(39));
        // Declined original -> 01.
        h.Exchange(client, RawMessages.Sale(mak, 3, 751));
        Assert.Equal("01", h.Exchange(client, RawMessages.Reversal(mak, 3, 751)).GetText(39));
        var snapshot = h.Host.Snapshot();
        var sale = snapshot.Sales.Single(s => s.Trace == 2 && s.Batch == 1);
        Assert.Equal(SaleRecord.Reversed, sale.State);
        Assert.Equal(0, snapshot.NetDebitFen(sale.Id));
        Assert.Equal(1, snapshot.DebitCount(sale.Id));
    }

    [Fact]
    public async Task ReversalOfAnUnknownOriginalAnswers00AndTheLateOriginalIsThenRefused()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        Assert.Equal("00", h.Exchange(client, RawMessages.Reversal(mak, 5, 900)).GetText(39));
        Assert.Equal("05", h.Exchange(client, RawMessages.Sale(mak, 5, 900)).GetText(39));
        Assert.Empty(h.Host.Snapshot().Entries);
    }

    [Fact]
    public async Task SettlementComparesTotalsAndBatchUploadIsRecorded()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        h.Exchange(client, RawMessages.Sale(mak, 2, 1000));
        h.Exchange(client, RawMessages.Sale(mak, 3, 2000));
        h.Exchange(client, RawMessages.Reversal(mak, 3, 2000));
        var balanced = h.Exchange(client, RawMessages.Settlement(mak, 4, 1000, 1));
        Assert.Equal(510, balanced.MessageType);
        Assert.Equal((byte)'1', balanced.ValueBuffer(48)[30]);
        var unbalanced = h.Exchange(client, RawMessages.Settlement(mak, 5, 3000, 2));
        Assert.Equal((byte)'2', unbalanced.ValueBuffer(48)[30]);
        Assert.Equal("00", h.Exchange(client, RawMessages.BatchUploadEnd(mak, 6, 2)).GetText(39));
        var snapshot = h.Host.Snapshot();
        Assert.Equal([true, false], snapshot.Settlements.Select(s => s.Balanced));
        var upload = Assert.Single(snapshot.Uploads);
        Assert.Equal("202", upload.NetworkCode);
        Assert.Equal(2, upload.DetailCount);
    }

    [Fact]
    public async Task BadMacIsAnsweredA0AndAnUnknownTerminal97WithoutMovingMoney()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        Assert.Equal("97", h.Exchange(client, RawMessages.Sale(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 2, 100)).GetText(39));
        byte[] mak = h.SignIn(client);
        var tampered = RawMessages.Sale(mak, 3, 100);
        tampered[^1] ^= 0x01;
        Assert.Equal("A0", h.Exchange(client, tampered).GetText(39));
        Assert.Empty(h.Host.Snapshot().Sales);
    }

    [Fact]
    public async Task LedgerSurvivesARestartOnTheSameFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), "posemu-acq-restart-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string db = Path.Combine(folder, "ledger.db");
        byte[] mak;
        await using (var first = new TcpAcquirerHarness(dbPath: db))
        {
            using var client = first.Connect();
            mak = first.SignIn(client);
            Assert.Equal("00", first.Exchange(client, RawMessages.Sale(mak, 2, 300)).GetText(39));
        }
        await using (var second = new TcpAcquirerHarness(dbPath: db))
        {
            using var client = second.Connect();
            // Same key still accepted, and the repeated trace is recognised: no second debit.
            Assert.Equal("00", second.Exchange(client, RawMessages.Sale(mak, 2, 300)).GetText(39));
            var snapshot = second.Host.Snapshot();
            Assert.Equal(1, snapshot.DebitCount(Assert.Single(snapshot.Sales).Id));
        }
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task GarbageGetsNoAnswerAnOversizedPrefixAResetAndTheServerKeepsServing()
    {
        await using var h = new TcpAcquirerHarness();
        using (var bad = h.Connect())
        {
            bad.Send(RawMessages.Frame(Convert.FromHexString("02A0" + "2000000000000000" + "000000")));
            Assert.Null(bad.ReceiveFrame(TcpAcquirerHarness.Short));
            bad.Send([0x20, 0x00, 0x60]);
            Assert.Null(bad.ReceiveFrame(TcpAcquirerHarness.Wait));
            Assert.True(bad.Closed);
        }
        using var good = h.Connect();
        h.SignIn(good);
        Assert.Contains(h.Host.Snapshot().Events, e => e.Kind == "rejected" && e.Detail.Contains("message type"));
    }

    [Fact]
    public async Task ConnectionsBeyondTheLimitAreResetAndTheServedOnesKeepWorking()
    {
        await using var h = new TcpAcquirerHarness();
        h.Server.MaxConnections = 2;
        using var first = h.Connect();
        using var second = h.Connect();
        h.SignIn(first);
        h.SignIn(second);
        // The reset may land while the client is still connecting, or on its first read.
        try
        {
            using var third = new RawTcpClient(h.Server.LocalEndpoint);
            Assert.Null(third.ReceiveFrame(TcpAcquirerHarness.Wait));
            Assert.True(third.Closed);
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionReset)
        {
        }
        await WaitUntil(() => h.Server.ConnectionsRefused == 1);
        Assert.Equal(1, h.Server.ConnectionsRefused);
        h.SignIn(first, trace: 2);
        Assert.Contains(h.Host.Snapshot().Events, e => e.Kind == "rejected" && e.Detail.Contains("connection limit 2"));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TcpAcquirerHarness.Wait;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }
}
