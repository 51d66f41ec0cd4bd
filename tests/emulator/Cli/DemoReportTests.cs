using System.Text.Json;
using System.Text.RegularExpressions;
using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

/// <summary>The demo's report page: the same folder layout and page as `posemu run`, opened in a real browser.</summary>
public class DemoReportTests
{
    // Sale 1 (approved, two copies printed) fits in the first 12 virtual seconds of the day.
    private static readonly Lazy<(string Folder, string Output)> Demo = new(() =>
    {
        string dir = Path.Combine(Directory.CreateTempSubdirectory("demo-report").FullName, "out");
        var output = new StringWriter();
        Assert.Equal(0, DemoCommand.Run(new DemoOptions(1, dir, 12, 1000), output));
        return (dir, output.ToString());
    });

    [Fact]
    public void The_demo_report_opens_in_headless_chromium_with_its_receipts_and_plots()
    {
        string folder = Demo.Value.Folder;
        string profile = Directory.CreateTempSubdirectory("chromium-profile").FullName;
        var dom = ExternalTool.Run("chromium", new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
            "--dump-dom", new Uri(Path.Combine(folder, "report.html")).AbsoluteUri,
        }, 60_000);
        Assert.Equal(0, dom.ExitCode);
        // What the browser built: one image per torn-off receipt, each a PNG of printed paper.
        var receipts = Regex.Matches(dom.StdOut, "<img src=\"(receipts/receipt-\\d+\\.png)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, receipts.Count);
        foreach (string receipt in receipts)
        {
            byte[] gray = PngWriter.ReadGray(Path.Combine(folder, receipt), out int width, out int height);
            Assert.Equal(384, width);
            Assert.True(height > 700, $"{receipt}: a whole receipt, {height} rows");
            Assert.Contains(gray, b => b < 128);
        }
        // The QR of the first copy, read by a decoder someone else wrote, is the sale's.
        var zbar = ExternalTool.Run("zbarimg", new[] { "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", Path.Combine(folder, receipts[0]) });
        Assert.StartsWith("POSREF:", zbar.StdOut);
        // Four plots, each an SVG with marks in it, and the test pages beside the receipts.
        var figures = Regex.Matches(dom.StdOut, "<figure class=\"plot\">.*?</figure>", RegexOptions.Singleline);
        Assert.Equal(4, figures.Count);
        Assert.All(figures, f => Assert.Matches("<svg[^>]*>.*<(polyline|path|circle|ellipse|polygon)", f.Value.Replace("\n", " ")));
        Assert.Contains("<img src=\"testpage-JX-2R-01.png\"", dom.StdOut);
        Assert.Contains("id=\"outcome\" class=\"pass\"", dom.StdOut);
        Assert.Contains("APPROVED", dom.StdOut);
        Assert.Contains("receipt copy 2 of 000001/000002 printed", dom.StdOut);
    }

    [Fact]
    public void The_demo_summary_agrees_with_the_folder_and_the_trace()
    {
        string folder = Demo.Value.Folder;
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("demo", root.GetProperty("command").GetString());
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(1, root.GetProperty("salesApproved").GetInt32());
        var receipts = root.GetProperty("receipts").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal(receipts, Directory.GetFiles(Path.Combine(folder, "receipts"), "receipt-*.png").Select(f => "receipts/" + Path.GetFileName(f)).Order());
        Assert.True(File.Exists(Path.Combine(folder, "receipts", "roll.png")));
        Assert.Equal(File.ReadAllLines(Path.Combine(folder, "display.txt")).Length, root.GetProperty("displayFrames").GetInt32());
        Assert.Equal(File.ReadAllLines(Path.Combine(folder, "transactions.txt")).Length, root.GetProperty("transactionLogLines").GetInt32());
        // Strobe pulses counted by the report equal the rising edges of STB1..STB6 in the VCD, counted here from the file.
        Assert.Equal(VcdRisingEdges(Path.Combine(folder, "demo.vcd"), "STB"), root.GetProperty("strobePulses").GetInt32());
        // Printing drew current and warmed the head; the supply sagged under load.
        Assert.True(root.GetProperty("peakHeadAmps").GetDouble() > 0.5);
        Assert.True(root.GetProperty("maxHeadCelsius").GetDouble() > 25.5);
        Assert.True(root.GetProperty("minSupplyVolts").GetDouble() < 7.2);
    }

    [Fact]
    public void The_demo_ends_with_a_summary_table_and_draws_no_progress_into_a_redirected_output()
    {
        string output = Demo.Value.Output;
        Assert.Matches("│ salesApproved +│ +1 │", output);
        Assert.Matches("│ result +│ +PASS │", output);
        Assert.DoesNotContain("\u001b[", output);
    }

    private static int VcdRisingEdges(string vcd, string prefix)
    {
        var ids = new Dictionary<string, bool>();
        int rising = 0;
        foreach (string line in File.ReadLines(vcd))
        {
            var v = Regex.Match(line, "^\\$var wire 1 (\\S+) (\\S+) \\$end");
            if (v.Success && v.Groups[2].Value.StartsWith(prefix, StringComparison.Ordinal))
            {
                ids[v.Groups[1].Value] = false;
            }
            else if (line.Length > 1 && (line[0] == '0' || line[0] == '1') && ids.TryGetValue(line[1..], out bool was))
            {
                bool now = line[0] == '1';
                rising += now && !was ? 1 : 0;
                ids[line[1..]] = now;
            }
        }
        return rising;
    }
}
