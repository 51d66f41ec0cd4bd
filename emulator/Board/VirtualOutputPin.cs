using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Trace;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// An output pin driven by the firmware. Every change is traced with its virtual time and handed to
/// the models wired to the pin (the head's LAT input, a motor phase).
/// </summary>
public sealed class VirtualOutputPin : IDigitalOutput
{
    private readonly VirtualClock _clock;
    private readonly SignalTrace _trace;
    private readonly TraceSignal _signal;
    private readonly PowerRail _power;
    private EdgeListeners _listeners;
    private VirtualOutputPort? _port;
    private int _portBit;

    internal VirtualOutputPin(VirtualClock clock, SignalTrace trace, PowerRail power, string scope, string name, bool initial)
    {
        _clock = clock;
        _trace = trace;
        _power = power;
        Name = name;
        Level = initial;
        _signal = trace.Declare(scope, name, SignalKind.Wire, initial ? 1 : 0);
    }

    /// <summary>The pin's signal name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public bool Level { get; private set; }

    /// <summary>Number of writes that changed the level.</summary>
    public long EdgeCount { get; private set; }

    /// <summary>Wires a model to the pin: called with the new level and the virtual time in ns.</summary>
    public void Connect(Action<bool, long> onChange) => _listeners.Add(onChange);

    /// <summary>Makes the pin bit <paramref name="bit"/> of a port, which keeps the levels of its pins.</summary>
    internal void JoinPort(VirtualOutputPort port, int bit)
    {
        if (_port != null)
        {
            throw new InvalidOperationException($"{Name} is already a bit of a port");
        }
        _port = port;
        _portBit = bit;
    }

    /// <inheritdoc />
    public void Write(bool high)
    {
        _power.ThrowIfOff(Name);
        if (high == Level)
        {
            return;
        }
        long now = _clock.NowNanos;
        _port?.Follow(_portBit, high);
        Change(high, now);
        _port?.TellAlone(now);
    }

    /// <summary>A level change the pin's port makes, with the power and the time its write checked once for all its pins.</summary>
    internal void Change(bool high, long now)
    {
        Level = high;
        EdgeCount++;
        _trace.Record(_signal, now, high);
        _listeners.Tell(high, now);
    }
}
