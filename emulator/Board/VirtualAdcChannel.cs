using PosFirmware.Emulator.Core;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Board;

/// <summary>An ADC input whose voltage a model computes at the instant it is sampled.</summary>
public sealed class VirtualAdcChannel : IAdcChannel
{
    private readonly VirtualClock _clock;
    private readonly PowerRail _power;
    private Func<long, int> _source;

    internal VirtualAdcChannel(VirtualClock clock, PowerRail power, string name, int initialMillivolts)
    {
        _clock = clock;
        _power = power;
        Name = name;
        _source = _ => initialMillivolts;
    }

    /// <summary>The channel name.</summary>
    public string Name { get; }

    /// <summary>Samples taken.</summary>
    public long SampleCount { get; private set; }

    /// <summary>Sets what the pin sees: a function of virtual time in ns giving millivolts.</summary>
    public void SetSource(Func<long, int> millivoltsAtNanos) => _source = millivoltsAtNanos;

    /// <summary>Sets a constant voltage.</summary>
    public void SetMillivolts(int millivolts) => _source = _ => millivolts;

    /// <inheritdoc />
    public int ReadMillivolts()
    {
        _power.ThrowIfOff(Name);
        SampleCount++;
        return _source(_clock.NowNanos);
    }
}
