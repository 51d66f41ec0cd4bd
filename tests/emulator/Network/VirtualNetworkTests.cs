using System.Net;
using System.Net.Sockets;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Network;
using Xunit;

namespace PosFirmware.Tests.Emulator.Network;

[Collection("Wall clock")] // real loopback TCP with wall-clock timeouts: run alone, not beside CPU-bound tests
public class VirtualNetworkTests
{
    /// <summary>A server that answers every message with the same bytes, reversed, after a processing delay.</summary>
    private sealed class ReverseServer : IVirtualServer
    {
        public int Connects;
        public int Messages;
        public int Closes;
        public long ProcessingNanos = 1_000_000;

        public void OnConnect(VirtualConnection connection) => Connects++;

        public void OnReceive(VirtualConnection connection, byte[] data)
        {
            Messages++;
            connection.SendAfter(ProcessingNanos, data.Reverse().ToArray());
        }

        public void OnClose(VirtualConnection connection) => Closes++;
    }

    private static (VirtualBoard Board, VirtualNetworkLink Link, ReverseServer Server) Setup(NetworkFaults faults, ulong seed = 1)
    {
        var board = new VirtualBoard(seed);
        board.Network.Faults = faults;
        var server = new ReverseServer();
        board.Network.Register("host:1", server);
        return (board, board.NetworkLink("host:1"), server);
    }

    [Fact]
    public void A_round_trip_takes_two_latencies_plus_processing_in_virtual_time()
    {
        var (board, link, server) = Setup(new NetworkFaults { LatencyNanos = 10_000_000 });
        Assert.True(link.Connect(1_000_000));
        long sentAt = board.Clock.NowNanos;
        Assert.Equal(3, link.Send(new byte[] { 1, 2, 3 }, 0, 3));
        var buf = new byte[16];
        int n = link.Receive(buf, 0, buf.Length, 5_000_000);
        Assert.Equal(3, n);
        Assert.Equal(new byte[] { 3, 2, 1 }, buf.Take(3));
        Assert.Equal(sentAt + 2 * 10_000_000 + 1_000_000, board.Clock.NowNanos);
        Assert.Equal(1, server.Connects);
    }

    [Fact]
    public void Receive_times_out_one_tick_before_the_answer_and_gets_it_at_the_answer()
    {
        var (board, link, _) = Setup(new NetworkFaults { LatencyNanos = 1_000_000 });
        link.Connect(1_000_000);
        link.Send(new byte[] { 9 }, 0, 1);
        var buf = new byte[4];
        // The answer comes 3 ms after sending: a 2999 us wait misses it, the next wait gets it.
        Assert.Equal(0, link.Receive(buf, 0, 4, 2_999));
        Assert.Equal(1, link.Receive(buf, 0, 4, 1));
    }

    [Fact]
    public void A_dropped_request_is_never_answered()
    {
        var (_, link, server) = Setup(new NetworkFaults { DropProbability = 1.0 });
        link.Connect(1_000_000);
        link.Send(new byte[] { 1 }, 0, 1);
        Assert.Equal(0, link.Receive(new byte[4], 0, 4, 30_000_000));
        Assert.Equal(0, server.Messages);
    }

    [Fact]
    public void A_duplicated_message_arrives_twice()
    {
        var (board, link, server) = Setup(new NetworkFaults { DuplicateProbability = 1.0 });
        link.Connect(1_000_000);
        link.Send(new byte[] { 1, 2 }, 0, 2);
        board.Clock.Advance(1_000_000_000);
        Assert.Equal(2, server.Messages);
        // Each of the two answers is duplicated as well.
        var buf = new byte[16];
        Assert.Equal(8, link.Receive(buf, 0, 16, 1));
    }

    [Fact]
    public void A_long_delay_lands_past_the_timeout()
    {
        var (_, link, _) = Setup(new NetworkFaults { LongDelayProbability = 1.0, LongDelayNanos = 60_000_000_000 });
        Assert.True(link.Connect(1_000_000));
        link.Send(new byte[] { 1 }, 0, 1);
        Assert.Equal(0, link.Receive(new byte[4], 0, 4, 30_000_000));
        Assert.Equal(1, link.Receive(new byte[4], 0, 4, 120_000_000));
    }

