using PosFirmware.Emulator.Core;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// Output pins set together by one register write (the ESP32's GPIO set/clear): every pin that changes is
/// traced and told at the same virtual instant, then the models wired to the port are told once, with all the
/// new levels in place. The pins stay pins: a write to one of them alone is an edge of its own, and the port's
/// models hear of it as such (more such writes may follow at the same instant).
/// </summary>
public sealed class VirtualOutputPort : IDigitalPort
{
    private readonly VirtualClock _clock;
    private readonly PowerRail _power;
    private readonly VirtualOutputPin[] _pins;
    private PortWrite[] _listeners = [];
    private int _levels;

    /// <summary>Makes a port of pins, bit i for pins[i].</summary>
    public VirtualOutputPort(VirtualClock clock, PowerRail power, VirtualOutputPin[] pins)
    {
        if (pins.Length > 31)
        {
            throw new ArgumentException("at most 31 pins in a port", nameof(pins));
        }
        _clock = clock;
        _power = power;
        _pins = pins;
        for (int i = 0; i < pins.Length; i++)
        {
            pins[i].JoinPort(this, i);
            if (pins[i].Level)
            {
                _levels |= 1 << i;
            }
        }
    }

    /// <summary>The pins, bit i for pin i.</summary>
    public IReadOnlyList<VirtualOutputPin> Pins => _pins;

    /// <summary>Told of each change of the port's levels, in ns, and whether the port set them together or a pin changed alone.</summary>
    public delegate void PortWrite(int levels, long atNanos, bool together);

    /// <inheritdoc />
    public int Levels => _levels;

    // A pin written alone: the port's levels follow it before the pin's own listeners hear of the change, and
    // the port's models hear of it after them, as a change alone.
    internal void Follow(int bit, bool high) => _levels = high ? _levels | 1 << bit : _levels & ~(1 << bit);

    internal void TellAlone(long atNanos) => Tell(atNanos, false);

    private void Tell(long atNanos, bool together)
    {
        var listeners = _listeners;
        for (int i = 0; i < listeners.Length; i++)
        {
            listeners[i](_levels, atNanos, together);
        }
    }

    /// <summary>Wires a model to the port: told after each port write that changed a level and after each pin's change alone.</summary>
    public void Connect(PortWrite onWrite)
    {
        Array.Resize(ref _listeners, _listeners.Length + 1);
        _listeners[^1] = onWrite;
    }

    /// <inheritdoc />
    public void Write(int levels)
    {
        int changed = levels ^ _levels;
        if (changed == 0)
        {
            return;
        }
        int falling = changed & ~levels;
        // Checked once, in the name of the pin written first.
        _power.ThrowIfOff(_pins[System.Numerics.BitOperations.TrailingZeroCount(falling != 0 ? falling : changed)].Name);
        long now = _clock.NowNanos;
        _levels = levels;
        // Falling edges first, as a pin-by-pin port makes them (one instant either way).
        for (int m = falling; m != 0; m &= m - 1)
        {
            _pins[System.Numerics.BitOperations.TrailingZeroCount(m)].Change(false, now);
        }
        for (int m = changed & levels; m != 0; m &= m - 1)
        {
            _pins[System.Numerics.BitOperations.TrailingZeroCount(m)].Change(true, now);
        }
        Tell(now, true);
    }
}
