using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Trace;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// A pulse generator (the ESP32 RMT): the rising edge now or at the time asked (PulseAt: the output held
/// low until then), the falling edge exactly widthMicros later
/// on the virtual clock, whatever the firmware does meanwhile. Both edges are traced and reported
/// to wired models.
/// </summary>
public sealed class VirtualPulseOutput : IPulseOutput
{
    private readonly VirtualClock _clock;
    private readonly SignalTrace _trace;
    private readonly TraceSignal _signal;
    private readonly PowerRail _power;
    private EdgeListeners _listeners;
    private readonly Action _rise;
    private readonly Action _fall;
    private long _fallNanos = -1;

    internal VirtualPulseOutput(VirtualClock clock, SignalTrace trace, PowerRail power, string scope, string name)
    {
        _clock = clock;
        _trace = trace;
        _power = power;
        Name = name;
        _signal = trace.Declare(scope, name, SignalKind.Wire, 0);
        _rise = Rise;
        _fall = Fall;
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
    public bool Busy
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => Level || _clock.NowNanos < _riseNanos;
    }

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
        _fallNanos = rise + widthMicros * 1000L;
        if (rise == _clock.NowNanos)
        {
            SetLevel(true, rise);
            _clock.ScheduleAt(_fallNanos, _fall);
        }
        else
        {
            AheadCount++;
            _clock.ScheduleAt(rise, _rise);
        }
    }

    // One pulse runs at a time (a pulse asked for while one is due or high is refused), so the edges due
    // are the ones scheduled; a fall is checked against its time all the same. A pulse sent ahead queues its
    // fall as it rises: the blocks of a pass, sent ahead for one rise, would each otherwise queue their rise
    // behind the rise before and ahead of its later fall (a move of the queued actions per block); so every
    // edge joins the clock's queue at its end.
    private void Rise()
    {
        _clock.ScheduleAt(_fallNanos, _fall);
        SetLevel(true, _riseNanos);
    }

    private void Fall()
    {
        if (_clock.NowNanos == _fallNanos)
        {
            SetLevel(false, _fallNanos);
        }
    }

    private void SetLevel(bool high, long atNanos)
    {
        Level = high;
        _trace.Record(_signal, atNanos, high);
        _listeners.Tell(high, atNanos);
    }
}
