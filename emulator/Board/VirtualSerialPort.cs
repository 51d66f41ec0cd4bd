using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Trace;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// A UART between the firmware and a device model, with 8N1 byte timing at the baud rate: a byte
/// takes ten bit times on the wire and reaches the other side when its stop bit ends. Each direction
/// is one wire, so bytes queue behind each other. The firmware's receive buffer is bounded like the
/// driver's (ReadBufferSize); bytes that arrive to a full buffer are lost and counted. Both wires can
/// be traced at bit level, so a logic analyzer's UART decoder reads them.
/// </summary>
public sealed class VirtualSerialPort : ISerialPort
{
    private readonly VirtualClock _clock;
    private readonly SignalTrace _trace;
    private readonly PowerRail _power;
    private readonly ByteRing _rx;
    private readonly WakeSignal? _wake;
    private readonly TraceSignal? _rxWire;
    private readonly TraceSignal? _txWire;
    private readonly List<Action<byte, long>> _deviceListeners = new();
    private long _rxLineFreeNanos;
    private long _txLineFreeNanos;

    internal VirtualSerialPort(VirtualClock clock, SignalTrace trace, PowerRail power, string scope, string name, int baudRate, int receiveBufferBytes, bool traceWires, WakeSignal? wake = null)
    {
        _wake = wake;
        if (baudRate < 300 || baudRate > 5_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(baudRate), "baud rate must be 300 .. 5000000");
        }
        if (receiveBufferBytes < 1 || receiveBufferBytes > 1 << 20)
        {
            throw new ArgumentOutOfRangeException(nameof(receiveBufferBytes));
        }
        _clock = clock;
        _trace = trace;
        _power = power;
        Name = name;
        BaudRate = baudRate;
        _rx = new ByteRing(receiveBufferBytes);
        if (traceWires)
        {
            _rxWire = trace.Declare(scope, name + "_RX", SignalKind.Wire, 1);
            _txWire = trace.Declare(scope, name + "_TX", SignalKind.Wire, 1);
        }
    }

    /// <summary>The port name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public int BaudRate { get; }

    /// <summary>Nanoseconds one bit lasts on the wire.</summary>
    public long BitNanos => 1_000_000_000L / BaudRate;

    /// <summary>Nanoseconds one 8N1 byte lasts on the wire.</summary>
    public long ByteNanos => 10 * BitNanos;

    /// <summary>Bytes lost because the receive buffer was full.</summary>
    public long OverrunBytes => _rx.Overruns;

    /// <summary>Bytes the firmware has received into its buffer.</summary>
    public long ReceivedBytes { get; private set; }

    /// <summary>Wires a device model to the firmware's TX: called per byte when its stop bit ends.</summary>
    public void ConnectDevice(Action<byte, long> onByteFromFirmware) => _deviceListeners.Add(onByteFromFirmware);

    /// <summary>
    /// The device sends bytes to the firmware, starting now or when the wire is free; returns the
    /// virtual time at which the last byte arrives.
    /// </summary>
    public long DeviceSend(byte[] data, int offset, int count) => DeviceSendAt(_clock.NowNanos, data, offset, count);

    /// <summary>The device sends bytes starting no earlier than atNanos.</summary>
    public long DeviceSendAt(long atNanos, byte[] data, int offset, int count)
    {
        long t = Math.Max(Math.Max(atNanos, _clock.NowNanos), _rxLineFreeNanos);
        for (int i = 0; i < count; i++)
        {
            byte b = data[offset + i];
            TraceByte(_rxWire, t, b);
            long arrive = t + ByteNanos;
            _clock.ScheduleAt(arrive, () => Deliver(b));
            t = arrive;
        }
        _rxLineFreeNanos = t;
        return t;
    }

    /// <inheritdoc />
    public int BytesToRead
    {
        get
        {
            _power.ThrowIfOff(Name);
            return _rx.Count;
        }
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count)
    {
        _power.ThrowIfOff(Name);
        if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "serial read outside the buffer");
        }
        return _rx.Take(buffer, offset, count);
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        _power.ThrowIfOff(Name);
        if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "serial write outside the buffer");
        }
        long t = Math.Max(_clock.NowNanos, _txLineFreeNanos);
        for (int i = 0; i < count; i++)
        {
            byte b = buffer[offset + i];
            TraceByte(_txWire, t, b);
            long arrive = t + ByteNanos;
            _clock.ScheduleAt(arrive, () =>
            {
                foreach (var listener in _deviceListeners)
                {
                    listener(b, arrive);
                }
            });
            t = arrive;
        }
        _txLineFreeNanos = t;
    }

    /// <summary>Empties the receive buffer (a reboot).</summary>
    public void Reset()
    {
        _rx.Clear();
    }

    private void Deliver(byte b)
    {
        _wake?.Signal();
        if (_rx.Offer(b))
        {
            ReceivedBytes++;
        }
    }

    private void TraceByte(TraceSignal? wire, long startNanos, byte b)
    {
        if (wire == null)
        {
            return;
        }
        long bit = BitNanos;
        _trace.Record(wire, startNanos, false);
        for (int i = 0; i < 8; i++)
        {
            _trace.Record(wire, startNanos + (i + 1) * bit, ((b >> i) & 1) != 0);
        }
        _trace.Record(wire, startNanos + 9 * bit, true);
    }
}
