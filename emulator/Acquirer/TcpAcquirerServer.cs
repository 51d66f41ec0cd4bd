using System.Net;
using System.Net.Sockets;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// The acquirer simulator as a real TCP server, for terminals and tools outside the emulator. Loopback
/// only. Every connection is served with asynchronous I/O (no thread per connection, no small fixed cap).
/// A frame that has begun must be complete within FrameDeadline (a stalled sender is closed), a silent
/// connection is closed after IdleTimeout, and at MaxConnections the connection idle the longest is shed
/// to make room (one mid-frame only when none is idle). Host time is wall-clock microseconds since the
/// Unix epoch, so user-paying delays in the ledger stay meaningful across restarts.
/// </summary>
public sealed class TcpAcquirerServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Connection> _connections = [];
    private readonly List<Task> _tasks = [];
    private readonly object _gate = new();
    private Task? _acceptLoop;
    private long _accepted;
    private long _shed;
    private long _stalled;

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
        IdleTimeout = TimeSpan.FromSeconds(host.Config.IdleTimeoutSeconds);
        FrameDeadline = TimeSpan.FromMilliseconds(host.Config.FrameDeadlineMillis);
        MaxConnections = host.Config.MaxConnections;
    }

    /// <summary>The handler and ledger.</summary>
    public AcquirerHost Host { get; }

    /// <summary>How long a connection may stay silent between frames before the server closes it.</summary>
    public TimeSpan IdleTimeout { get; set; }

    /// <summary>How long a frame may take to arrive once its first byte has.</summary>
    public TimeSpan FrameDeadline { get; set; }

    /// <summary>The default of <see cref="MaxConnections"/> (AcquirerConfig.MaxConnections).</summary>
    public const int DefaultMaxConnections = 1024;

    /// <summary>Connections served at once; a new one beyond it sheds the connection idle the longest.</summary>
    public int MaxConnections { get; set; }

    /// <summary>Connections closed to make room for new ones.</summary>
    public long ConnectionsShed => Interlocked.Read(ref _shed);

    /// <summary>Connections closed because a frame did not complete within FrameDeadline.</summary>
    public long FramesStalled => Interlocked.Read(ref _stalled);

    /// <summary>Connections open now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>The bound endpoint (after Start).</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Connections accepted so far.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _accepted);

    /// <summary>Host time now: wall-clock microseconds since the Unix epoch.</summary>
    public static long NowMicros() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;

    /// <summary>Starts listening and accepting.</summary>
    public void Start()
    {
        _listener.Start(Host.Config.ListenBacklog);
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
            foreach (var connection in _connections)
            {
                connection.Socket.Dispose();
            }
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
            Interlocked.Increment(ref _accepted);
            var connection = new Connection(client);
            Connection? victim = null;
            lock (_gate)
            {
                if (_tasks.Count > 2 * MaxConnections)
                {
                    _tasks.RemoveAll(t => t.IsCompleted);
                }
                if (_connections.Count >= MaxConnections)
                {
                    victim = OldestIdle();
                    _connections.Remove(victim);
                }
                _connections.Add(connection);
                _tasks.Add(Serve(connection));
            }
            if (victim != null)
            {
                Interlocked.Increment(ref _shed);
                Host.Note(NowMicros(), "shed", $"{MaxConnections} connections open: closed the one idle for {(Environment.TickCount64 - victim.LastActivityMillis) / 1000.0:F1} s{(victim.MidFrame ? " (mid-frame)" : "")}");
                Reset(victim.Socket);
            }
        }
    }

    // Called under _gate: the connection silent the longest, preferring ones not inside a frame.
    private Connection OldestIdle()
    {
        Connection? best = null;
        foreach (var c in _connections)
        {
            if (best == null || (best.MidFrame && !c.MidFrame) || (best.MidFrame == c.MidFrame && c.LastActivityMillis < best.LastActivityMillis))
            {
                best = c;
            }
        }
        return best!;
    }

    private async Task Serve(Connection connection)
    {
        await Task.Yield();
        var client = connection.Socket;
        client.NoDelay = true;
        var assembler = new FrameAssembler(VirtualAcquirer.MaxFrameBytes);
        var writeGate = new SemaphoreSlim(1, 1);
        var pendingSends = new List<Task>();
        var buffer = new byte[4096];
        long frameStartedMillis = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TimeSpan wait = IdleTimeout;
                if (connection.MidFrame)
                {
                    wait = FrameDeadline - TimeSpan.FromMilliseconds(Environment.TickCount64 - frameStartedMillis);
                    if (wait <= TimeSpan.Zero)
                    {
                        Stalled(connection, assembler.Pending);
                        return;
                    }
                }
                int n;
                using (var timer = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    timer.CancelAfter(wait);
                    try
                    {
                        n = await client.ReceiveAsync(buffer, SocketFlags.None, timer.Token);
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                        if (connection.MidFrame)
                        {
                            Stalled(connection, assembler.Pending);
                        }
                        else
                        {
                            Host.Note(NowMicros(), "idle", $"connection silent for {IdleTimeout.TotalSeconds:F0} s: closed");
                        }
                        return;
                    }
                }
                if (n == 0)
                {
                    break;
                }
                connection.LastActivityMillis = Environment.TickCount64;
                if (!connection.MidFrame)
                {
                    frameStartedMillis = connection.LastActivityMillis;
                }
                var frames = assembler.Add(buffer.AsSpan(0, n));
                if (assembler.Broken)
                {
                    Host.Note(NowMicros(), "rejected", "oversized length prefix: connection reset");
                    Reset(client);
                    return;
                }
                connection.MidFrame = assembler.Pending > 0;
                if (frames.Count > 0 && connection.MidFrame)
                {
                    // The bytes after the last whole frame start the next one now.
                    frameStartedMillis = connection.LastActivityMillis;
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
                    if (reply.Close)
                    {
                        client.Shutdown(SocketShutdown.Both);
                        return;
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away, was shed, or the server is stopping.
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }
            if (pendingSends.Count > 0)
            {
                await Task.WhenAny(Task.WhenAll(pendingSends), Task.Delay(TimeSpan.FromSeconds(1)));
            }
            client.Dispose();
        }
    }

    private void Stalled(Connection connection, int pendingBytes)
    {
        Interlocked.Increment(ref _stalled);
        Host.Note(NowMicros(), "stalled", $"frame incomplete after {FrameDeadline.TotalMilliseconds:F0} ms ({pendingBytes} bytes): connection closed");
        Reset(connection.Socket);
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
        try
        {
            client.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed by its own loop.
        }
    }

    private sealed class Connection(Socket socket)
    {
        public Socket Socket { get; } = socket;
        public long LastActivityMillis { get; set; } = Environment.TickCount64;
        public bool MidFrame { get; set; }
    }
}
