using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PosFirmware.Emulator.Core;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Network;

/// <summary>
/// The terminal's network link over a real TCP socket (to the acquirer simulator on loopback, or a real
/// test host). Real sockets wait in wall time; the wall time a call took is added to the virtual clock,
/// so timeouts in the firmware mean what they say. A run in this mode is not bit-for-bit repeatable.
/// </summary>
public sealed class TcpNetworkLink : INetworkLink
{
    private readonly VirtualClock _clock;
    private readonly PowerRail _power;
    private Socket? _socket;

    /// <summary>Creates a link to host:port.</summary>
    public TcpNetworkLink(VirtualClock clock, PowerRail power, string host, int port)
    {
        _clock = clock;
        _power = power;
        Host = host;
        Port = port;
    }

    /// <summary>Remote host.</summary>
    public string Host { get; }

    /// <summary>Remote port.</summary>
    public int Port { get; }

    /// <inheritdoc />
    public bool IsConnected => _socket != null && _socket.Connected;

    /// <inheritdoc />
    public bool Connect(long timeoutMicros)
    {
        _power.ThrowIfOff("network");
        Close();
        var watch = Stopwatch.StartNew();
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var address = IPAddress.TryParse(Host, out var ip) ? ip : Dns.GetHostAddresses(Host)[0];
            using var cts = new CancellationTokenSource(TimeSpan.FromTicks(Math.Max(1, timeoutMicros) * 10));
            socket.ConnectAsync(new IPEndPoint(address, Port), cts.Token).AsTask().GetAwaiter().GetResult();
            _socket = socket;
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            return false;
        }
        finally
        {
            AccountWallTime(watch);
        }
    }

    /// <inheritdoc />
    public int Send(byte[] buffer, int offset, int count)
    {
        _power.ThrowIfOff("network");
        var socket = _socket;
        if (socket == null)
        {
            return -1;
        }
        try
        {
            int sent = 0;
            while (sent < count)
            {
                sent += socket.Send(buffer, offset + sent, count - sent, SocketFlags.None);
            }
            return count;
        }
        catch (SocketException)
        {
            Close();
            return -1;
        }
    }

    /// <inheritdoc />
    public int Receive(byte[] buffer, int offset, int count, long timeoutMicros)
    {
        _power.ThrowIfOff("network");
        var socket = _socket;
        if (socket == null)
        {
            return -1;
        }
        var watch = Stopwatch.StartNew();
        try
        {
            int waitMicros = (int)Math.Min(int.MaxValue, Math.Max(0, timeoutMicros));
            if (!socket.Poll(waitMicros, SelectMode.SelectRead))
            {
                return 0;
            }
            int n = socket.Receive(buffer, offset, count, SocketFlags.None);
            if (n == 0)
            {
                Close();
                return -1;
            }
            return n;
        }
        catch (SocketException)
        {
            Close();
            return -1;
        }
        finally
        {
            AccountWallTime(watch);
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    private void AccountWallTime(Stopwatch watch)
    {
        long nanos = (long)(watch.Elapsed.TotalMilliseconds * 1_000_000);
        _clock.Advance(nanos);
    }
}
