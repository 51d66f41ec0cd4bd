using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace PosFirmware.Emulator.Reports;

/// <summary>A run's print-head plots as SVG, drawn by OxyPlot: temperature, supply and current, strobe widths, motor rate against its limit.</summary>
public static class ReportPlots
{
    /// <summary>Most points drawn per series; longer series are thinned evenly (the report stays small).</summary>
    public const int MaxPoints = 1500;

    /// <summary>(title, file name, svg) for each plot.</summary>
    public static List<(string Title, string File, string Svg)> Draw(HeadSeries head) => new()
    {
        ("Head temperature", "plot-head-temperature.svg", Svg("Head temperature", "°C", null, (head.HeadCelsius, "head", false, false))),
        ("Supply voltage and current at the head", "plot-supply.svg", Svg("Supply at the head", "V", "A", (head.SupplyVolts, "supply V", false, false), (head.HeadAmps, "current A", false, true))),
        ("Strobe widths", "plot-strobe-widths.svg", Svg("Strobe widths", "µs", null, (head.StrobeMicros, "strobe", true, false))),
        ("Motor step rate against its limit", "plot-motor-rate.svg", Svg("Motor step rate and its limit", "steps/s", null, (head.MotorStepsPerSecond, "step rate", true, false), (head.MotorLimit, "pull-in limit", false, false))),
    };

    private static string Svg(string title, string unit, string? rightUnit, params (List<(double Seconds, double Value)> Points, string Name, bool Dots, bool Right)[] series)
    {
        var model = new PlotModel { Title = title, Background = OxyColors.White };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight, LegendPlacement = LegendPlacement.Inside, LegendBackground = OxyColor.FromAColor(200, OxyColors.White) });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "virtual time (s)" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = unit, Key = "left" });
        if (rightUnit != null)
        {
            model.Axes.Add(new LinearAxis { Position = AxisPosition.Right, Title = rightUnit, Key = "right" });
        }
        foreach (var (points, name, dots, right) in series)
        {
            int stride = Math.Max(1, points.Count / MaxPoints);
            string axis = right ? "right" : "left";
            if (dots)
            {
                var scatter = new ScatterSeries { Title = name, MarkerType = MarkerType.Circle, MarkerSize = 1.5, YAxisKey = axis };
                for (int i = 0; i < points.Count; i += stride)
                {
                    scatter.Points.Add(new ScatterPoint(points[i].Seconds, points[i].Value));
                }
                model.Series.Add(scatter);
            }
            else
            {
                // A level that holds until it changes (the current) is drawn in steps, a sampled quantity as a line.
                var line = right ? new StairStepSeries { Title = name, YAxisKey = axis } : new LineSeries { Title = name, YAxisKey = axis };
                line.Points.AddRange(Envelope(points));
                model.Series.Add(line);
            }
        }
        return SvgExporter.ExportToString(model, 720, 300, false);
    }

    /// <summary>
    /// At most MaxPoints points that keep the series' shape: the lowest, the highest and the last point of
    /// each of MaxPoints / 3 equal spans of time, in time order (thinning by stride would drop short peaks,
    /// and the last point is the level a step series holds into the next span).
    /// </summary>
    public static List<DataPoint> Envelope(List<(double Seconds, double Value)> points)
    {
        var kept = new List<DataPoint>();
        if (points.Count <= MaxPoints)
        {
            kept.AddRange(points.Select(p => new DataPoint(p.Seconds, p.Value)));
            return kept;
        }
        int spans = MaxPoints / 3;
        double start = points[0].Seconds;
        double width = Math.Max(1e-12, (points[^1].Seconds - start) / spans);
        int i = 0;
        while (i < points.Count)
        {
            int span = Math.Min(spans - 1, (int)((points[i].Seconds - start) / width));
            int low = i, high = i;
            int j = i;
            for (; j < points.Count && Math.Min(spans - 1, (int)((points[j].Seconds - start) / width)) == span; j++)
            {
                low = points[j].Value < points[low].Value ? j : low;
                high = points[j].Value > points[high].Value ? j : high;
            }
            foreach (int k in new SortedSet<int> { low, high, j - 1 })
            {
                kept.Add(new DataPoint(points[k].Seconds, points[k].Value));
            }
            i = j;
        }
        return kept;
    }
}
