using PosFirmware.Emulator.PrintHead;

namespace PosFirmware.Emulator.Reports;

/// <summary>
/// The print head over time, for a report's plots: head temperature, supply at the head and head current,
/// strobe widths, and the motor's step rate against its pull-in limit. Strobes, motor steps and current are
/// read off the board's signal trace (with the head's analog signals traced, see <see cref="TraceAnalog"/>);
/// temperature and supply come from the trace too, or from samples taken between loop passes, which also
/// show the head cooling while nothing prints.
/// </summary>
public sealed class HeadSeries
{
    /// <summary>Virtual nanoseconds between samples of the head temperature and the supply.</summary>
    public const long SampleNanos = 10_000_000;

    /// <summary>Most points kept in each series; later ones are dropped.</summary>
    public const int MaxPoints = 200_000;

    /// <summary>A gap between motor steps longer than this is the motor standing, not a slow step.</summary>
    public const long MotorStoppedNanos = 100_000_000;

    private long _nextSampleNanos;

    /// <summary>Head temperature: (virtual s, degrees C).</summary>
    public List<(double Seconds, double Value)> HeadCelsius { get; } = new();

    /// <summary>Supply at the head: (virtual s, volts).</summary>
    public List<(double Seconds, double Value)> SupplyVolts { get; } = new();

    /// <summary>Head current drawn by the dots on: (virtual s, amperes), at each change.</summary>
    public List<(double Seconds, double Value)> HeadAmps { get; } = new();

    /// <summary>Strobe pulses: (virtual s at the rising edge, width in microseconds).</summary>
    public List<(double Seconds, double Value)> StrobeMicros { get; } = new();

    /// <summary>Motor steps: (virtual s, steps per second from the interval since the step before).</summary>
    public List<(double Seconds, double Value)> MotorStepsPerSecond { get; } = new();

    /// <summary>The motor's pull-in limit at each step, at the supply and head temperature of that moment: (virtual s, steps per second).</summary>
    public List<(double Seconds, double Value)> MotorLimit { get; } = new();

    /// <summary>Has the head model record its supply, current and temperature on the board's trace (once per printer).</summary>
    public static void TraceAnalog(VirtualPrinter printer)
    {
        if (printer.Board.Trace.Find(printer.Options.Scope, "I_head") == null)
        {
            printer.Head.AttachTrace(printer.Board.Trace, printer.Options.Scope);
        }
    }

    /// <summary>Samples temperature and supply every <see cref="SampleNanos"/> up to now (call between loop passes).</summary>
    public void Sample(VirtualPrinter printer)
    {
        long now = printer.Board.Clock.NowNanos;
        while (_nextSampleNanos <= now && HeadCelsius.Count < MaxPoints)
        {
            HeadCelsius.Add((_nextSampleNanos / 1e9, printer.Thermal.HeadCelsiusAt(_nextSampleNanos)));
            SupplyVolts.Add((_nextSampleNanos / 1e9, printer.Head.HeadVolts));
            _nextSampleNanos += SampleNanos;
        }
    }

    /// <summary>
    /// Reads one board's trace: strobe widths, motor rate and limit, head current and the supply under load;
    /// and the head temperature too when analogFromTrace (a run not sampled between passes, such as one print job).
    /// </summary>
    public void ReadTrace(VirtualPrinter printer, bool analogFromTrace)
    {
        var trace = printer.Board.Trace;
        string scope = printer.Options.Scope;
        var strobes = new HashSet<int>(printer.Strobes.Select(s => trace.Find(scope, s.Name)?.Index ?? -1));
        var phases = new HashSet<int>(printer.MotorPhases.Select(p => trace.Find(scope, p.Name)?.Index ?? -1));
        var voltsSignal = trace.Find(scope, "V_head");
        var ampsSignal = trace.Find(scope, "I_head");
        var celsiusSignal = trace.Find(scope, "T_head");
        double volts = voltsSignal?.Initial ?? printer.Head.SupplyOpenVolts;
        double celsius = celsiusSignal?.Initial ?? printer.Thermal.HeadCelsiusAt(0);
        if (analogFromTrace && celsiusSignal != null)
        {
            Add(HeadCelsius, 0, celsius);
            Add(SupplyVolts, 0, volts);
        }
        var rising = new Dictionary<int, long>();
        long lastStep = -1;
        foreach (var change in trace.Changes)
        {
            int index = change.SignalIndex;
            double seconds = change.AtNanos / 1e9;
            if (strobes.Contains(index))
            {
                if (change.Value > 0.5)
                {
                    rising[index] = change.AtNanos;
                }
                else if (rising.Remove(index, out long start))
                {
                    Add(StrobeMicros, start / 1e9, (change.AtNanos - start) / 1e3);
                }
            }
            else if (phases.Contains(index) && change.AtNanos != lastStep)
            {
                // Each step moves the phases at one instant: one step per distinct time of a phase change.
                if (lastStep >= 0 && change.AtNanos - lastStep < MotorStoppedNanos)
                {
                    Add(MotorStepsPerSecond, seconds, 1e9 / (change.AtNanos - lastStep));
                    Add(MotorLimit, seconds, printer.Physics.MaxPps(volts, celsius));
                }
                lastStep = change.AtNanos;
            }
            else if (index == voltsSignal?.Index)
            {
                // Under load: the samples between loop passes only see the idle supply.
                volts = change.Value;
                Add(SupplyVolts, seconds, volts);
            }
            else if (index == ampsSignal?.Index)
            {
                Add(HeadAmps, seconds, change.Value);
            }
            else if (index == celsiusSignal?.Index)
            {
                celsius = change.Value;
                if (analogFromTrace)
                {
                    Add(HeadCelsius, seconds, celsius);
                }
            }
        }
        var ordered = SupplyVolts.OrderBy(p => p.Seconds).ToList();
        SupplyVolts.Clear();
        SupplyVolts.AddRange(ordered);
    }

    /// <summary>Appends another run's points (an earlier boot's) to these.</summary>
    public void Append(HeadSeries other)
    {
        HeadCelsius.AddRange(other.HeadCelsius);
        SupplyVolts.AddRange(other.SupplyVolts);
        HeadAmps.AddRange(other.HeadAmps);
        StrobeMicros.AddRange(other.StrobeMicros);
        MotorStepsPerSecond.AddRange(other.MotorStepsPerSecond);
        MotorLimit.AddRange(other.MotorLimit);
    }

    private static void Add(List<(double Seconds, double Value)> series, double seconds, double value)
    {
        if (series.Count < MaxPoints)
        {
            series.Add((seconds, value));
        }
    }
}