    [Fact]
    public void A_reset_closes_the_link_and_receive_reports_it()
    {
        var (_, link, server) = Setup(new NetworkFaults { ResetProbability = 1.0 });
        Assert.True(link.Connect(1_000_000));
        Assert.Equal(-1, link.Send(new byte[] { 1 }, 0, 1));
        Assert.False(link.IsConnected);
        Assert.Equal(-1, link.Receive(new byte[4], 0, 4, 1_000_000));
        Assert.Equal(1, server.Closes);
    }

    [Fact]
    public void A_server_reset_mid_exchange_is_seen_as_closed()
    {
        var board = new VirtualBoard(1);
        var server = new ResettingServer();
        board.Network.Register("host:1", server);
        var link = board.NetworkLink("host:1");
        link.Connect(1_000_000);
        link.Send(new byte[] { 1 }, 0, 1);
        Assert.Equal(-1, link.Receive(new byte[4], 0, 4, 1_000_000));
    }

    private sealed class ResettingServer : IVirtualServer
    {
        public void OnConnect(VirtualConnection connection)
        {
        }

        public void OnReceive(VirtualConnection connection, byte[] data) => connection.Reset();

        public void OnClose(VirtualConnection connection)
        {
        }
    }

    [Fact]
    public void Connecting_to_nobody_fails_within_the_timeout()
    {
        var board = new VirtualBoard(1);
        var link = board.NetworkLink("nobody:1");
        Assert.False(link.Connect(5_000_000));
        Assert.True(board.Clock.NowNanos <= 5_000_000_000);
        Assert.Equal(-1, link.Send(new byte[1], 0, 1));
    }

    [Fact]
    public void The_same_seed_draws_the_same_faults()
    {
        static string Run(ulong seed)
        {
            var (board, link, server) = Setup(new NetworkFaults { DropProbability = 0.3, DuplicateProbability = 0.3, JitterNanos = 5_000_000 }, seed);
            link.Connect(1_000_000);
            var log = new List<string>();
            for (int i = 0; i < 50; i++)
            {
                link.Send(new byte[] { (byte)i }, 0, 1);
                var buf = new byte[8];
                int n = link.Receive(buf, 0, 8, 100_000);
                log.Add($"{board.Clock.NowNanos}:{n}");
            }
            return string.Join(",", log) + $"|{server.Messages}|{board.Network.Dropped}|{board.Network.Duplicated}";
        }
        Assert.Equal(Run(11), Run(11));
        Assert.NotEqual(Run(11), Run(12));
    }

    [Fact]
    public void The_tcp_link_talks_to_a_real_loopback_server()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = new Thread(() =>
        {
            using var client = listener.AcceptTcpClient();
            var stream = client.GetStream();
            var buf = new byte[3];
            stream.ReadExactly(buf, 0, 3);
            Array.Reverse(buf);
            stream.Write(buf, 0, 3);
            stream.Flush();
            Thread.Sleep(200);
        });
        server.Start();
        var clock = new VirtualClock();
        var link = new TcpNetworkLink(clock, new PowerRail(), "127.0.0.1", port);
        Assert.True(link.Connect(2_000_000));
        Assert.Equal(3, link.Send(new byte[] { 1, 2, 3 }, 0, 3));
        var got = new byte[3];
        int n = 0;
        for (int tries = 0; tries < 10 && n < 3; tries++)
        {
            int r = link.Receive(got, n, 3 - n, 2_000_000);
            Assert.True(r >= 0, "connection closed early");
            n += r;
        }
        Assert.Equal(new byte[] { 3, 2, 1 }, got);
        Assert.True(clock.NowNanos > 0, "wall time waited is accounted on the virtual clock");
        link.Close();
        Assert.True(server.Join(5000));
    }

    [Fact]
    public void The_tcp_link_reports_a_refused_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var link = new TcpNetworkLink(new VirtualClock(), new PowerRail(), "127.0.0.1", port);
        Assert.False(link.Connect(1_000_000));
        Assert.Equal(-1, link.Receive(new byte[1], 0, 1, 1000));
    }
}
