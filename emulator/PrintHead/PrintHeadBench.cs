using System.Diagnostics;
using PosFirmware.Emulator.Bench;
using PosFirmware.Emulator.Board;
using PosFirmware.PrintHead;
using PosFirmware.Printing;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The print-head part of `posemu bench`: speed against the physical limit and the fixed-block baseline,
/// energy accuracy over temperature and supply, emulator speed and the driver's allocation per line.
/// </summary>
public static class PrintHeadBench
{
    /// <summary>Lines per benchmark page: 800 lines = 100 mm.</summary>
    public const int PageLines = 800;

    /// <summary>Runs every figure and adds its rows.</summary>
    public static void Run(BenchReport report, ulong seed, TextWriter log)
    {
        double virtualSeconds = 0;
        var wall = Stopwatch.StartNew();
        foreach (string name in new[] { ProfileLibrary.Primary, ProfileLibrary.Second })
        {
            var profile = ProfileLibrary.Load(name);
            var pages = new (string Name, byte[][] Lines)[]
            {
                ("receipt", TestPages.Receipt(profile.DotsPerLine, PageLines, seed)),
                ("dense", TestPages.Dense(profile.DotsPerLine, PageLines, seed)),
            };
            foreach (var (pageName, lines) in pages)
            {
                string group = $"{name} {pageName}";
                var dynamicRun = PrintPage(profile, lines, seed, dynamic: true, 7.2, 0.0, 25);
                var fixedRun = PrintPage(profile, lines, seed, dynamic: false, 7.2, 0.0, 25);
                virtualSeconds += dynamicRun.Seconds + fixedRun.Seconds;
                double limit = PhysicalLimit.MillimetresPerSecond(profile, lines, 7.2, 25, withSameDotRest: false);
                double limitRest = PhysicalLimit.MillimetresPerSecond(profile, lines, 7.2, 25, withSameDotRest: true);
                double mm = lines.Length * profile.DotPitchMicrons / 1000.0;
                double speed = mm / dynamicRun.Seconds;
                double fixedSpeed = mm / fixedRun.Seconds;
                string coverage = $"{TestPages.Coverage(lines) * 100:F1} % black, {mm:F0} mm, 7.2 V stiff supply, 25 degC";
                report.Add(new BenchRow(group, "speed", speed, "mm/s", Note: coverage));
                report.Add(new BenchRow(group, "limit (motor, heat passes)", limit, "mm/s", Note: "profile only, acceleration from standstill"));
                report.Add(new BenchRow(group, "limit (+ same-dot rest)", limitRest, "mm/s", Note: "also the datasheet's same-dot rest/period"));
                report.Add(new BenchRow(group, "speed / limit", speed / limit, "ratio", ">= 0.90", speed / limit >= 0.90));
                report.Add(new BenchRow(group, "speed / limit (+ rest)", speed / limitRest, "ratio", ">= 0.90", speed / limitRest >= 0.90));
                report.Add(new BenchRow(group, "speed / fixed-6-block", speed / fixedSpeed, "ratio", Note: $"fixed blocks {fixedSpeed:F1} mm/s"));
                report.Add(new BenchRow(group, "timing violations", dynamicRun.Violations + fixedRun.Violations, "count", "0", dynamicRun.Violations + fixedRun.Violations == 0));
                log.WriteLine($"{group}: {speed:F1} mm/s, limit {limit:F1} / {limitRest:F1}, fixed {fixedSpeed:F1}");
            }
        }
        foreach (string name in new[] { ProfileLibrary.Primary, ProfileLibrary.Second })
        {
            var profile = ProfileLibrary.Load(name);
            var lines = TestPages.Receipt(profile.DotsPerLine, 120, seed).Concat(TestPages.Dense(profile.DotsPerLine, 120, seed)).ToArray();
            double worst = 0;
            string worstAt = "";
            long violations = 0;
            foreach (double celsius in new[] { 0.0, 25.0, 55.0 })
            {
                foreach (double volts in new[] { 6.0, 7.2, 8.4 })
                {
                    var run = PrintPage(profile, lines, seed, dynamic: true, volts, 0.15, celsius);
                    virtualSeconds += run.Seconds;
                    violations += run.Violations;
                    if (run.WorstEnergyDeviation > worst)
                    {
                        worst = run.WorstEnergyDeviation;
                        worstAt = $"{celsius:F0} degC, {volts:F1} V";
                    }
                }
            }
            report.Add(new BenchRow($"{name} energy", "worst |delivered/asked - 1|", worst * 100, "%", "<= 5", worst <= 0.05,
                $"0/25/55 degC x 6.0/7.2/8.4 V, 0.15 ohm source; worst at {worstAt}; {violations} violations"));
            log.WriteLine($"{name} energy: worst {worst * 100:F2} % at {worstAt}");
        }
        wall.Stop();
        report.Add(new BenchRow("emulator", "virtual s per wall s", virtualSeconds / wall.Elapsed.TotalSeconds, "ratio",
            Note: $"{virtualSeconds:F2} virtual s printed in {wall.Elapsed.TotalSeconds:F2} wall s"));
        foreach (string name in new[] { ProfileLibrary.Primary, ProfileLibrary.Second })
        {
            double bytes = DriverAllocationProbe.BytesPerLine(ProfileLibrary.Load(name));
            report.Add(new BenchRow($"{name} driver", "allocated per dot line", bytes, "bytes", "0", bytes == 0, "steady state, driver alone"));
        }
    }

    /// <summary>What printing one page measured.</summary>
    public sealed record PageRun(double Seconds, long Violations, double WorstEnergyDeviation, VirtualPrinter Printer);

    /// <summary>Prints a page on a fresh board and returns its time (first line to last), violations and energy figure.</summary>
    public static PageRun PrintPage(MechanismProfile profile, byte[][] lines, ulong seed, bool dynamic, double volts, double sourceOhms, double celsius)
    {
        var board = new VirtualBoard(seed, maxTraceChanges: 1);
        board.Trace.Enabled = false;
        var options = new VirtualPrinterOptions
        {
            SupplyVolts = volts,
            SourceOhms = sourceOhms,
            AmbientCelsius = celsius,
            Driver = new PrintHeadConfig { DynamicGrouping = dynamic, SupplySourceMilliohms = (int)Math.Round(sourceOhms * 1000) },
        };
        var printer = new VirtualPrinter(board, profile, options);
        long start = board.Clock.NowNanos;
        foreach (var line in lines)
        {
            var status = printer.PrintLineWaiting(line, 0);
            if (status != PrintStatus.Ok)
            {
                throw new InvalidOperationException($"{profile.Name}: print stopped with {status}");
            }
        }
        long end = board.Clock.NowNanos;
        printer.Finish();
        return new PageRun((end - start) / 1e9, printer.Checker.Total, printer.Head.Energy.WorstDeviation, printer);
    }
}
