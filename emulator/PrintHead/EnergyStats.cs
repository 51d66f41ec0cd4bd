namespace PosFirmware.Emulator.PrintHead;

/// <summary>Delivered energy per fired dot against the energy the datasheet asks, over a run.</summary>
public sealed class EnergyStats
{
    /// <summary>Dot firings measured.</summary>
    public long Firings { get; private set; }

    /// <summary>Largest |delivered / asked - 1| seen.</summary>
    public double WorstDeviation { get; private set; }

    /// <summary>The signed deviation of the worst firing.</summary>
    public double WorstSigned { get; private set; }

    /// <summary>When the worst firing ended.</summary>
    public long WorstAtNanos { get; private set; }

    /// <summary>Mean of |delivered / asked - 1|.</summary>
    public double MeanDeviation => Firings == 0 ? 0 : _sumAbs / Firings;

    /// <summary>Energy delivered to dots, in joules.</summary>
    public double DeliveredJoules { get; private set; }

    private double _sumAbs;

    /// <summary>Adds one firing.</summary>
    public void Add(long atNanos, double deliveredMicrojoules, double askedMicrojoules) =>
        Add(atNanos, deliveredMicrojoules, askedMicrojoules, 1);

    /// <summary>
    /// Adds a number of dot firings that took and were asked the same energy: the deviation is worked out
    /// once, and the sums still take each firing in turn (the same sums to the bit as one by one).
    /// </summary>
    public void Add(long atNanos, double deliveredMicrojoules, double askedMicrojoules, int firings)
    {
        double deviation = deliveredMicrojoules / askedMicrojoules - 1.0;
        double absolute = Math.Abs(deviation);
        double joules = deliveredMicrojoules / 1e6;
        double delivered = DeliveredJoules;
        double sumAbs = _sumAbs;
        for (int i = 0; i < firings; i++)
        {
            delivered += joules;
            sumAbs += absolute;
        }
        Firings += firings;
        DeliveredJoules = delivered;
        _sumAbs = sumAbs;
        if (firings > 0 && absolute > WorstDeviation)
        {
            WorstDeviation = absolute;
            WorstSigned = deviation;
            WorstAtNanos = atNanos;
        }
    }

    /// <summary>Forgets what was measured (after a warm-up, for instance).</summary>
    public void Reset()
    {
        Firings = 0;
        WorstDeviation = 0;
        WorstSigned = 0;
        WorstAtNanos = 0;
        DeliveredJoules = 0;
        _sumAbs = 0;
    }
}
