using PosFirmware.Emulator.Core;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// An RMT channel driving an output pin that the models already watch (LAT): idle at the pin's level, each
/// pulse the other level for exactly widthMicros, now or at the time asked (PulseAt), whatever the firmware
/// does meanwhile. The edges are the pin's own writes, so they are traced and reach the head model as the
/// pin's. A send latency (UNCONFIRMED on the device, see RmtPulse.SendLatencyMicros) can be set to make every
/// edge come that much later than asked, for tests of a driver that does not allow for it.
/// </summary>
public sealed class VirtualPinPulse : IPulseOutput
{
    private readonly VirtualClock _clock;
    private readonly PowerRail _power;
    private readonly VirtualOutputPin _pin;
    private readonly bool _idle;
    private readonly Action _start;
    private readonly Action _end;
    private long _endNanos = -1;

    internal VirtualPinPulse(VirtualClock clock, PowerRail power, VirtualOutputPin pin)
    {
        _clock = clock;
        _power = power;
        _pin = pin;
        _idle = pin.Level;
        _start = () => Drive(!_idle);
        _end = () => Drive(_idle);
    }

    /// <summary>Microseconds every edge comes later than asked (0: on time).</summary>
    public int LatencyMicros { get; set; }

    /// <summary>Pulses started.</summary>
    public long PulseCount { get; private set; }

    /// <summary>Pulses sent ahead of their first edge.</summary>
    public long AheadCount { get; private set; }

    /// <summary>Pulses refused because one was still running.</summary>
    public long RefusedCount { get; private set; }

    /// <inheritdoc />
    public bool Busy => _clock.NowNanos < _endNanos;

    /// <inheritdoc />
    public void Pulse(int widthMicros) => PulseAt(-1, widthMicros);

    /// <inheritdoc />
    public void PulseAt(long riseMicros, int widthMicros)
    {
        _power.ThrowIfOff(_pin.Name);
        if (widthMicros <= 0)
        {
            return;
        }
        if (Busy)
        {
            RefusedCount++;
            return;
        }
        PulseCount++;
        long now = _clock.NowNanos;
        long startNanos = Math.Max(riseMicros * 1000L, now) + LatencyMicros * 1000L;
        _endNanos = startNanos + widthMicros * 1000L;
        if (startNanos == now)
        {
            Drive(!_idle);
        }
        else
        {
            AheadCount++;
            _clock.ScheduleAt(startNanos, _start);
        }
        _clock.ScheduleAt(_endNanos, _end);
    }

    // The channel holds the line whatever the firmware does; with the board's power cut it drives nothing.
    private void Drive(bool level)
    {
        if (_power.IsOn)
        {
            _pin.Write(level);
        }
    }
}
