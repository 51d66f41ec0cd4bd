using System.IO.Ports;
using System.Text;

namespace PosFirmware.Emulator.Peripherals;

/// <summary>
/// A real barcode scanner on a serial port (a GM65-class module on a USB serial adapter) feeding the
/// emulated terminal: each line it sends (ended by CR or LF, as the module's suffix setting says) is one
/// code, taken by the emulator when it next looks. Reads on its own thread; the emulator polls.
/// </summary>
public sealed class SerialScannerBridge : IDisposable
{
    /// <summary>Codes held while the emulator has not taken them; more are dropped and counted.</summary>
    public const int MaxPending = 64;

    /// <summary>Longest line kept; a longer one is cut here (no payment code comes near it).</summary>
    public const int MaxLineBytes = 512;

    private readonly SerialPort _port;
    private readonly Queue<string> _pending = new();
    private readonly Thread _reader;
    private volatile bool _stopping;

    /// <summary>Opens the port (8N1 at the given baud rate) and starts reading.</summary>
    public SerialScannerBridge(string portName, int baudRate = 9600)
    {
        _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One) { ReadTimeout = 100 };
        _port.Open();
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "scanner " + portName };
        _reader.Start();
    }

    /// <summary>Codes dropped because MaxPending were waiting.</summary>
    public int Dropped { get; private set; }

    /// <summary>Takes the oldest code read, if any.</summary>
    public bool TryTake(out string code)
    {
        lock (_pending)
        {
            return _pending.TryDequeue(out code!);
        }
    }

    private void ReadLoop()
    {
        var line = new StringBuilder();
        var buffer = new byte[256];
        while (!_stopping)
        {
            int count;
            try
            {
                count = _port.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
            {
                return; // port closed or unplugged
            }
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[i];
                if (b is (byte)'\r' or (byte)'\n')
                {
                    Add(line.ToString());
                    line.Clear();
                }
                else if (line.Length < MaxLineBytes)
                {
                    line.Append((char)b);
                }
            }
        }
    }

    private void Add(string code)
    {
        if (code.Length == 0)
        {
            return;
        }
        lock (_pending)
        {
            if (_pending.Count >= MaxPending)
            {
                Dropped++;
                return;
            }
            _pending.Enqueue(code);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _port.Close();
        _reader.Join(1000);
        _port.Dispose();
    }
}
