using System.Text.Json;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Emulator.Reports;
using Xunit;

namespace PosFirmware.Tests.Emulator.Reports;

/// <summary>The one report writer, on records made here: what it escapes, bounds and keeps.</summary>
public class RunReportTests
{
    [Fact]
    public void Text_from_the_run_is_escaped_and_the_page_stays_static()
    {
        var record = new RunRecord { Command = "run", Title = "<script>alert(1)</script>", Frames = new List<DisplayFrame> { new(1_000_000_000, new[] { "<b>&", "", "", "" }) } };
        record.Log.Add("sale <img src=x onerror=y>");
        record.Failures.Add("a \"quoted\" </pre> failure");
        string folder = Directory.CreateTempSubdirectory("report-escape").FullName;
        RunReport.Write(folder, record);
        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;b&gt;&amp;", html);
        Assert.Contains("Nothing was printed.", html);
        Assert.Contains("id=\"outcome\" class=\"pass\"", html);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.Equal("<script>alert(1)</script>", summary.RootElement.GetProperty("title").GetString());
        Assert.Equal(1, summary.RootElement.GetProperty("displayFrames").GetInt32());
    }

    [Fact]
    public void Long_runs_are_bounded_on_the_page_and_whole_in_the_files()
    {
        var record = new RunRecord { Command = "run", Title = "long" };
        for (int i = 0; i < RunReport.MaxRows + 10; i++)
        {
            record.Log.Add($"line {i}");
        }
        string folder = Directory.CreateTempSubdirectory("report-long").FullName;
        RunReport.Write(folder, record);
        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains($"line {RunReport.MaxRows - 1}</pre>", html);
        Assert.DoesNotContain($"line {RunReport.MaxRows}", html);
        Assert.Contains("10 more lines in transactions.txt", html);
        Assert.Equal(RunReport.MaxRows + 10, File.ReadAllLines(Path.Combine(folder, "transactions.txt")).Length);
    }

    [Fact]
    public void Thinning_keeps_a_single_short_peak_and_the_level_after_it()
    {
        var points = new List<(double Seconds, double Value)>();
        for (int i = 0; i < 100_000; i++)
        {
            points.Add((i / 1000.0, i == 50_001 ? 3.0 : i > 90_000 ? 1.0 : 0.0));
        }
        var kept = ReportPlots.Envelope(points);
        Assert.True(kept.Count <= ReportPlots.MaxPoints, $"{kept.Count} points");
        Assert.Contains(kept, p => p.Y == 3.0 && Math.Abs(p.X - 50.001) < 1e-9);
        Assert.Equal(1.0, kept[^1].Y);
        Assert.Equal(points[^1].Seconds, kept[^1].X);
        Assert.True(kept.Zip(kept.Skip(1)).All(p => p.First.X <= p.Second.X), "in time order");
        // What stride thinning (every 66th point) would have drawn instead: no peak at all.
        Assert.DoesNotContain(Enumerable.Range(0, points.Count / 66).Select(i => points[i * 66]), p => p.Value == 3.0);
    }
}
