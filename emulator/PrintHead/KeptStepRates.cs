namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The shortest step the motor's max pulse rate allows, in us (1e6 over <see cref="HeadPhysics.MaxPps(double, double)"/>),
/// kept for each supply it was worked out at and whether the head's temperature capped it (the only way the
/// temperature enters it). The supply a step sees is the head's at the dots on at that instant, one of a few
/// figures kept per count (<see cref="ThermalHeadModel.HeadVolts"/>), so the same supplies come back step after
/// step in turn: four steps in ten met another supply than the step before, and one kept figure worked the
/// rate out again for each of them. The profile's rate table and cap are part of the key: a profile given
/// other ones clears what was kept.
/// </summary>
public sealed class KeptStepRates
{
    // 256 slots (6 KB): the counts of dots on at a step are a few dozen in a receipt.
    private const int SlotBits = 8;
    private readonly HeadPhysics _physics;
    private readonly Slot[] _slots = new Slot[1 << SlotBits];
    private int _capPps;
    private int[]? _millivolts;
    private int[]? _pps;

    /// <summary>Keeps the rates of one mechanism's physics.</summary>
    public KeptStepRates(HeadPhysics physics)
    {
        _physics = physics;
    }

    private struct Slot
    {
        public long VoltsBits;
        public bool Capped;
        public bool Known;
        public double Micros;
    }

    /// <summary>1e6 / MaxPps(volts, celsius), to the bit.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Micros(double volts, double celsius)
    {
        var p = _physics.Profile;
        bool capped = _physics.RateCappedAt(celsius);
        long bits = BitConverter.DoubleToInt64Bits(volts);
        ref Slot slot = ref _slots[(int)((ulong)bits * 0x9E3779B97F4A7C15UL >> (64 - SlotBits))];
        if (slot.Known && slot.VoltsBits == bits && slot.Capped == capped && p.ExtremeMaxPps == _capPps
            && ReferenceEquals(p.MaxPpsMillivolts, _millivolts) && ReferenceEquals(p.MaxPps, _pps))
        {
            return slot.Micros;
        }
        return WorkOut(ref slot, volts, celsius, bits, capped);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private double WorkOut(ref Slot slot, double volts, double celsius, long bits, bool capped)
    {
        var p = _physics.Profile;
        if (p.ExtremeMaxPps != _capPps || !ReferenceEquals(p.MaxPpsMillivolts, _millivolts) || !ReferenceEquals(p.MaxPps, _pps))
        {
            Array.Clear(_slots);
            _capPps = p.ExtremeMaxPps;
            _millivolts = p.MaxPpsMillivolts;
            _pps = p.MaxPps;
        }
        slot.Micros = 1e6 / _physics.MaxPps(volts, celsius);
        slot.VoltsBits = bits;
        slot.Capped = capped;
        slot.Known = true;
        return slot.Micros;
    }
}
