using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace PosFirmware.Emulator.Scenarios;

/// <summary>The run's print-head plots as SVG, drawn by OxyPlot: temperature, supply, strobe widths, motor rate.</summary>
public static class ScenarioPlots
{
    /// <summary>Most points drawn per series; longer series are thinned evenly (the report stays small).</summary>
    public const int MaxPoints = 1500;

    /// <summary>(title, file name, svg) for each plot of the run.</summary>
    public static List<(string Title, string File, string Svg)> Draw(ScenarioRun run) => new()
    {
        ("Head temperature", "plot-head-temperature.svg", Svg("Head temperature", "°C", (run.HeadCelsius, "head", false))),
        ("Supply at the head", "plot-supply.svg", Svg("Supply at the head", "V", (run.SupplyVolts, "supply", false))),
        ("Strobe widths", "plot-strobe-widths.svg", Svg("Strobe widths", "µs", (run.StrobeMicros, "strobe", true))),
        ("Motor step rate", "plot-motor-rate.svg", Svg("Motor step rate and its limit", "steps/s", (run.MotorStepsPerSecond, "step rate", true), (run.MotorLimit, "limit at supply", false))),
    };

    private static string Svg(string title, string unit, params (List<(double Seconds, double Value)> Points, string Name, bool Dots)[] series)
    {
        var model = new PlotModel { Title = title, Background = OxyColors.White };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "virtual time (s)" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = unit });
        foreach (var (points, name, dots) in series)
        {
            int stride = Math.Max(1, points.Count / MaxPoints);
            if (dots)
            {
                var scatter = new ScatterSeries { Title = name, MarkerType = MarkerType.Circle, MarkerSize = 1.5 };
                for (int i = 0; i < points.Count; i += stride)
                {
                    scatter.Points.Add(new ScatterPoint(points[i].Seconds, points[i].Value));
                }
                model.Series.Add(scatter);
            }
            else
            {
                var line = new LineSeries { Title = name };
                for (int i = 0; i < points.Count; i += stride)
                {
                    line.Points.Add(new DataPoint(points[i].Seconds, points[i].Value));
                }
                model.Series.Add(line);
            }
        }
        return SvgExporter.ExportToString(model, 720, 300, false);
    }
}
