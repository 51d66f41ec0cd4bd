using System.Globalization;
using System.Text;
using System.Text.Json;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;
using PosFirmware.Emulator.Trace;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The timing report of one print job, read from the board's trace and the head model: pulse-width
/// histograms of the strobes and the latch, strobe overlap, peak current, the motor's step rate against its
/// limit and the head temperature over time; written as text, JSON and an SVG of plots.
/// </summary>
public sealed class TimingReport
{
    /// <summary>Histogram bin width, in us.</summary>
    public const int BinMicros = 50;

    /// <summary>Most bins kept per histogram (wider pulses fall in the last).</summary>
    public const int MaxBins = 200;

    /// <summary>Per signal, pulse counts per bin of <see cref="BinMicros"/> (STBn high, LAT low).</summary>
    public SortedDictionary<string, int[]> PulseWidthHistograms { get; } = new(StringComparer.Ordinal);

    /// <summary>Widest pulse per signal, in us.</summary>
    public SortedDictionary<string, double> WidestMicros { get; } = new(StringComparer.Ordinal);

    /// <summary>Time with two or more strobes on at once, in us.</summary>
    public double StrobeOverlapMicros { get; private set; }

    /// <summary>Most strobes on at once.</summary>
    public int MostStrobesOn { get; private set; }

    /// <summary>Highest head current, in A.</summary>
    public double PeakAmps { get; private set; }

    /// <summary>Motor steps seen.</summary>
    public int Steps { get; private set; }

    /// <summary>Fastest step rate seen, in pps.</summary>
    public double FastestPps { get; private set; }

    /// <summary>The motor's limit at the supply and head temperature of the fastest step, in pps.</summary>
    public double LimitPps { get; private set; }

    /// <summary>Step rate over time: (s, pps).</summary>
    public List<double[]> StepRate { get; } = new();

    /// <summary>Head temperature over time: (s, degC).</summary>
    public List<double[]> HeadCelsius { get; } = new();

    /// <summary>Violations counted.</summary>
    public long Violations { get; private set; }

    /// <summary>The checker's summary.</summary>
    public string ViolationSummary { get; private set; } = "";

    /// <summary>Reads the report from a printer whose board traced the job with analog signals on.</summary>
    public static TimingReport Of(VirtualPrinter printer)
    {
        var report = new TimingReport();
        var trace = printer.Board.Trace;
        string scope = printer.Options.Scope;
        var strobeIndex = new Dictionary<int, string>();
        var phases = new HashSet<int>();
        int latch = -1;
        int celsius = -1;
        foreach (var s in trace.Signals)
        {
            if (s.Scope != scope)
            {
                continue;
            }
            if (s.Name.StartsWith("STB", StringComparison.Ordinal))
            {
                strobeIndex[s.Index] = s.Name;
            }
            else if (s.Name.StartsWith("MT_", StringComparison.Ordinal))
            {
                phases.Add(s.Index);
            }
            else if (s.Name == "LAT")
            {
                latch = s.Index;
            }
            else if (s.Name == "T_head")
            {
                celsius = s.Index;
                report.HeadCelsius.Add(new[] { 0.0, s.Initial });
            }
        }
        var rose = new Dictionary<int, long>();
        int on = 0;
        long lastSweep = 0;
        long lastStep = -1;
        long fastestAt = 0;
        foreach (var c in trace.Changes.OrderBy(c => c.AtNanos))
        {
            if (on >= 2)
            {
                report.StrobeOverlapMicros += (c.AtNanos - lastSweep) / 1000.0;
            }
            lastSweep = c.AtNanos;
            if (strobeIndex.TryGetValue(c.SignalIndex, out string? name))
            {
                if (c.Value != 0)
                {
                    rose[c.SignalIndex] = c.AtNanos;
                    on++;
                    report.MostStrobesOn = Math.Max(report.MostStrobesOn, on);
                }
                else if (rose.TryGetValue(c.SignalIndex, out long at))
                {
                    on--;
                    report.AddPulse(name, (c.AtNanos - at) / 1000.0);
                }
            }
            else if (c.SignalIndex == latch)
            {
                if (c.Value == 0)
                {
                    rose[latch] = c.AtNanos;
                }
                else if (rose.TryGetValue(latch, out long at))
                {
                    report.AddPulse("LAT (low)", (c.AtNanos - at) / 1000.0);
                }
            }
            else if (phases.Contains(c.SignalIndex))
            {
                if (c.AtNanos != lastStep)
                {
                    if (lastStep >= 0 && c.AtNanos - lastStep < 100_000_000)
                    {
                        double pps = 1e9 / (c.AtNanos - lastStep);
                        report.StepRate.Add(new[] { c.AtNanos / 1e9, pps });
                        if (pps > report.FastestPps)
                        {
                            report.FastestPps = pps;
                            fastestAt = c.AtNanos;
                        }
                    }
                    report.Steps++;
                    lastStep = c.AtNanos;
                }
            }
            else if (c.SignalIndex == celsius)
            {
                report.HeadCelsius.Add(new[] { c.AtNanos / 1e9, c.Value });
            }
        }
        report.PeakAmps = printer.Head.PeakAmps;
        report.LimitPps = printer.Physics.MaxPps(printer.Head.SupplyOpenVolts, printer.Thermal.HeadCelsiusAt(printer.Board.Clock.NowNanos));
        report.Violations = printer.Checker.Total;
        report.ViolationSummary = printer.Checker.Summary();
        return report;
    }

