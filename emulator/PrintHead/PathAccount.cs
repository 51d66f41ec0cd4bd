namespace PosFirmware.Emulator.PrintHead;

/// <summary>What a stretch of a print's time went on, seen from the device's CPU and the strobes.</summary>
public enum PathItem
{
    /// <summary>A strobe is on: the heat itself (CPU work done meanwhile is hidden under it).</summary>
    Heat,

    /// <summary>No strobe on, the CPU idle, waiting to start a strobe: the dots' same-dot rest, t7, the head's power-up.</summary>
    WaitBeforeStrobe,

    /// <summary>No strobe on, the CPU idle, waiting to write the latch: the LAT wait t8, the latch pulse.</summary>
    WaitBeforeLatch,

    /// <summary>No strobe on, the CPU idle, waiting for a motor step.</summary>
    WaitForStep,

    /// <summary>No strobe on, the CPU idle, waiting for anything else (SPI, sensors, the caller).</summary>
    WaitOther,

    /// <summary>No strobe on, the CPU writing the latch.</summary>
    CpuLatch,

    /// <summary>No strobe on, the CPU starting strobes (RMT sends).</summary>
    CpuStrobe,

    /// <summary>No strobe on, the CPU shifting a pass (the SPI call and its transfer).</summary>
    CpuSpi,

    /// <summary>No strobe on, the CPU reading sensors and the ADC (supply, thermistor, paper, platen).</summary>
    CpuSensors,

    /// <summary>No strobe on, the CPU writing the motor's phases.</summary>
    CpuMotor,

    /// <summary>No strobe on, the CPU switching the head supply.</summary>
    CpuHeadPower,

    /// <summary>No strobe on, the CPU in the driver's own code (planning, maths, bookkeeping).</summary>
    CpuDriver,
}

/// <summary>
/// Splits a print's time, dot line by dot line, into what it went on (<see cref="PathItem"/>): any instant with
/// a strobe on is heat; otherwise the CPU's charged work of each kind, or the wait that ends in the next call
/// (a wait that ends in a strobe call is a wait for the dots' rest; in a latch write, the LAT wait; in a
/// phase write, the motor). Everything not heat lies between two heats, on the path the honest limit counts
/// as zero, so the items say where a run loses to the limit. Fed by <see cref="CpuCostModel"/>.
/// </summary>
public sealed class PathAccount
{
    private static readonly int Items = Enum.GetValues<PathItem>().Length;
    private readonly List<double[]> _lines = new();
    private readonly List<double> _lineShare = new();
    private readonly List<double[]> _cpuLines = new();
    private double[] _current = new double[Items];
    private double[] _cpu = new double[Items];
    private long _accountedNanos = -1;
    private readonly List<(long Start, long End)> _heat = new();
    private bool _inLine;
    private readonly Predicate<(long Start, long End)> _endedBeforeAccounted;

    /// <summary>An empty account.</summary>
    public PathAccount()
    {
        // One predicate for every strobe: a lambda written at the call would capture this afresh each time.
        _endedBeforeAccounted = h => h.End <= _accountedNanos;
    }

    /// <summary>Dot lines closed so far.</summary>
    public int LineCount => _lines.Count;

    /// <summary>The micros of each item in a closed dot line.</summary>
    public IReadOnlyList<double> Line(int line) => _lines[line];

    /// <summary>The CPU's micros of each kind in a closed dot line, under heat or not.</summary>
    public IReadOnlyList<double> CpuOfLine(int line) => _cpuLines[line];

    /// <summary>The CPU's share of a closed dot line.</summary>
    public double LineShare(int line) => _lineShare[line];

    /// <summary>Mean micros per dot line of an item over the closed lines.</summary>
    public double MeanMicros(PathItem item)
    {
        double sum = 0;
        foreach (var line in _lines)
        {
            sum += line[(int)item];
        }
        return _lines.Count == 0 ? 0 : sum / _lines.Count;
    }

    /// <summary>A strobe's pulse runs from a time for so long.</summary>
    public void StrobeFrom(long riseNanos, long widthNanos)
    {
        _heat.RemoveAll(_endedBeforeAccounted);
        _heat.Add((riseNanos, riseNanos + widthNanos));
    }

    /// <summary>CPU work of a kind runs from one time to another: the idle time before it is a wait for it.</summary>
    public void Work(PathItem cpuItem, long fromNanos, long toNanos)
    {
        if (_accountedNanos < 0)
        {
            _accountedNanos = fromNanos;
        }
        Split(_accountedNanos, fromNanos, WaitFor(cpuItem));
        Split(fromNanos, toNanos, cpuItem);
        _cpu[(int)cpuItem] += (toNanos - fromNanos) / 1000.0;
        _accountedNanos = Math.Max(_accountedNanos, toNanos);
    }

    /// <summary>A dot line starts now: closes the one before (its CPU share given), the time up to now a wait.</summary>
    public void StartLine(long nowNanos, double cpuShare)
    {
        if (_inLine)
        {
            Split(_accountedNanos, nowNanos, PathItem.WaitOther);
            _lines.Add(_current);
            _lineShare.Add(cpuShare);
            _cpuLines.Add(_cpu);
        }
        // Work before the first line (the driver's start-up) belongs to no line.
        _inLine = true;
        _accountedNanos = nowNanos;
        _current = new double[Items];
        _cpu = new double[Items];
    }

    private static PathItem WaitFor(PathItem cpuItem) => cpuItem switch
    {
        PathItem.CpuStrobe => PathItem.WaitBeforeStrobe,
        PathItem.CpuLatch => PathItem.WaitBeforeLatch,
        PathItem.CpuMotor => PathItem.WaitForStep,
        _ => PathItem.WaitOther,
    };

    private void Split(long fromNanos, long toNanos, PathItem item)
    {
        if (toNanos <= fromNanos)
        {
            return;
        }
        long heat = HeatNanos(fromNanos, toNanos);
        _current[(int)PathItem.Heat] += heat / 1000.0;
        _current[(int)item] += (toNanos - fromNanos - heat) / 1000.0;
    }

    /// <summary>How much of a stretch some strobe is on in (the union of the pulses).</summary>
    private long HeatNanos(long fromNanos, long toNanos)
    {
        long covered = 0;
        long at = fromNanos;
        while (at < toNanos)
        {
            // The pulse on at this instant that runs longest, else the next one to rise.
            long end = -1;
            long nextStart = toNanos;
            foreach (var (start, stop) in _heat)
            {
                if (start <= at && stop > at)
                {
                    end = Math.Max(end, stop);
                }
                else if (start > at)
                {
                    nextStart = Math.Min(nextStart, start);
                }
            }
            if (end > at)
            {
                long until = Math.Min(end, toNanos);
                covered += until - at;
                at = until;
            }
            else
            {
                at = nextStart;
            }
        }
        return covered;
    }
}
