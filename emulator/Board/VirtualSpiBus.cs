using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Trace;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// An SPI master in mode 0 (data changes on the falling edge, sampled on the rising edge). A write
/// takes count × 8 bit periods of virtual time, as a blocking DMA transfer does on the ESP32. Bit-level
/// SCK/MOSI tracing is optional because it multiplies the trace size by sixteen per byte.
/// </summary>
public sealed class VirtualSpiBus : ISpiBus
{
    private readonly VirtualClock _clock;
    private readonly SignalTrace _trace;
    private readonly PowerRail _power;
    private readonly List<ISpiPeripheral> _peripherals = new();
    private readonly TraceSignal? _sck;
    private readonly TraceSignal? _mosi;

    internal VirtualSpiBus(VirtualClock clock, SignalTrace trace, PowerRail power, string scope, string name, int clockHertz, bool traceBits)
    {
        if (clockHertz <= 0 || clockHertz > 80_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(clockHertz), "SPI clock must be 1 Hz .. 80 MHz");
        }
        _clock = clock;
        _trace = trace;
        _power = power;
        Name = name;
        ClockHertz = clockHertz;
        if (traceBits)
        {
            _sck = trace.Declare(scope, name + "_SCK", SignalKind.Wire, 0);
            _mosi = trace.Declare(scope, name + "_MOSI", SignalKind.Wire, 0);
        }
    }

    /// <summary>The bus name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public int ClockHertz { get; }

    /// <summary>One bit period in nanoseconds (rounded up: never faster than configured).</summary>
    public long BitPeriodNanos => (1_000_000_000L + ClockHertz - 1) / ClockHertz;

    /// <summary>Bytes transferred so far.</summary>
    public long BytesTransferred { get; private set; }

    /// <summary>Wires a shift-register model to the bus.</summary>
    public void Connect(ISpiPeripheral peripheral) => _peripherals.Add(peripheral);

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        _power.ThrowIfOff(Name);
        if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "SPI write outside the buffer");
        }
        long start = _clock.NowNanos;
        long bit = BitPeriodNanos;
        if (_sck != null && _mosi != null)
        {
            for (int i = 0; i < count * 8; i++)
            {
                bool value = ((buffer[offset + i / 8] >> (7 - i % 8)) & 1) != 0;
                long t = start + i * bit;
                _trace.Record(_mosi, t, value);
                _trace.Record(_sck, t + bit / 2, true);
                _trace.Record(_sck, t + bit, false);
            }
        }
        foreach (var p in _peripherals)
        {
            p.OnTransfer(buffer, offset, count, start, bit);
        }
        BytesTransferred += count;
        _clock.RunUntil(start + count * 8L * bit);
    }
}
