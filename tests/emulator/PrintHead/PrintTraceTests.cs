using System.Globalization;
using System.Numerics;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// `posemu print --vcd` writes the job's trace at 1 ns: sigrok's SPI decoder reads the dot bytes back from
/// DI/CLK, GTKWave's converter takes the file, the analog quantities are real variables, and violations are
/// marked in the trace at their times.
/// </summary>
public class PrintTraceTests
{
    private static readonly byte[] Job = EscPos.Job(EscPos.ESC, '@', "PRINT HEAD 123", EscPos.LF, EscPos.GS, '!', 0x11, "AB", EscPos.LF);

    [Fact]
    public void Sigrok_reads_the_dot_bytes_back_from_DI_and_CLK_and_gtkwave_takes_the_file()
    {
        string dir = Directory.CreateTempSubdirectory("print-vcd").FullName;
        string job = Path.Combine(dir, "job.bin");
        File.WriteAllBytes(job, Job);
        string vcd = Path.Combine(dir, "job.vcd");
        var console = new StringWriter();
        int code = PrintCommand.Run(job, Path.Combine(dir, "job.png"), ProfileLibrary.Primary, 16, console,
            new HeadConditions.Values { SupplyVolts = 7.4, SourceOhms = 0.1, HeadCelsius = 30 }, vcd);
        Assert.True(code == 0, console.ToString());
        string text = File.ReadAllText(vcd);
        Assert.Contains("$timescale 1 ns $end", text);
        foreach (string name in new[] { "V_head", "I_head", "T_head" })
        {
            Assert.Contains($"$var real 64 ", text);
            Assert.Contains($" {name} $end", text);
        }
        var decoded = ExternalTool.Run("sigrok-cli", new[]
        {
            "-I", "vcd:downsample=25", "-i", vcd, "-P", "spi:clk=DI_CLK_SCK:mosi=DI_CLK_MOSI:wordsize=8", "-A", "spi=mosi-data",
        }, 120_000);
        Assert.True(decoded.ExitCode == 0, decoded.StdErr);
        var bytes = decoded.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => byte.Parse(l.Split(':')[1].Trim(), NumberStyles.HexNumber)).ToArray();
        // Every black dot of the job goes over DI once per firing of its line (twice on the LTPD245C).
        var ideal = new EscPosRenderer().Render(Job, out _);
        int black = 0;
        for (int y = 0; y < ideal.LineCount; y++)
        {
            for (int x = 0; x < 384; x++)
            {
                black += ideal.IsBlack(x, y) ? 1 : 0;
            }
        }
        Assert.True(black > 100);
        Assert.Equal(0, bytes.Length % 48);
        Assert.Equal(2 * black, bytes.Sum(b => BitOperations.PopCount(b)));
        if (ExternalTool.IsInstalled("vcd2fst"))
        {
            var fst = ExternalTool.Run("vcd2fst", new[] { vcd, Path.Combine(dir, "job.fst") });
            Assert.True(fst.ExitCode == 0, fst.StdErr + fst.StdOut);
        }
    }

    [Fact]
    public void Violations_are_marked_in_the_trace_at_their_times()
    {
        var board = new VirtualBoard(3);
        var config = new PrintHeadConfig { SupplySourceMilliohms = 150 };
        var printer = new VirtualPrinter(board, Profiles.Seiko(), new VirtualPrinterOptions
        {
            TraceAnalog = true,
            Driver = config,
            BuildDriver = false,
        });
        var wrong = new HeatWindowIgnoringDriver(Profiles.Seiko(), printer.Pins, config, board.Clock);
        printer.AttachDriver(() => wrong);
        foreach (var line in TestPages.Dense(384, 40, 2))
        {
            printer.Sink.PrintLine(line, 0);
        }
        printer.Finish();
        Assert.NotEmpty(printer.Violations);
        var violation = board.Trace.Find("head", "violation")!;
        var marks = board.Trace.Changes.Where(c => c.SignalIndex == violation.Index && c.Value == 1).Select(c => c.AtNanos).ToHashSet();
        foreach (var v in printer.Violations)
        {
            Assert.Contains(v.AtNanos, marks);
        }
        var celsius = board.Trace.Find("head", "T_head")!;
        Assert.Contains(board.Trace.Changes, c => c.SignalIndex == celsius.Index && c.Value > 25.01);
    }

    [Fact]
    public void Bad_conditions_and_a_damaged_profile_file_are_clear_errors()
    {
        string dir = Directory.CreateTempSubdirectory("print-bad").FullName;
        string job = Path.Combine(dir, "job.bin");
        File.WriteAllBytes(job, Job);
        string profile = Path.Combine(dir, "bad.profile");
        File.WriteAllText(profile, ProfileLibrary.Text(ProfileLibrary.Primary).Replace("heaterOhms=173", "heaterOhms=x"));
        var cases = new (HeadConditions.Values Values, string Says)[]
        {
            (new HeadConditions.Values { SupplyVolts = -1 }, "--supply-volts"),
            (new HeadConditions.Values { SourceOhms = double.NaN }, "--source-ohms"),
            (new HeadConditions.Values { HeadCelsius = 500 }, "--head-celsius"),
            (new HeadConditions.Values { EnergyPercent = 0 }, "--energy-percent"),
            (new HeadConditions.Values { ProfileFile = Path.Combine(dir, "missing.profile") }, "no such profile"),
            (new HeadConditions.Values { ProfileFile = profile }, "heaterOhms"),
        };
        foreach (var (values, says) in cases)
        {
            var console = new StringWriter();
            Assert.Equal(2, PrintCommand.Run(job, Path.Combine(dir, "out.png"), ProfileLibrary.Primary, 16, console, values, null));
            Assert.Contains(says, console.ToString());
        }
        Assert.False(File.Exists(Path.Combine(dir, "out.png")));
    }

    [Fact]
    public void A_profile_file_prints_like_the_built_in_mechanism()
    {
        string dir = Directory.CreateTempSubdirectory("print-profile").FullName;
        string job = Path.Combine(dir, "job.bin");
        File.WriteAllBytes(job, Job);
        string profile = Path.Combine(dir, "mine.profile");
        File.WriteAllText(profile, ProfileLibrary.Text(ProfileLibrary.Second));
        var console = new StringWriter();
        Assert.Equal(0, PrintCommand.Run(job, Path.Combine(dir, "a.png"), "ignored", 16, console, new HeadConditions.Values { ProfileFile = profile, EnergyPercent = 100 }, null));
        Assert.Contains("JX-2R-01 head", console.ToString());
        Assert.Contains("no timing violations", console.ToString());
    }
}

