using Xunit;
using System.Net;
using System.Net.Sockets;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>A plain socket client with bounded waits: sends bytes, reads whole length-prefixed frames.</summary>
internal sealed class RawTcpClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly List<byte> _pending = [];

    public RawTcpClient(IPEndPoint endpoint)
    {
        Assert.True(IPAddress.IsLoopback(endpoint.Address));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        _socket.ConnectAsync(endpoint, cts.Token).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>True once the server closed or reset the connection.</summary>
    public bool Closed { get; private set; }

    /// <summary>True when the close was a reset (RST).</summary>
    public bool WasReset { get; private set; }

    /// <summary>Bytes received that are not (yet) a whole frame.</summary>
    public int PendingBytes => _pending.Count;

    public void Send(byte[] data) => _socket.Send(data);

    /// <summary>The next whole frame, or null if none arrives within the timeout (or the connection ends).</summary>
    public byte[]? ReceiveFrame(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var buffer = new byte[4096];
        while (true)
        {
            if (_pending.Count >= 2)
            {
                int length = 2 + ((_pending[0] << 8) | _pending[1]);
                if (_pending.Count >= length)
                {
                    var frame = _pending.GetRange(0, length).ToArray();
                    _pending.RemoveRange(0, length);
                    return frame;
                }
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || Closed)
            {
                return null;
            }
            try
            {
                if (!_socket.Poll((int)Math.Max(1000, left.TotalMicroseconds), SelectMode.SelectRead))
                {
                    continue;
                }
                int n = _socket.Receive(buffer);
                if (n == 0)
                {
                    Closed = true;
                    continue;
                }
                _pending.AddRange(buffer.AsSpan(0, n));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                Closed = true;
                WasReset = true;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
