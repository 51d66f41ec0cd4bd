namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The conditions at the start of the firings still under way: the dots one edge started share their start
/// time, energy integral, supply, head temperature, motor period and paper row, so they are kept once per
/// start instead of once per dot. A record is free again when the last of its dots has finished; every
/// record open holds at least one heating dot, so as many records as dots always suffice.
/// </summary>
internal sealed class FiringStarts
{
    private readonly int[] _free;
    private readonly int[] _dotsHeating;
    private int _freeCount;

    /// <summary>Creates room for the firings of a head of a number of dots.</summary>
    public FiringStarts(int dots)
    {
        _free = new int[dots];
        _dotsHeating = new int[dots];
        StartNanos = new long[dots];
        EnergyAtStart = new double[dots];
        Volts = new double[dots];
        Celsius = new double[dots];
        PeriodMicros = new double[dots];
        Row = new long[dots];
        OnPaper = new bool[dots];
        for (int i = 0; i < dots; i++)
        {
            _free[i] = dots - 1 - i;
        }
        _freeCount = dots;
    }

    /// <summary>When each firing started, in virtual ns.</summary>
    public long[] StartNanos { get; }

    /// <summary>The per-dot energy integral (J) when each firing started.</summary>
    public double[] EnergyAtStart { get; }

    /// <summary>The supply at the head when each firing started.</summary>
    public double[] Volts { get; }

    /// <summary>The head's temperature when each firing started.</summary>
    public double[] Celsius { get; }

    /// <summary>The motor's period per firing window when each firing started, in us.</summary>
    public double[] PeriodMicros { get; }

    /// <summary>The paper row under the head when each firing started.</summary>
    public long[] Row { get; }

    /// <summary>Whether paper was under a closed platen when each firing started.</summary>
    public bool[] OnPaper { get; }

    /// <summary>Opens a record for a number of dots starting together; returns its index.</summary>
    public int Open(int dots, long startNanos, double energyAtStart, double volts, double celsius, double periodMicros, long row, bool onPaper)
    {
        if (_freeCount == 0 || dots <= 0)
        {
            throw new InvalidOperationException($"no record free for a firing of {dots} dots: more firings open than dots heating");
        }
        int firing = _free[--_freeCount];
        _dotsHeating[firing] = dots;
        StartNanos[firing] = startNanos;
        EnergyAtStart[firing] = energyAtStart;
        Volts[firing] = volts;
        Celsius[firing] = celsius;
        PeriodMicros[firing] = periodMicros;
        Row[firing] = row;
        OnPaper[firing] = onPaper;
        return firing;
    }

    /// <summary>Notes that a number of a firing's dots finished; frees the record after its last.</summary>
    public void Release(int firing, int dots)
    {
        _dotsHeating[firing] -= dots;
        if (_dotsHeating[firing] == 0)
        {
            _free[_freeCount++] = firing;
        }
    }
}
