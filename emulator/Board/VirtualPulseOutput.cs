using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Trace;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// A pulse generator (the ESP32 RMT): the rising edge now, the falling edge exactly widthMicros later
/// on the virtual clock, whatever the firmware does meanwhile. Both edges are traced and reported
/// to wired models.
/// </summary>
public sealed class VirtualPulseOutput : IPulseOutput
{
    private readonly VirtualClock _clock;
    private readonly SignalTrace _trace;
    private readonly TraceSignal _signal;
    private readonly PowerRail _power;
    private readonly List<Action<bool, long>> _listeners = new();
    private long _fallNanos = -1;

    internal VirtualPulseOutput(VirtualClock clock, SignalTrace trace, PowerRail power, string scope, string name)
    {
        _clock = clock;
        _trace = trace;
        _power = power;
        Name = name;
        _signal = trace.Declare(scope, name, SignalKind.Wire, 0);
    }

    /// <summary>The output's signal name.</summary>
    public string Name { get; }

    /// <summary>True while the line is high.</summary>
    public bool Level { get; private set; }

    /// <summary>Pulses started.</summary>
    public long PulseCount { get; private set; }

    /// <summary>Pulses sent ahead of their rising edge (held low by the output until then).</summary>
    public long AheadCount { get; private set; }

    /// <summary>Pulses refused because one was still running.</summary>
    public long RefusedCount { get; private set; }

    /// <inheritdoc />
    public bool Busy => Level || _clock.NowNanos < _riseNanos;

    private long _riseNanos = -1;

    /// <summary>Wires a model to the output: called with each edge and its virtual time in ns.</summary>
    public void Connect(Action<bool, long> onChange) => _listeners.Add(onChange);

    /// <inheritdoc />
    public void Pulse(int widthMicros) => PulseAt(-1, widthMicros);

    /// <inheritdoc />
    public void PulseAt(long riseMicros, int widthMicros)
    {
        _power.ThrowIfOff(Name);
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
        long rise = Math.Max(riseMicros * 1000L, _clock.NowNanos);
        _riseNanos = rise;
        if (rise == _clock.NowNanos)
        {
            SetLevel(true, rise);
        }
        else
        {
            AheadCount++;
            _clock.ScheduleAt(rise, () => SetLevel(true, rise));
        }
        _fallNanos = rise + widthMicros * 1000L;
        long fall = _fallNanos;
        _clock.ScheduleAt(fall, () =>
        {
            if (_fallNanos == fall)
            {
                SetLevel(false, fall);
            }
        });
    }

    private void SetLevel(bool high, long atNanos)
    {
        Level = high;
        _trace.Record(_signal, atNanos, high);
        foreach (var listener in _listeners)
        {
            listener(high, atNanos);
        }
    }
}