    private void AddPulse(string signal, double micros)
    {
        if (!PulseWidthHistograms.TryGetValue(signal, out var bins))
        {
            bins = new int[MaxBins];
            PulseWidthHistograms[signal] = bins;
        }
        bins[Math.Min(MaxBins - 1, (int)(micros / BinMicros))]++;
        WidestMicros[signal] = Math.Max(WidestMicros.GetValueOrDefault(signal), micros);
    }

    /// <summary>The report as text.</summary>
    public string ToText()
    {
        var t = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        t.AppendLine(string.Format(inv, "strobe overlap: {0:F1} us with 2 or more strobe lines on at once (blocks fired together in one pass); at most {1}", StrobeOverlapMicros, MostStrobesOn));
        t.AppendLine(string.Format(inv, "peak head current: {0:F2} A", PeakAmps));
        t.AppendLine(string.Format(inv, "motor: {0} steps, fastest {1:F0} pps, limit {2:F0} pps at the supply and head temperature", Steps, FastestPps, LimitPps));
        if (HeadCelsius.Count > 0)
        {
            t.AppendLine(string.Format(inv, "head temperature: {0:F2} to {1:F2} degC", HeadCelsius.Min(p => p[1]), HeadCelsius.Max(p => p[1])));
        }
        t.AppendLine("violations: " + ViolationSummary);
        foreach (var (signal, bins) in PulseWidthHistograms)
        {
            t.AppendLine(string.Format(inv, "{0} pulse widths (widest {1:F1} us):", signal, WidestMicros[signal]));
            for (int i = 0; i < bins.Length; i++)
            {
                if (bins[i] > 0)
                {
                    t.AppendLine(string.Format(inv, "  {0,5}-{1,5} us  {2}", i * BinMicros, (i + 1) * BinMicros, bins[i]));
                }
            }
        }
        return t.ToString();
    }

    /// <summary>Writes report.txt, report.json and report.svg in a folder.</summary>
    public void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.txt"), ToText());
        var json = new
        {
            binMicros = BinMicros,
            pulseWidthHistograms = PulseWidthHistograms,
            widestMicros = WidestMicros,
            strobeOverlapMicros = StrobeOverlapMicros,
            mostStrobesOn = MostStrobesOn,
            peakAmps = PeakAmps,
            steps = Steps,
            fastestPps = FastestPps,
            limitPps = LimitPps,
            stepRate = StepRate,
            headCelsius = HeadCelsius,
            violations = Violations,
            violationSummary = ViolationSummary,
        };
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        WriteSvg(Path.Combine(folder, "report-strobe-widths.svg"), StrobeWidthPlot());
        WriteSvg(Path.Combine(folder, "report-step-rate.svg"), StepRatePlot());
        WriteSvg(Path.Combine(folder, "report-head-temperature.svg"), CelsiusPlot());
    }

    private static void WriteSvg(string path, PlotModel model)
    {
        using var svg = File.Create(path);
        new SvgExporter { Width = 800, Height = 400 }.Export(model, svg);
    }

    private static PlotModel Plot(string title, string x, string y)
    {
        var model = new PlotModel { Title = title };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = x });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = y });
        return model;
    }

    private PlotModel StrobeWidthPlot()
    {
        var model = Plot("Strobe pulse widths", "width (us)", "pulses");
        foreach (var (signal, bins) in PulseWidthHistograms)
        {
            var series = new StairStepSeries { Title = signal };
            for (int i = 0; i < MaxBins; i++)
            {
                series.Points.Add(new DataPoint(i * BinMicros, bins[i]));
            }
            model.Series.Add(series);
        }
        return model;
    }

    private PlotModel StepRatePlot()
    {
        var model = Plot("Motor step rate against its limit", "time (s)", "pps");
        var rate = new LineSeries { Title = "step rate" };
        foreach (var p in StepRate)
        {
            rate.Points.Add(new DataPoint(p[0], p[1]));
        }
        model.Series.Add(rate);
        if (StepRate.Count > 0)
        {
            var limit = new LineSeries { Title = "limit", LineStyle = LineStyle.Dash };
            limit.Points.Add(new DataPoint(StepRate[0][0], LimitPps));
            limit.Points.Add(new DataPoint(StepRate[^1][0], LimitPps));
            model.Series.Add(limit);
        }
        return model;
    }

    private PlotModel CelsiusPlot()
    {
        var model = Plot("Head temperature", "time (s)", "degC");
        var celsius = new LineSeries { Title = "head" };
        foreach (var p in HeadCelsius)
        {
            celsius.Points.Add(new DataPoint(p[0], p[1]));
        }
        model.Series.Add(celsius);
        return model;
    }
}
