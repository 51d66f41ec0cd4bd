using PosFirmware.Emulator.Core;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Network;

/// <summary>
/// The terminal's network link on the virtual network. Blocking calls wait on the virtual clock, so a
/// 30-second receive timeout costs no wall time. The receive buffer is bounded (a TCP window).
/// </summary>
public sealed class VirtualNetworkLink : INetworkLink
{
    private readonly VirtualNetwork _network;
    private readonly PowerRail _power;
    private readonly ByteRing _rx;
    private readonly WakeSignal? _wake;
    private VirtualConnection? _connection;
    private IVirtualServer? _server;
    private int _nextId;

    /// <summary>Creates a link that connects to endpoint; wake, when given, is signalled when data or a reset arrives.</summary>
    public VirtualNetworkLink(VirtualNetwork network, PowerRail power, string endpoint, int receiveBufferBytes = 16 * 1024, WakeSignal? wake = null)
    {
        _wake = wake;
        _network = network;
        _power = power;
        Endpoint = endpoint;
        _rx = new ByteRing(receiveBufferBytes);
    }

    /// <summary>The endpoint it connects to.</summary>
    public string Endpoint { get; }

    /// <summary>Bytes dropped because the receive buffer was full.</summary>
    public long OverrunBytes => _rx.Overruns;

    /// <summary>Connections made.</summary>
    public int ConnectCount { get; private set; }

    /// <inheritdoc />
    public bool IsConnected => _connection != null && _connection.IsOpen;

    /// <inheritdoc />
    public bool Connect(long timeoutMicros)
    {
        _power.ThrowIfOff("network");
        Close();
        var clock = _network.Clock;
        long deadline = clock.NowNanos + Math.Max(0, timeoutMicros) * 1000;
        var server = _network.Find(Endpoint);
        bool refused = server == null || _network.Random.Chance(_network.Faults.ConnectRefusedProbability);
        if (refused)
        {
            // A refusal comes back after one round trip; no answer at all would take the whole timeout.
            clock.WaitUntil(() => false, Math.Min(deadline, clock.NowNanos + 2 * _network.Faults.LatencyNanos));
            return false;
        }
        var connection = new VirtualConnection(_network, this, Endpoint, ++_nextId);
        bool established = false;
        clock.ScheduleIn(_network.Faults.LatencyNanos, () =>
        {
            established = true;
            server!.OnConnect(connection);
        });
        if (!clock.WaitUntil(() => established, deadline))
        {
            connection.IsOpen = false;
            return false;
        }
        _connection = connection;
        _server = server;
        _rx.Clear();
        ConnectCount++;
        return true;
    }

    /// <inheritdoc />
    public int Send(byte[] buffer, int offset, int count)
    {
        _power.ThrowIfOff("network");
        if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "send outside the buffer");
        }
        var connection = _connection;
        var server = _server;
        if (connection == null || server == null || !connection.IsOpen)
        {
            return -1;
        }
        var data = new byte[count];
        Array.Copy(buffer, offset, data, 0, count);
        long transit = _network.DrawTransit(out int copies, out bool reset);
        if (reset)
        {
            connection.IsOpen = false;
            server.OnClose(connection);
            return -1;
        }
        if (transit >= 0)
        {
            for (int i = 0; i < copies; i++)
            {
                _network.Clock.ScheduleIn(transit, () =>
                {
                    if (connection.IsOpen)
                    {
                        server.OnReceive(connection, data);
                    }
                });
            }
        }
        return count;
    }

    /// <inheritdoc />
    public int Receive(byte[] buffer, int offset, int count, long timeoutMicros)
    {
        _power.ThrowIfOff("network");
        if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "receive outside the buffer");
        }
        var clock = _network.Clock;
        long deadline = clock.NowNanos + Math.Max(0, timeoutMicros) * 1000;
        clock.WaitUntil(() => _rx.Count > 0 || !IsConnected, deadline);
        if (_rx.Count == 0)
        {
            return IsConnected ? 0 : -1;
        }
        return _rx.Take(buffer, offset, count);
    }

    /// <inheritdoc />
    public void Close()
    {
        var connection = _connection;
        _connection = null;
        if (connection != null && connection.IsOpen)
        {
            connection.IsOpen = false;
            var server = _server;
            _network.Clock.ScheduleIn(_network.Faults.LatencyNanos, () => server?.OnClose(connection));
        }
        _server = null;
    }

    internal void DeliverFromServer(VirtualConnection connection, byte[] data)
    {
        if (connection != _connection || !connection.IsOpen)
        {
            return;
        }
        foreach (byte b in data)
        {
            _rx.Offer(b);
        }
        _wake?.Signal();
    }

    internal void PeerReset(VirtualConnection connection)
    {
        if (connection == _connection)
        {
            _wake?.Signal();
            _server?.OnClose(connection);
        }
    }
}
