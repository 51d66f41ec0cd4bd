using System.Net;
using System.Net.Sockets;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// The acquirer simulator as a real TCP server, for terminals and tools outside the emulator. Loopback
/// only. Host time is wall-clock microseconds since the Unix epoch, so user-paying delays in the ledger
/// stay meaningful across restarts. Every read has an idle timeout, so a silent client cannot pin a
/// connection forever.
/// </summary>
public sealed class TcpAcquirerServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private readonly object _gate = new();
    private Task? _acceptLoop;

    /// <summary>Creates a server for host on a loopback endpoint (port 0 picks a free port).</summary>
    public TcpAcquirerServer(AcquirerHost host, IPEndPoint endpoint)
    {
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            throw new ArgumentException($"the simulator listens on loopback only, not {endpoint.Address}");
        }
        Host = host;
        Host.Epoch = DateTime.UnixEpoch;
        _listener = new TcpListener(endpoint);
    }

    /// <summary>The handler and ledger.</summary>
    public AcquirerHost Host { get; }

    /// <summary>How long a connection may stay silent before the server closes it.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Default bound on connections served at once.</summary>
    public const int DefaultMaxConnections = 64;

    /// <summary>Connections served at once; one more is reset on arrival (a runaway client cannot exhaust the host).</summary>
    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary>Connections reset on arrival because MaxConnections were being served.</summary>
    public int ConnectionsRefused { get; private set; }

    /// <summary>The bound endpoint (after Start).</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Connections accepted so far.</summary>
    public int ConnectionsAccepted { get; private set; }

    /// <summary>Host time now: wall-clock microseconds since the Unix epoch.</summary>
    public static long NowMicros() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;

    /// <summary>Starts listening and accepting.</summary>
    public void Start()
    {
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoop);
    }

    /// <summary>Stops accepting, closes every connection and waits (bounded) for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _tasks, .. _acceptLoop is null ? Array.Empty<Task>() : [_acceptLoop]];
        }
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            ConnectionsAccepted++;
            lock (_gate)
            {
                _tasks.RemoveAll(t => t.IsCompleted);
                if (_tasks.Count >= MaxConnections)
                {
                    ConnectionsRefused++;
                    Host.Note(NowMicros(), "rejected", $"connection limit {MaxConnections} reached: connection reset");
                    Reset(client);
                    continue;
                }
                _tasks.Add(Task.Run(() => Serve(client)));
            }
        }
    }

    private async Task Serve(Socket client)
    {
        client.NoDelay = true;
        var assembler = new FrameAssembler(VirtualAcquirer.MaxFrameBytes);
        var writeGate = new SemaphoreSlim(1, 1);
        var pendingSends = new List<Task>();
        var buffer = new byte[4096];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                idle.CancelAfter(IdleTimeout);
                int n = await client.ReceiveAsync(buffer, SocketFlags.None, idle.Token);
                if (n == 0)
                {
                    break;
                }
                var frames = assembler.Add(buffer.AsSpan(0, n));
                if (assembler.Broken)
                {
                    Host.Note(NowMicros(), "rejected", "oversized length prefix: connection reset");
                    Reset(client);
                    return;
                }
                foreach (var frame in frames)
                {
                    var reply = Host.Handle(frame, NowMicros());
                    foreach (var send in reply.Sends)
                    {
                        if (send.DelayMicros > 0)
                        {
                            pendingSends.Add(SendLater(client, writeGate, send));
                        }
                        else if (!await Send(client, writeGate, send))
                        {
                            return;
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away, idled out, or the server is stopping.
        }
        finally
        {
            await Task.WhenAny(Task.WhenAll(pendingSends), Task.Delay(TimeSpan.FromSeconds(1)));
            client.Dispose();
        }
    }

    private async Task SendLater(Socket client, SemaphoreSlim writeGate, AcquirerSend send)
    {
        try
        {
            await Task.Delay(TimeSpan.FromTicks(send.DelayMicros * 10), _stop.Token);
            await Send(client, writeGate, send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping, or the client is gone: a late answer nobody can receive.
        }
    }

    private static async Task<bool> Send(Socket client, SemaphoreSlim writeGate, AcquirerSend send)
    {
        await writeGate.WaitAsync();
        try
        {
            await client.SendAsync(send.Bytes, SocketFlags.None);
            if (send.ResetAfter)
            {
                Reset(client);
                return false;
            }
            return true;
        }
        finally
        {
            writeGate.Release();
        }
    }

    private static void Reset(Socket client)
    {
        // Linger 0 makes Close send an RST instead of a FIN: the terminal sees a reset, not a clean close.
        client.LingerState = new LingerOption(true, 0);
        client.Close();
    }
}
