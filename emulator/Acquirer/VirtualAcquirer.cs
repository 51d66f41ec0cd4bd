using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Network;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// The acquirer simulator on the virtual network: frames from each connection go to the shared
/// <see cref="AcquirerHost"/> at virtual time, and its sends are scheduled on the virtual clock, so a
/// late answer costs no wall time and every run with the same seed is the same.
/// </summary>
public sealed class VirtualAcquirer : IVirtualServer
{
    /// <summary>Largest frame accepted from a terminal.</summary>
    public const int MaxFrameBytes = 8192;

    private readonly VirtualNetwork _network;
    private readonly Dictionary<VirtualConnection, FrameAssembler> _connections = [];

    /// <summary>Creates the simulator on a network.</summary>
    public VirtualAcquirer(VirtualNetwork network, AcquirerHost host)
    {
        _network = network;
        Host = host;
    }

    /// <summary>The message handler and its ledger.</summary>
    public AcquirerHost Host { get; }

    /// <summary>Connections reset because a frame was oversized or its message type unreadable.</summary>
    public int ConnectionsDropped { get; private set; }

    /// <summary>Builds a simulator with an in-memory (or file) ledger and registers it as the terminal's acquirer.</summary>
    public static VirtualAcquirer Attach(VirtualTerminal terminal, AcquirerConfig? config = null, string ledgerPath = ":memory:")
    {
        var board = terminal.Board;
        var host = new AcquirerHost(config ?? new AcquirerConfig(), new AcquirerLedger(ledgerPath), board.Random.Fork("acquirer"));
        var acquirer = new VirtualAcquirer(board.Network, host);
        board.Network.Register(VirtualTerminal.AcquirerEndpoint, acquirer);
        return acquirer;
    }

    /// <inheritdoc />
    public void OnConnect(VirtualConnection connection) => _connections[connection] = new FrameAssembler(MaxFrameBytes);

    /// <inheritdoc />
    public void OnReceive(VirtualConnection connection, byte[] data)
    {
        if (!_connections.TryGetValue(connection, out var assembler))
        {
            return;
        }
        var frames = assembler.Add(data);
        if (assembler.Broken)
        {
            ConnectionsDropped++;
            connection.Reset();
            return;
        }
        foreach (var frame in frames)
        {
            var reply = Host.Handle(frame, connection.NowNanos / 1000);
            if (reply.Close)
            {
                // Not even a message type to answer: the connection goes at once (the virtual network closes by reset).
                ConnectionsDropped++;
                connection.Reset();
                return;
            }
            foreach (var send in reply.Sends)
            {
                long delayNanos = send.DelayMicros * 1000;
                connection.SendAfter(delayNanos, send.Bytes);
                if (send.ResetAfter)
                {
                    // After the half frame has crossed the network (latency plus the worst jitter).
                    long transit = _network.Faults.LatencyNanos + _network.Faults.JitterNanos + 1;
                    _network.Clock.ScheduleIn(delayNanos + transit, connection.Reset);
                }
            }
        }
    }

    /// <inheritdoc />
    public void OnClose(VirtualConnection connection) => _connections.Remove(connection);
}
