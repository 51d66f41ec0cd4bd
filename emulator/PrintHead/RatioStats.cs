namespace PosFirmware.Emulator.PrintHead;

/// <summary>Lowest, highest and mean of a ratio over a run.</summary>
public sealed class RatioStats
{
    private double _sum;

    /// <summary>Values seen.</summary>
    public long Count { get; private set; }

    /// <summary>Lowest value (infinity before any).</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>Highest value (negative infinity before any).</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Mean value (0 before any).</summary>
    public double Mean => Count == 0 ? 0 : _sum / Count;

    /// <summary>Adds values[from..to) in turn (the same sum, to the bit, as one by one).</summary>
    public void Add(double[] values, int from, int to)
    {
        double sum = _sum;
        double min = Min;
        double max = Max;
        for (int i = from; i < to; i++)
        {
            double value = values[i];
            sum += value;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        Count += Math.Max(0, to - from);
        _sum = sum;
        Min = min;
        Max = max;
    }

    /// <summary>Adds a value.</summary>
    public void Add(double value)
    {
        Count++;
        _sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }
}
