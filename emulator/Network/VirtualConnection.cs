namespace PosFirmware.Emulator.Network;

/// <summary>
/// One connection as a server sees it. Sending schedules delivery to the client after the network's
/// latency and faults; Reset tears the connection down for both sides.
/// </summary>
public sealed class VirtualConnection
{
    private readonly VirtualNetwork _network;
    private readonly VirtualNetworkLink _client;

    internal VirtualConnection(VirtualNetwork network, VirtualNetworkLink client, string endpoint, int id)
    {
        _network = network;
        _client = client;
        Endpoint = endpoint;
        Id = id;
    }

    /// <summary>The endpoint the client connected to.</summary>
    public string Endpoint { get; }

    /// <summary>A number unique on this client link.</summary>
    public int Id { get; }

    /// <summary>True until closed or reset.</summary>
    public bool IsOpen { get; internal set; } = true;

    /// <summary>Virtual time now, in nanoseconds.</summary>
    public long NowNanos => _network.Clock.NowNanos;

    /// <summary>Sends bytes to the client now, through the network's faults.</summary>
    public void Send(byte[] data) => SendAfter(0, data);

    /// <summary>Sends bytes to the client after a server-side delay (processing time, a late answer).</summary>
    public void SendAfter(long delayNanos, byte[] data)
    {
        var copy = (byte[])data.Clone();
        _network.Clock.ScheduleIn(Math.Max(0, delayNanos), () =>
        {
            if (!IsOpen)
            {
                return;
            }
            long transit = _network.DrawTransit(out int copies, out bool reset);
            if (reset)
            {
                Reset();
                return;
            }
            if (transit < 0)
            {
                return;
            }
            for (int i = 0; i < copies; i++)
            {
                _network.Clock.ScheduleIn(transit, () => _client.DeliverFromServer(this, copy));
            }
        });
    }

    /// <summary>Resets the connection: the client sees it closed at once (a TCP RST).</summary>
    public void Reset()
    {
        if (!IsOpen)
        {
            return;
        }
        IsOpen = false;
        _client.PeerReset(this);
    }
}
