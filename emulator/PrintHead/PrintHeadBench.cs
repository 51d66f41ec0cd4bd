using System.Diagnostics;
using PosFirmware.Emulator.Bench;
using PosFirmware.Emulator.Board;
using PosFirmware.Hal;
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

    /// <summary>Runs every figure with the default conditions and adds its rows.</summary>
    public static void Run(BenchReport report, ulong seed, TextWriter log) => Run(report, seed, log, new PrintHeadBenchOptions());

    /// <summary>Runs every figure and adds its rows.</summary>
    public static void Run(BenchReport report, ulong seed, TextWriter log, PrintHeadBenchOptions options)
    {
        double virtualSeconds = 0;
        var wall = Stopwatch.StartNew();
        var mechanisms = options.Mechanisms();
        foreach (var profile in mechanisms)
        {
            string name = profile.Name;
            var pages = new (string Name, byte[][] Lines)[]
            {
                ("receipt", TestPages.Receipt(profile.DotsPerLine, PageLines, seed)),
                ("dense", TestPages.Dense(profile.DotsPerLine, PageLines, seed)),
            };
            foreach (var (pageName, lines) in pages)
            {
                string group = $"{name} {pageName}";
                var held = PrintPage(profile, lines, seed, options.Conditions(dynamic: true, holdHead: true));
                var run = PrintPage(profile, lines, seed, options.Conditions(dynamic: true, holdHead: false));
                var fixedRun = PrintPage(profile, lines, seed, options.Conditions(dynamic: false, holdHead: false));
                virtualSeconds += held.Seconds + run.Seconds + fixedRun.Seconds;
                var heldConditions = LimitConditions.Held(options.SupplyVolts, options.SourceOhms, options.HeadCelsius);
                var runConditions = LimitConditions.OfRun(run.Printer, lines.Length);
                double heldLimit = PhysicalLimit.MillimetresPerSecond(profile, lines, heldConditions, withSameDotRest: true);
                double runLimit = PhysicalLimit.MillimetresPerSecond(profile, lines, runConditions, withSameDotRest: true);
                double runLimitNoRest = PhysicalLimit.MillimetresPerSecond(profile, lines, runConditions, withSameDotRest: false);
                double mm = lines.Length * profile.DotPitchMicrons / 1000.0;
                double heldSpeed = mm / held.Seconds;
                double speed = mm / run.Seconds;
                double fixedSpeed = mm / fixedRun.Seconds;
                double heldRatio = heldSpeed / heldLimit;
                double runRatio = speed / runLimit;
                string coverage = $"{TestPages.Coverage(lines) * 100:F1} % black, {mm:F0} mm, {options.Describe()}";
                report.Add(new BenchRow(group, "speed (head held)", heldSpeed, "mm/s", Note: coverage));
                report.Add(new BenchRow(group, "honest limit (held)", heldLimit, "mm/s", Note: heldConditions.Description + "; motor, heat passes, same-dot rest"));
                report.Add(new BenchRow(group, "speed / limit (held)", heldRatio, "ratio", "<= 1", heldRatio <= 1.0, "conditions held constant in the run and the limit"));
                report.Add(new BenchRow(group, "speed (head warms)", speed, "mm/s", Note: coverage));
                report.Add(new BenchRow(group, "honest limit (run)", runLimit, "mm/s", Note: runConditions.Description + "; motor, heat passes, same-dot rest"));
                report.Add(new BenchRow(group, "limit (run, no rest)", runLimitNoRest, "mm/s", Note: "without the same-dot rest, for comparison"));
                report.Add(new BenchRow(group, "speed / limit (run)", runRatio, "ratio", "<= 1", runRatio <= 1.0, "limit at the run's own conditions"));
                report.Add(new BenchRow(group, "speed / limit (run) goal", runRatio, "ratio", ">= 0.90", runRatio >= 0.90));
                report.Add(new BenchRow(group, "speed / fixed-6-block", speed / fixedSpeed, "ratio", Note: $"fixed blocks {fixedSpeed:F1} mm/s"));
                long violations = held.Violations + run.Violations + fixedRun.Violations;
                if (!options.Cpu.IsFree)
                {
                    var cpuRun = PrintPage(profile, lines, seed, options.Conditions(dynamic: true, holdHead: false, options.Cpu));
                    virtualSeconds += cpuRun.Seconds;
                    violations += cpuRun.Violations;
                    var cpuConditions = LimitConditions.OfRun(cpuRun.Printer, lines.Length);
                    double cpuLimit = PhysicalLimit.MillimetresPerSecond(profile, lines, cpuConditions, withSameDotRest: true);
                    double cpuSpeed = mm / cpuRun.Seconds;
                    double cpuRatio = cpuSpeed / cpuLimit;
                    var share = cpuRun.Printer.Cpu!.LineShare;
                    string cpuName = options.Cpu.Name;
                    report.Add(new BenchRow(group, $"speed (cpu {cpuName})", cpuSpeed, "mm/s", Note: "the driver's work charged at the device's costs"));
                    report.Add(new BenchRow(group, $"speed / limit (cpu {cpuName})", cpuRatio, "ratio", "<= 1", cpuRatio <= 1.0, cpuConditions.Description));
                    report.Add(new BenchRow(group, $"speed / limit (cpu {cpuName}) goal", cpuRatio, "ratio", ">= 0.90", cpuRatio >= 0.90));
                    report.Add(new BenchRow(group, "cpu busy per dot line (mean)", share.Mean * 100, "%", "<= 50", share.Mean <= 0.5));
                    report.Add(new BenchRow(group, "cpu busy per dot line (max)", share.Max * 100, "%", "<= 50", share.Max <= 0.5, $"{cpuRun.Printer.Cpu.ChargedMicros / 1000:F0} ms charged"));
                    log.WriteLine($"{group} with cpu {cpuName}: {cpuSpeed:F1} mm/s ({cpuRatio:F3} of its limit), cpu busy {share.Mean * 100:F0} % of a line (max {share.Max * 100:F0} %)");
                    var path = cpuRun.Printer.Cpu.Path;
                    var limitAccount = PhysicalLimit.Account(profile, lines, cpuConditions);
                    LogPath(log, group, path, limitAccount, lines.Length);
                    double offHeat = 0;
                    foreach (var item in Enum.GetValues<PathItem>())
                    {
                        offHeat += item == PathItem.Heat ? 0 : path.MeanMicros(item);
                    }
                    report.Add(new BenchRow(group, "per dot line: heat (cpu model)", path.MeanMicros(PathItem.Heat), "us", Note: $"the limit's {limitAccount.HeatMicros / lines.Length:F0} us: blocks started one after another, and W (Eq. 8) follows the slower pace"));
                    report.Add(new BenchRow(group, "per dot line: no strobe on (cpu model)", offHeat, "us", Note: $"calls and waits (rest, LAT, motor; by kind in the log); the limit's {(limitAccount.TotalMicros - limitAccount.HeatMicros) / lines.Length:F0} us"));
                    log.WriteLine("  driver work per line (us): " + string.Join(", ", Enum.GetValues<CpuWork>().Select(w => $"{w} {cpuRun.Printer.Cpu.WorkMicros[(int)w] / lines.Length:F0}")));
                    // The same with every DST line tied to one output: one strobe call per pass.
                    var tiedRun = PrintPage(profile, lines, seed, options.Conditions(dynamic: true, holdHead: false, options.Cpu, tiedStrobes: true));
                    virtualSeconds += tiedRun.Seconds;
                    violations += tiedRun.Violations;
                    var tiedConditions = LimitConditions.OfRun(tiedRun.Printer, lines.Length);
                    double tiedRatio = mm / tiedRun.Seconds / PhysicalLimit.MillimetresPerSecond(profile, lines, tiedConditions, withSameDotRest: true);
                    var tiedShare = tiedRun.Printer.Cpu!.LineShare;
                    report.Add(new BenchRow(group, $"speed / limit (cpu {cpuName}, STB tied)", tiedRatio, "ratio", "<= 1", tiedRatio <= 1.0, "every DST line on one output: one strobe call per pass"));
                    report.Add(new BenchRow(group, "cpu busy per dot line, STB tied (mean)", tiedShare.Mean * 100, "%", "<= 50", tiedShare.Mean <= 0.5));
                    report.Add(new BenchRow(group, "cpu busy per dot line, STB tied (max)", tiedShare.Max * 100, "%", "<= 50", tiedShare.Max <= 0.5));
                    log.WriteLine($"{group} with cpu {cpuName}, STB tied: {mm / tiedRun.Seconds:F1} mm/s ({tiedRatio:F3} of its limit), cpu busy {tiedShare.Mean * 100:F0} % of a line (max {tiedShare.Max * 100:F0} %)");
                    LogPath(log, group + " tied", tiedRun.Printer.Cpu.Path, PhysicalLimit.Account(profile, lines, tiedConditions), lines.Length);
                }
                report.Add(new BenchRow(group, "timing violations", violations, "count", "0", violations == 0));
                log.WriteLine($"{group}: {speed:F1} mm/s of {runLimit:F1} at the run's conditions ({runRatio:F3}); held {heldSpeed:F1} of {heldLimit:F1} ({heldRatio:F3}); fixed {fixedSpeed:F1}");
            }
        }
        foreach (var profile in mechanisms)
        {
            string name = profile.Name;
            var lines = TestPages.Receipt(profile.DotsPerLine, 120, seed).Concat(TestPages.Dense(profile.DotsPerLine, 120, seed)).ToArray();
            double worst = 0;
            string worstAt = "";
            long violations = 0;
            foreach (double celsius in new[] { 0.0, 25.0, 55.0 })
            {
                foreach (double volts in new[] { 6.0, 7.2, 8.4 })
                {
                    var run = PrintPage(profile, lines, seed, new VirtualPrinterOptions
                    {
                        SupplyVolts = volts,
                        SourceOhms = 0.15,
                        AmbientCelsius = celsius,
                        Driver = new PrintHeadConfig { SupplySourceMilliohms = 150 },
                    });
                    virtualSeconds += run.Seconds;
                    violations += run.Violations;
                    if (run.WorstEnergyDeviation > worst)
                    {
                        worst = run.WorstEnergyDeviation;
                        worstAt = $"{celsius:F0} degC, {volts:F1} V";
                    }
                }
            }
            report.Add(new BenchRow($"{name} energy", "worst |delivered/datasheet - 1|", worst * 100, "%", "<= 5", worst <= 0.05,
                $"0/25/55 degC x 6.0/7.2/8.4 V, 0.15 ohm source; worst at {worstAt}; {violations} violations; reference: {DatasheetEnergies.SourceOf(profile)}"));
            log.WriteLine($"{name} energy: worst {worst * 100:F2} % at {worstAt}");
        }
        wall.Stop();
        report.Add(new BenchRow("emulator", "virtual s per wall s", virtualSeconds / wall.Elapsed.TotalSeconds, "ratio",
            Note: $"{virtualSeconds:F2} virtual s printed in {wall.Elapsed.TotalSeconds:F2} wall s"));
        foreach (var profile in mechanisms)
        {
            string name = profile.Name;
            double bytes = DriverAllocationProbe.BytesPerLine(profile);
            report.Add(new BenchRow($"{name} driver", "allocated per dot line", bytes, "bytes", "0", bytes == 0, "steady state, driver alone"));
        }
    }

    /// <summary>
    /// Where a run's dot lines went, in us per line beside the limit's own per-line account, and the lines
    /// where the CPU was busiest.
    /// </summary>
    public static void LogPath(TextWriter log, string group, PathAccount path, PhysicalLimit.LimitAccount limit, int lines)
    {
        var parts = new List<string>();
        double total = 0;
        foreach (var item in Enum.GetValues<PathItem>())
        {
            double mean = path.MeanMicros(item);
            total += mean;
            if (mean >= 0.5)
            {
                parts.Add($"{item} {mean:F0}");
            }
        }
        log.WriteLine($"  {group} path per line (us): total {total:F0}: {string.Join(", ", parts)}");
        log.WriteLine($"  {group} limit per line (us): total {limit.TotalMicros / lines:F0}: "
            + $"motor-bound {limit.MotorBoundMicros / lines:F0}, heat-bound {limit.HeatBoundMicros / lines:F0}, rest-bound {limit.RestBoundMicros / lines:F0}; heat {limit.HeatMicros / lines:F0}");
        var busiest = Enumerable.Range(0, path.LineCount).OrderByDescending(path.LineShare).Take(4);
        foreach (int i in busiest)
        {
            var line = path.Line(i);
            var items = Enum.GetValues<PathItem>().Where(it => line[(int)it] >= 0.5).Select(it => $"{it} {line[(int)it]:F0}");
            log.WriteLine($"  {group} busiest line {i}: {path.LineShare(i) * 100:F0} %: {string.Join(", ", items)}");
            var cpu = path.CpuOfLine(i);
            var cpuItems = Enum.GetValues<PathItem>().Where(it => cpu[(int)it] >= 0.5).Select(it => $"{it} {cpu[(int)it]:F0}");
            log.WriteLine($"    cpu in all: {string.Join(", ", cpuItems)}");
        }
    }

    /// <summary>What printing one page measured.</summary>
    public sealed record PageRun(double Seconds, long Violations, double WorstEnergyDeviation, VirtualPrinter Printer);

    /// <summary>Prints a page on a fresh board and returns its time (first line to last), violations and energy figure.</summary>
    public static PageRun PrintPage(MechanismProfile profile, byte[][] lines, ulong seed, bool dynamic, double volts, double sourceOhms, double celsius) =>
        PrintPage(profile, lines, seed, new VirtualPrinterOptions
        {
            SupplyVolts = volts,
            SourceOhms = sourceOhms,
            AmbientCelsius = celsius,
            Driver = new PrintHeadConfig { DynamicGrouping = dynamic, SupplySourceMilliohms = (int)Math.Round(sourceOhms * 1000) },
        });

    /// <summary>Prints a page on a fresh board built with the options.</summary>
    public static PageRun PrintPage(MechanismProfile profile, byte[][] lines, ulong seed, VirtualPrinterOptions options)
    {
        var board = new VirtualBoard(seed, maxTraceChanges: 1);
        board.Trace.Enabled = false;
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
