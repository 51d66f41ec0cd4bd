namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Collects the violations the head and motor models detect as the signals change, each with its virtual
/// time. Keeps the first <see cref="MaxKept"/> in full and counts every one per rule.
/// </summary>
public sealed class TimingChecker
{
    private readonly List<TimingViolation> _violations = new();
    private readonly long[] _counts = new long[Enum.GetValues<TimingRule>().Length];

    /// <summary>Most violations kept in full.</summary>
    public int MaxKept { get; init; } = 10_000;

    /// <summary>The violations kept, in the order they happened.</summary>
    public IReadOnlyList<TimingViolation> Violations => _violations;

    /// <summary>Every violation counted, kept or not.</summary>
    public long Total { get; private set; }

    /// <summary>Violations of one rule.</summary>
    public long Count(TimingRule rule) => _counts[(int)rule];

    /// <summary>Called with every violation as it is reported (the trace marks it).</summary>
    public Action<TimingViolation>? Reported { get; set; }

    /// <summary>Records a violation.</summary>
    public void Report(long atNanos, TimingRule rule, string detail)
    {
        Reported?.Invoke(new TimingViolation(atNanos, rule, detail));
        Total++;
        _counts[(int)rule]++;
        if (_violations.Count < MaxKept)
        {
            _violations.Add(new TimingViolation(atNanos, rule, detail));
        }
    }

    /// <summary>A one-line summary per rule broken, for reports.</summary>
    public string Summary()
    {
        if (Total == 0)
        {
            return "no timing violations";
        }
        var parts = new List<string>();
        foreach (var rule in Enum.GetValues<TimingRule>())
        {
            if (_counts[(int)rule] > 0)
            {
                parts.Add($"{rule} x{_counts[(int)rule]}");
            }
        }
        return $"{Total} timing violations: " + string.Join(", ", parts);
    }
}
