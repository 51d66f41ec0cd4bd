using System.Diagnostics;
using PosFirmware.Emulator.Acquirer;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>The faults that live on the wire, over real TCP: held, doubled, corrupted and cut answers.</summary>
[Collection("Wall clock")] // real loopback TCP with wall-clock timeouts: run alone, not beside CPU-bound tests
public class TcpAcquirerFaultTests
{
    [Fact]
    public async Task ALateAnswerArrivesNoSoonerThanItsHold()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        h.Host.Faults.ForceNext(AcquirerFault.Late);
        var watch = Stopwatch.StartNew();
        client.Send(RawMessages.Sale(mak, 2, 100));
        var late = TcpAcquirerHarness.Parse(client.ReceiveFrame(TcpAcquirerHarness.Wait), mak);
        // LateResponseMillis is 600 here; a timer never fires early, so this bound holds on any machine.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(590), $"arrived after {watch.Elapsed}");
        Assert.Equal("000002", late.GetText(11));
        Assert.Equal("00", late.GetText(39));
    }

    [Fact]
    public async Task ADuplicateAnswerArrivesTwiceByteForByte()
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
    public async Task ACorruptMacAnswerFailsTheClientsMacCheck()
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
}
