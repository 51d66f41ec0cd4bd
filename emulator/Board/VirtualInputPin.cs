using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Trace;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// An input pin driven by a model (paper sensor, platen switch, key). A level change is traced and
/// raises the firmware's edge handler at that virtual instant, as a GPIO interrupt would.
/// </summary>
public sealed class VirtualInputPin : IDigitalInput
{
    private readonly VirtualClock _clock;
    private readonly SignalTrace _trace;
    private readonly TraceSignal _signal;
    private readonly PowerRail _power;
    private readonly WakeSignal? _wake;
    private PinEdgeHandler? _handler;
    private bool _level;

    internal VirtualInputPin(VirtualClock clock, SignalTrace trace, PowerRail power, string scope, string name, bool initial, WakeSignal? wake = null)
    {
        _wake = wake;
        _clock = clock;
        _trace = trace;
        _power = power;
        Name = name;
        _level = initial;
        _signal = trace.Declare(scope, name, SignalKind.Wire, initial ? 1 : 0);
    }

    /// <summary>The pin's signal name.</summary>
    public string Name { get; }

    /// <summary>The level the model drives now.</summary>
    public bool Level => _level;

    /// <summary>Sets the level from the outside world (a model or a test).</summary>
    public void Drive(bool high)
    {
        if (high == _level)
        {
            return;
        }
        _level = high;
        _trace.Record(_signal, _clock.NowNanos, high);
        if (_power.IsOn)
        {
            _wake?.Signal();
            _handler?.Invoke(high, _clock.NowMicros);
        }
    }

    /// <summary>Sets the level at a later virtual time.</summary>
    public void DriveAt(long atNanos, bool high) => _clock.ScheduleAt(atNanos, () => Drive(high));

    /// <inheritdoc />
    public bool Read()
    {
        _power.ThrowIfOff(Name);
        return _level;
    }

    /// <inheritdoc />
    public void SetEdgeHandler(PinEdgeHandler handler)
    {
        _power.ThrowIfOff(Name);
        _handler = handler;
    }
}
