using PosFirmware.Emulator.Core;

namespace PosFirmware.Emulator.Network;

/// <summary>A service reachable on the virtual network (the acquirer simulator).</summary>
public interface IVirtualServer
{
    /// <summary>A client connected.</summary>
    void OnConnect(VirtualConnection connection);

    /// <summary>Bytes arrived from a client (one message as the client sent it, after faults).</summary>
    void OnReceive(VirtualConnection connection, byte[] data);

    /// <summary>The connection ended (closed by the client or reset).</summary>
    void OnClose(VirtualConnection connection);
}

/// <summary>
/// The network between the terminal and its services, on the virtual clock. Servers register under an
/// endpoint name ("acquirer:5000"); clients connect by that name. Each message crosses with the
/// configured latency and faults, drawn from the seeded random source.
/// </summary>
public sealed class VirtualNetwork
{
    private readonly Dictionary<string, IVirtualServer> _servers = new(StringComparer.Ordinal);

    /// <summary>Creates a network on a clock, drawing faults from random.</summary>
    public VirtualNetwork(VirtualClock clock, SimRandom random, NetworkFaults? faults = null)
    {
        Clock = clock;
        Random = random;
        Faults = faults ?? NetworkFaults.None();
    }

    /// <summary>The clock messages travel on.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The fault source.</summary>
    public SimRandom Random { get; }

    /// <summary>Faults applied to every message; may be changed mid-run.</summary>
    public NetworkFaults Faults { get; set; }

    /// <summary>Messages dropped by faults.</summary>
    public long Dropped { get; internal set; }

    /// <summary>Messages duplicated by faults.</summary>
    public long Duplicated { get; internal set; }

    /// <summary>Messages held past the long delay.</summary>
    public long LongDelayed { get; internal set; }

    /// <summary>Connections reset by faults.</summary>
    public long Resets { get; internal set; }

    /// <summary>Makes a server reachable at an endpoint.</summary>
    public void Register(string endpoint, IVirtualServer server) => _servers[endpoint] = server;

    /// <summary>Removes a server (connections to it are refused from then on).</summary>
    public void Unregister(string endpoint) => _servers.Remove(endpoint);

    internal IVirtualServer? Find(string endpoint) => _servers.TryGetValue(endpoint, out var s) ? s : null;

    /// <summary>How long one message takes this time, or -1 if it is lost; counts duplicates via outCopies.</summary>
    internal long DrawTransit(out int copies, out bool reset)
    {
        copies = 1;
        reset = false;
        var f = Faults;
        if (Random.Chance(f.ResetProbability))
        {
            Resets++;
            reset = true;
            return -1;
        }
        if (Random.Chance(f.DropProbability))
        {
            Dropped++;
            return -1;
        }
        if (Random.Chance(f.DuplicateProbability))
        {
            Duplicated++;
            copies = 2;
        }
        long delay = f.LatencyNanos + (f.JitterNanos > 0 ? Random.NextInRange(0, f.JitterNanos) : 0);
        if (Random.Chance(f.LongDelayProbability))
        {
            LongDelayed++;
            delay += f.LongDelayNanos;
        }
        return delay;
    }
}
