using System.Text.Json;
using System.Text.RegularExpressions;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.Scenarios;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.Scenarios;

/// <summary>The output folder of a run: a static report page that shows what happened, and a summary that agrees with it.</summary>
public class ScenarioReportTests
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        string outDir = Directory.CreateTempSubdirectory("scenario-report").FullName;
        var scenario = Scenario.Load(Path.Combine(ScenarioExamplesTests.ExamplesFolder, "paper-out-then-reprint.yaml"));
        var result = ScenarioRunner.Run(scenario, (run, r) => ScenarioOutput.Write(outDir, run, r));
        Assert.True(result.Passed, string.Join("\n", result.Failures));
        return outDir;
    });

    private static string Read(string name) => File.ReadAllText(Path.Combine(Folder.Value, name));

    [Fact]
    public void Report_is_static_and_shows_receipts_display_log_and_plots()
    {
        string html = Read("report.html");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase), html);
        // The receipt images it shows are the paper, one per cut: two copies, each as tall as a receipt.
        var images = Regex.Matches(html, "<img src=\"(receipts/receipt-\\d+\\.png)\"");
        Assert.Equal(2, images.Count);
        foreach (Match img in images)
        {
            byte[] gray = PngWriter.ReadGray(Path.Combine(Folder.Value, img.Groups[1].Value), out int width, out int height);
            Assert.Equal(384, width);
            Assert.True(height > 700, $"a whole receipt copy, {height} rows");
            Assert.Contains(gray, b => b < 128);
        }
        PngWriter.ReadGray(Path.Combine(Folder.Value, "receipts", "roll.png"), out _, out int rollHeight);
        Assert.True(rollHeight > 1500, $"two receipt copies on the roll, {rollHeight} rows");
        // Every display frame is on the time line, with its time.
        using var summary = JsonDocument.Parse(Read("summary.json"));
        int frames = summary.RootElement.GetProperty("displayFrames").GetInt32();
        Assert.Equal(frames, Regex.Matches(html, "<div class=\"frame\"><time>").Count);
        Assert.Contains("PRINTER FAULT", html);
        Assert.Contains("receipt copy 2 of 000001/000002 printed", html);
        // Four plots drawn, each with data in it.
        var figures = Regex.Matches(html, "<figure class=\"plot\">.*?</figure>", RegexOptions.Singleline);
        Assert.Equal(4, figures.Count);
        foreach (Match figure in figures)
        {
            Assert.Contains("<svg", figure.Value);
            Assert.True(Regex.IsMatch(figure.Value, "<(polyline|path|circle|ellipse|polygon)"), "plot has marks: " + figure.Value[..80]);
        }
        foreach (string plot in new[] { "plot-head-temperature.svg", "plot-supply.svg", "plot-strobe-widths.svg", "plot-motor-rate.svg" })
        {
            Assert.Contains("href=\"" + plot + "\"", html);
            Assert.Equal("svg", System.Xml.Linq.XDocument.Parse(Read(plot)).Root!.Name.LocalName);
        }
    }

    [Fact]
    public void Report_opens_in_headless_chromium_with_its_receipts_and_plots()
    {
        string profile = Directory.CreateTempSubdirectory("chromium-profile").FullName;
        var dom = ExternalTool.Run("chromium", new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
            "--dump-dom", new Uri(Path.Combine(Folder.Value, "report.html")).AbsoluteUri,
        }, 60_000);
        Assert.Equal(0, dom.ExitCode);
        // What the browser built from the page: the receipt image and four plots with their marks.
        Assert.Matches("<img src=\"receipts/receipt-01.png\"", dom.StdOut);
        var figures = Regex.Matches(dom.StdOut, "<figure class=\"plot\">.*?</figure>", RegexOptions.Singleline);
        Assert.Equal(4, figures.Count);
        Assert.All(figures, f => Assert.Matches("<svg[^>]*>.*<(polyline|path|circle|ellipse|polygon)", f.Value.Replace("\n", " ")));
        Assert.Contains("id=\"outcome\" class=\"pass\"", dom.StdOut);
    }

    [Fact]
    public void Summary_agrees_with_the_run()
    {
        using var summary = JsonDocument.Parse(Read("summary.json"));
        var root = summary.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(0, root.GetProperty("failures").GetArrayLength());
        // Two copies of the receipt, each with its QR read back off the paper.
        var codes = root.GetProperty("qrCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(2, codes.Count);
        Assert.All(codes, c => Assert.Contains("TRACE:000002", c));
        // Printing heated the head above the 25 C ambient and drew strobes.
        Assert.True(root.GetProperty("maxHeadCelsius").GetDouble() > 25.5);
        Assert.True(root.GetProperty("strobePulses").GetInt32() > 1000);
        Assert.Equal(File.ReadAllLines(Path.Combine(Folder.Value, "transactions.txt")).Length, root.GetProperty("transactionLogLines").GetInt32());
    }

    [Fact]
    public void The_qr_codes_zxing_reads_are_the_ones_zbar_reads()
    {
        // A second decoder, written by others, reads the same paper: the scenario's receipt check cannot
        // agree with itself by construction.
        var zbar = ExternalTool.Run("zbarimg", new[] { "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", Path.Combine(Folder.Value, "receipts", "roll.png") });
        using var summary = JsonDocument.Parse(Read("summary.json"));
        var zxing = summary.RootElement.GetProperty("qrCodes").EnumerateArray().Select(c => c.GetString()!).OrderBy(c => c).ToList();
        var zbarCodes = zbar.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).OrderBy(c => c).ToList();
        Assert.Equal(zbarCodes, zxing);
    }
}
