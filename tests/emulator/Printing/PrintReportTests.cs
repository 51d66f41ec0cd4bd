using System.Text.Json;
using System.Text.RegularExpressions;
using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.Printing;

/// <summary>`posemu print --report DIR`: the same folder and page as every other run, for one print job.</summary>
public class PrintReportTests
{
    [Fact]
    public void Print_report_folder_holds_the_page_the_paper_the_trace_and_a_summary_that_agrees_with_the_timing_report()
    {
        string dir = Directory.CreateTempSubdirectory("print-run-report").FullName;
        string job = Path.Combine(dir, "job.bin");
        File.WriteAllBytes(job, EscPos.Job(EscPos.ESC, '@', "REPORT PAGE 0123456789", EscPos.LF, EscPos.GS, '!', 0x11, "BIG", EscPos.LF));
        string folder = Path.Combine(dir, "report");
        var console = new StringWriter();
        Assert.Equal(0, PrintCommand.Run(job, Path.Combine(dir, "job.png"), ProfileLibrary.Primary, 16, console, new HeadConditions.Values(), null, folder));
        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("<img src=\"receipts/receipt-01.png\"", html);
        Assert.Equal(4, Regex.Matches(html, "<figure class=\"plot\">").Count);
        Assert.True(File.Exists(Path.Combine(folder, "print.vcd")));
        byte[] gray = PngWriter.ReadGray(Path.Combine(folder, "receipts", "receipt-01.png"), out int width, out _);
        Assert.Equal(384, width);
        Assert.Contains(gray, b => b < 128);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        using var timing = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        int strobes = timing.RootElement.GetProperty("pulseWidthHistograms").EnumerateObject()
            .Where(s => s.Name.StartsWith("STB", StringComparison.Ordinal)).Sum(s => s.Value.EnumerateArray().Sum(b => b.GetInt32()));
        Assert.Equal("print", summary.RootElement.GetProperty("command").GetString());
        Assert.Equal(strobes, summary.RootElement.GetProperty("strobePulses").GetInt32());
        Assert.True(Math.Abs(timing.RootElement.GetProperty("peakAmps").GetDouble() - summary.RootElement.GetProperty("peakHeadAmps").GetDouble()) < 0.001);
        Assert.Contains("report -> ", console.ToString());
    }
}
