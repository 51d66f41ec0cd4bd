using PosFirmware.Emulator.Acquirer;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>Each fault on demand, over real TCP, with a raw client and the ledger as the judge.</summary>
public class TcpAcquirerFaultTests
{
    [Fact]
    public async Task DropRequestLeavesNoTraceInTheBooks()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        h.Host.Faults.ForceNext(AcquirerFault.DropRequest);
        client.Send(RawMessages.Sale(mak, 2, 100));
        Assert.Null(client.ReceiveFrame(TcpAcquirerHarness.Short));
        Assert.Empty(h.Host.Snapshot().Sales);
        // The terminal's retry with the same trace is then processed normally.
        Assert.Equal("00", h.Exchange(client, RawMessages.Sale(mak, 2, 100)).GetText(39));
    }

    [Fact]
    public async Task DropResponseCommitsTheDebitAndTheRetryDoesNotDebitAgain()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        h.Host.Faults.ForceNext(AcquirerFault.DropResponse);
        client.Send(RawMessages.Sale(mak, 2, 100));
        Assert.Null(client.ReceiveFrame(TcpAcquirerHarness.Short));
        var snapshot = h.Host.Snapshot();
        Assert.Equal(1, snapshot.DebitCount(Assert.Single(snapshot.Sales).Id));
        Assert.Equal("00", h.Exchange(client, RawMessages.Sale(mak, 2, 100)).GetText(39));
        snapshot = h.Host.Snapshot();
        Assert.Equal(1, snapshot.DebitCount(Assert.Single(snapshot.Sales).Id));
    }

    [Fact]
    public async Task LateAnswerArrivesOnlyAfterTheTerminalsTimeout()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        h.Host.Faults.ForceNext(AcquirerFault.Late);
        client.Send(RawMessages.Sale(mak, 2, 100));
        // A terminal waiting 300 ms sees nothing (LateResponseMillis is 600 here) ...
        Assert.Null(client.ReceiveFrame(TcpAcquirerHarness.Short));
        // ... and the answer turns up afterwards, for whoever is still reading.
        var late = TcpAcquirerHarness.Parse(client.ReceiveFrame(TcpAcquirerHarness.Wait), mak);
        Assert.Equal("000002", late.GetText(11));
        Assert.Equal("00", late.GetText(39));
    }

    [Fact]
    public async Task DuplicateAnswerArrivesTwiceByteForByte()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        h.Host.Faults.ForceNext(AcquirerFault.Duplicate);
        client.Send(RawMessages.Sale(mak, 2, 100));
        var first = client.ReceiveFrame(TcpAcquirerHarness.Wait);
        var second = client.ReceiveFrame(TcpAcquirerHarness.Wait);
        Assert.NotNull(first);
        Assert.Equal(first, second);
        var snapshot = h.Host.Snapshot();
        Assert.Equal(1, snapshot.DebitCount(Assert.Single(snapshot.Sales).Id));
    }

    [Fact]
    public async Task CorruptMacAnswerFailsTheClientsMacCheck()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        h.Host.Faults.ForceNext(AcquirerFault.CorruptMac);
        client.Send(RawMessages.Sale(mak, 2, 100));
        var frame = client.ReceiveFrame(TcpAcquirerHarness.Wait)!;
        var expected = RawMessages.CupEcbMac(mak, frame.AsSpan(13, frame.Length - 13 - 8));
        Assert.NotEqual(Convert.ToHexString(expected), Convert.ToHexString(frame, frame.Length - 8, 8));
        Assert.Equal("00", TcpAcquirerHarness.Parse(frame).GetText(39));
    }

    [Fact]
    public async Task ResetMidFrameDeliversHalfAFrameThenResets()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        h.Host.Faults.ForceNext(AcquirerFault.ResetMidFrame);
        client.Send(RawMessages.Sale(mak, 2, 100));
        Assert.Null(client.ReceiveFrame(TcpAcquirerHarness.Wait));
        Assert.True(client.Closed);
        Assert.True(client.PendingBytes is > 0 and < 100, $"pending {client.PendingBytes}");
        // The sale was processed: a reconnecting terminal's query finds it paid.
        using var again = h.Connect();
        Assert.Equal("00", h.Exchange(again, RawMessages.Query(mak, 3, 2)).GetText(39));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    public async Task PaymentRacingAReversalNeverLeavesTheCustomerCharged(ulong seed)
    {
        await using var h = new TcpAcquirerHarness(seed);
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        Assert.Equal("09", h.Exchange(client, RawMessages.Sale(mak, 2, 2088)).GetText(39));
        h.Host.Faults.ForceNext(AcquirerFault.PayDuringReversal);
        Assert.Equal("00", h.Exchange(client, RawMessages.Reversal(mak, 2, 2088)).GetText(39));
        // Whichever side of the race the seed picks, and even after the order's own settle time passes:
        await Task.Delay(1300);
        Assert.Equal("05", h.Exchange(client, RawMessages.Query(mak, 3, 2)).GetText(39));
        var snapshot = h.Host.Snapshot();
        var sale = Assert.Single(snapshot.Sales);
        Assert.Equal(SaleRecord.Reversed, sale.State);
        Assert.Equal(0, snapshot.NetDebitFen(sale.Id));
        Assert.True(snapshot.DebitCount(sale.Id) <= 1);
        Assert.Equal(1, h.Host.Faults.Applied[AcquirerFault.PayDuringReversal]);
    }

    [Fact]
    public async Task BothSidesOfTheRaceOccurAcrossSeeds()
    {
        var debited = new HashSet<int>();
        for (ulong seed = 1; seed <= 8 && debited.Count < 2; seed++)
        {
            await using var h = new TcpAcquirerHarness(seed);
            using var client = h.Connect();
            byte[] mak = h.SignIn(client);
            h.Exchange(client, RawMessages.Sale(mak, 2, 2088));
            h.Host.Faults.ForceNext(AcquirerFault.PayDuringReversal);
            h.Exchange(client, RawMessages.Reversal(mak, 2, 2088));
            var snapshot = h.Host.Snapshot();
            debited.Add(snapshot.DebitCount(snapshot.Sales[0].Id));
        }
        Assert.Equal([0, 1], debited.Order());
    }

    [Fact]
    public async Task ReversalOfAnOrderStillBeingPaidWithoutRaceCancelsIt()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        h.Exchange(client, RawMessages.Sale(mak, 2, 3088));
        Assert.Equal("00", h.Exchange(client, RawMessages.Reversal(mak, 2, 3088)).GetText(39));
        await Task.Delay(1300);
        Assert.Equal("05", h.Exchange(client, RawMessages.Query(mak, 3, 2)).GetText(39));
        Assert.Empty(h.Host.Snapshot().Entries);
    }
}
