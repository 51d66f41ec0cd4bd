using System.Runtime.InteropServices;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The conditions at the start of the firings still under way: the dots one edge started share their start
/// time, energy integral, supply, head temperature, motor period, paper row and position, so they are kept once
/// per start instead of once per dot. A record is free again when the last of its dots has finished; every
/// record open holds at least one heating dot, so as many records as dots always suffice.
/// </summary>
public sealed class FiringStarts
{
    private readonly int[] _free;
    // One record a firing, its fields side by side: a firing's end reads them from one or two cache lines.
    private readonly FiringStart[] _records;
    private int _freeCount;

    /// <summary>Creates room for the firings of a head of a number of dots.</summary>
    public FiringStarts(int dots)
    {
        _free = new int[dots];
        _records = new FiringStart[dots];
        for (int i = 0; i < dots; i++)
        {
            _free[i] = dots - 1 - i;
        }
        _freeCount = dots;
    }

    /// <summary>The record of an open firing (one <see cref="Open"/> returned).</summary>
    public ref readonly FiringStart this[int firing] => ref _records[firing];

    /// <summary>Opens a record for a number of dots starting together; returns its index.</summary>
    public int Open(int dots, long startNanos, double energyAtStart, double volts, double celsius, double periodMicros, long row, bool onPaper,
        long position)
    {
        if (_freeCount == 0 || dots <= 0)
        {
            throw new InvalidOperationException($"no record free for a firing of {dots} dots: more firings open than dots heating");
        }
        int firing = _free[--_freeCount];
        ref FiringStart record = ref _records[firing];
        record.DotsHeating = dots;
        record.StartNanos = startNanos;
        record.EnergyAtStart = energyAtStart;
        record.Volts = volts;
        record.Celsius = celsius;
        record.PeriodMicros = periodMicros;
        record.Row = row;
        record.Position = position;
        record.OnPaper = onPaper;
        return firing;
    }

    /// <summary>Notes that a number of a firing's dots finished; frees the record after its last.</summary>
    public void Release(int firing, int dots)
    {
        ref FiringStart record = ref _records[firing];
        record.DotsHeating -= dots;
        if (record.DotsHeating == 0)
        {
            _free[_freeCount++] = firing;
        }
    }
}

/// <summary>The conditions one firing started in.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FiringStart
{
    /// <summary>When the firing started, in virtual ns.</summary>
    public long StartNanos;

    /// <summary>The per-dot energy integral (J) when the firing started.</summary>
    public double EnergyAtStart;

    /// <summary>The supply at the head when the firing started.</summary>
    public double Volts;

    /// <summary>The head's temperature when the firing started.</summary>
    public double Celsius;

    /// <summary>The motor's period per firing window when the firing started, in us (NaN in a model without statistics: only they read it).</summary>
    public double PeriodMicros;

    /// <summary>The paper row under the head when the firing started.</summary>
    public long Row;

    /// <summary>The paper position (motor steps) the firing started at.</summary>
    public long Position;

    /// <summary>How many of the firing's dots are still heating.</summary>
    public int DotsHeating;

    /// <summary>Whether paper was under a closed platen when the firing started.</summary>
    public bool OnPaper;
}