/// <summary>The per-job timing report: text, JSON and SVG plots, with figures that agree with the models.</summary>
public class TimingReportTests
{
    [Fact]
    public void The_report_counts_every_strobe_pulse_and_stays_under_the_motor_limit()
    {
        string dir = Directory.CreateTempSubdirectory("print-report").FullName;
        string job = Path.Combine(dir, "job.bin");
        File.WriteAllBytes(job, EscPos.Job(EscPos.ESC, '@', "TIMING 0123456789", EscPos.LF, EscPos.GS, '!', 0x11, "REPORT", EscPos.LF));
        var console = new StringWriter();
        string folder = Path.Combine(dir, "report");
        Assert.Equal(0, PrintCommand.Run(job, Path.Combine(dir, "job.png"), ProfileLibrary.Primary, 16, console, new HeadConditions.Values(), null, folder));
        foreach (string name in new[] { "report.txt", "report.json", "report-strobe-widths.svg", "report-step-rate.svg", "report-head-temperature.svg" })
        {
            Assert.True(File.Exists(Path.Combine(folder, name)), name);
        }
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        var root = json.RootElement;
        Assert.True(root.GetProperty("fastestPps").GetDouble() <= root.GetProperty("limitPps").GetDouble());
        Assert.InRange(root.GetProperty("peakAmps").GetDouble(), 0.5, 10);
        int strobes = 0;
        foreach (var signal in root.GetProperty("pulseWidthHistograms").EnumerateObject())
        {
            if (signal.Name.StartsWith("STB", StringComparison.Ordinal))
            {
                strobes += signal.Value.EnumerateArray().Sum(b => b.GetInt32());
            }
        }
        Assert.True(strobes > 10);
        Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(folder, "report-step-rate.svg")).TrimStart('\uFEFF'));
        Assert.Contains("no timing violations", File.ReadAllText(Path.Combine(folder, "report.txt")));
    }
}
