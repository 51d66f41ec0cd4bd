using System.Diagnostics;
using System.Net.Sockets;
using PosFirmware.Emulator.Acquirer;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// The simulator as a TCP server on loopback, driven by a raw-bytes client: the transport's own duties
/// (answers and MACs on the wire, closing what cannot be read, stalled and idle connections, bursts,
/// shedding at the limit, a restart on the same ledger). The business rules are AcquirerHostRuleTests.
/// </summary>
[Collection("Wall clock")] // real loopback TCP with wall-clock timeouts: run alone, not beside CPU-bound tests
public class TcpAcquirerBehaviourTests
{
    [Fact]
    public async Task ASignedInTerminalsSaleIsAnsweredWithAValidMac()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        byte[] mak = h.SignIn(client);
        client.Send(RawMessages.Sale(mak, 2, 1234));
        var response = TcpAcquirerHarness.Parse(client.ReceiveFrame(TcpAcquirerHarness.Wait), mak);
        Assert.Equal(210, response.MessageType);
        Assert.Equal("00", response.GetText(39));
        var snapshot = h.Host.Snapshot();
        Assert.Equal(1234, snapshot.NetDebitFen(Assert.Single(snapshot.Sales).Id));
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
    public async Task AMalformedFrameIsAnsweredAtOnceAndAnUnreadableOneClosesTheConnectionAtOnce()
    {
        await using var h = new TcpAcquirerHarness();
        using var client = h.Connect();
        var watch = Stopwatch.StartNew();
        var answer = h.Exchange(client, RawMessages.Frame(Convert.FromHexString("0200")));
        Assert.Equal(210, answer.MessageType);
        Assert.Equal("30", answer.GetText(39));
        client.Send(RawMessages.Frame(Convert.FromHexString("0A0A" + "2000000000000000" + "000000")));
        Assert.Null(client.ReceiveFrame(TcpAcquirerHarness.Wait));
        Assert.True(client.Closed);
        // Well inside the frame deadline and the idle timeout: nobody waits them out.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        using var good = h.Connect();
        h.SignIn(good);
        Assert.Contains(h.Host.Snapshot().Events, e => e.Kind == "rejected" && e.Detail.Contains("0A0A is not 4 BCD digits"));
    }

    [Fact]
    public async Task AnOversizedLengthPrefixResetsTheConnectionAndTheServerKeepsServing()
    {
        await using var h = new TcpAcquirerHarness();
        using (var bad = h.Connect())
        {
            bad.Send([0x20, 0x00, 0x60]);
            Assert.Null(bad.ReceiveFrame(TcpAcquirerHarness.Wait));
            Assert.True(bad.Closed);
        }
        using var good = h.Connect();
        h.SignIn(good);
        Assert.Contains(h.Host.Snapshot().Events, e => e.Kind == "rejected" && e.Detail.Contains("oversized"));
    }

