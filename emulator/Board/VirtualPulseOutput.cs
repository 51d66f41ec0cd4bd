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
    private readonly Action _fall;
    private long _fallNanos = -1;

    internal VirtualPulseOutput(VirtualClock clock, SignalTrace trace, PowerRail power, string scope, string name)
    {
        _clock = clock;
        _trace = trace;
        _power = power;
        Name = name;
        _signal = trace.Declare(scope, name, SignalKind.Wire, 0);
        _fall = Fall;
    }

    /// <summary>The output's signal name.</summary>
    public string Name { get; }

    /// <summary>True while the line is high.</summary>
    public bool Level { get; private set; }

    /// <summary>Pulses started.</summary>
    public long PulseCount { get; private set; }

    /// <summary>Pulses refused because one was still running.</summary>
    public long RefusedCount { get; private set; }

    /// <inheritdoc />
    public bool Busy => Level;

    /// <summary>Wires a model to the output: called with each edge and its virtual time in ns.</summary>
    public void Connect(Action<bool, long> onChange) => _listeners.Add(onChange);

    /// <inheritdoc />
    public void Pulse(int widthMicros)
    {
        _power.ThrowIfOff(Name);
        if (widthMicros <= 0)
        {
            return;
        }
        if (Level)
        {
            RefusedCount++;
            return;
        }
        PulseCount++;
        SetLevel(true, _clock.NowNanos);
        _fallNanos = _clock.NowNanos + widthMicros * 1000L;
        _clock.ScheduleAt(_fallNanos, _fall);
    }

    // One pulse runs at a time (a pulse asked for while high is refused), so the fall due is the one scheduled.
    private void Fall() => SetLevel(false, _fallNanos);

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