    [Fact]
    public async Task ASignInIsAnsweredWithinASecondWhileHundredsOfStalledSocketsAreOpen()
    {
        await using var h = new TcpAcquirerHarness();
        var stalled = new List<RawTcpClient>();
        try
        {
            for (int i = 0; i < 300; i++)
            {
                var client = h.Connect();
                // Five bytes of a frame, and nothing more.
                client.Send(RawMessages.SignIn(1)[..5]);
                stalled.Add(client);
            }
            await WaitUntil(() => h.Server.OpenConnections >= 300);
            using var terminal = h.Connect();
            var watch = Stopwatch.StartNew();
            terminal.Send(RawMessages.SignIn(2));
            var answer = TcpAcquirerHarness.Parse(terminal.ReceiveFrame(TcpAcquirerHarness.Wait));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"sign-in took {watch.Elapsed}");
            Assert.Equal("00", answer.GetText(39));
            Assert.Equal(0, h.Server.ConnectionsShed);
        }
        finally
        {
            foreach (var client in stalled)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task AFrameThatStallsPastItsDeadlineIsClosedWhileAnIdleConnectionStaysOpen()
    {
        await using var h = new TcpAcquirerHarness(configure: c => c.FrameDeadlineMillis = 300);
        using var idle = h.Connect();
        h.SignIn(idle);
        using var staller = h.Connect();
        staller.Send(RawMessages.SignIn(2)[..5]);
        var watch = Stopwatch.StartNew();
        Assert.Null(staller.ReceiveFrame(TcpAcquirerHarness.Wait));
        Assert.True(staller.Closed);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
        Assert.Equal(1, h.Server.FramesStalled);
        // The idle connection, silent all along but between frames, is still served.
        h.SignIn(idle, trace: 3);
        Assert.Contains(h.Host.Snapshot().Events, e => e.Kind == "stalled" && e.Detail.Contains("5 bytes"));
    }

    [Fact]
    public async Task ABurstOfTwoHundredConnectionsIsServedWithoutAReset()
    {
        await using var h = new TcpAcquirerHarness();
        // All at once and all asynchronous: 200 connects in flight together, then 200 sign-ins.
        var sockets = Enumerable.Range(0, 200).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }).ToArray();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await Task.WhenAll(sockets.Select(s => s.ConnectAsync(h.Server.LocalEndpoint, timeout.Token).AsTask()));
            var answers = await Task.WhenAll(sockets.Select((s, i) => SignInAsync(s, i + 1, timeout.Token)));
            Assert.All(answers, a => Assert.Equal("00", TcpAcquirerHarness.Parse(a).GetText(39)));
            Assert.Equal(0, h.Server.ConnectionsShed);
            Assert.True(h.Server.ConnectionsAccepted >= 200);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    // A reset shows as a SocketException here and fails the test.
    private static async Task<byte[]> SignInAsync(Socket socket, int trace, CancellationToken cancel)
    {
        await socket.SendAsync(RawMessages.SignIn(trace), SocketFlags.None, cancel);
        var frame = new List<byte>();
        var buffer = new byte[512];
        while (frame.Count < 2 || frame.Count < 2 + ((frame[0] << 8) | frame[1]))
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel);
            Assert.True(n > 0, $"connection {trace} closed before its answer");
            frame.AddRange(buffer.AsSpan(0, n));
        }
        return [.. frame];
    }

    [Fact]
    public async Task AtTheConnectionLimitTheConnectionIdleLongestIsShed()
    {
        await using var h = new TcpAcquirerHarness(configure: c => c.MaxConnections = 3);
        using var oldest = h.Connect();
        using var second = h.Connect();
        using var third = h.Connect();
        h.SignIn(oldest);
        await Task.Delay(50);
        h.SignIn(second, trace: 2);
        h.SignIn(third, trace: 3);
        using var newcomer = h.Connect();
        h.SignIn(newcomer, trace: 4);
        Assert.Null(oldest.ReceiveFrame(TcpAcquirerHarness.Wait));
        Assert.True(oldest.Closed);
        Assert.Equal(1, h.Server.ConnectionsShed);
        h.SignIn(second, trace: 5);
        Assert.Contains(h.Host.Snapshot().Events, e => e.Kind == "shed" && e.Detail.Contains("3 connections open"));
    }

    [Fact]
    public async Task AnIdleConnectionIsShedBeforeAnOlderOneInTheMiddleOfAFrame()
    {
        await using var h = new TcpAcquirerHarness(configure: c => c.MaxConnections = 2);
        using var midFrame = h.Connect();
        var signIn = RawMessages.SignIn(1);
        midFrame.Send(signIn[..5]);
        await Task.Delay(50);
        using var idle = h.Connect();
        h.SignIn(idle, trace: 2);
        using var newcomer = h.Connect();
        h.SignIn(newcomer, trace: 3);
        Assert.Null(idle.ReceiveFrame(TcpAcquirerHarness.Wait));
        Assert.True(idle.Closed);
        // The older connection, mid-frame, was kept: the rest of its frame is answered.
        midFrame.Send(signIn[5..]);
        Assert.Equal("00", TcpAcquirerHarness.Parse(midFrame.ReceiveFrame(TcpAcquirerHarness.Wait)).GetText(39));
        Assert.Equal(1, h.Server.ConnectionsShed);
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
