using System.CommandLine;
using System.Diagnostics;
using PosFirmware.Emulator.Simulation;
using Spectre.Console;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu soak --seeds N [--from S] [--json FILE] [--trace] [--jobs J]`: runs N faulty days (one per seed)
/// through the deterministic simulation on J cores, shows progress and a summary table, and exits non-zero
/// on any invariant break.
/// </summary>
public static class SoakCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var seeds = new Option<int>("--seeds") { Description = "number of runs (one seed each)", DefaultValueFactory = _ => 100 };
        var from = new Option<ulong>("--from") { Description = "first seed", DefaultValueFactory = _ => 1 };
        var sales = new Option<int>("--sales") { Description = "sales per run", DefaultValueFactory = _ => new SimulationConfig().SalesPerRun };
        var loop = new Option<int>("--loop-micros") { Description = "the firmware's loop period and receive poll in microseconds (device: 1000)", DefaultValueFactory = _ => 1000 };
        var paper = new Option<string?>("--paper") { Description = "write each run's torn-off paper pieces as PNG under this folder (seed-N/piece-NN.png)" };
        var json = new Option<string?>("--json") { Description = "also write the figures as JSON to this file" };
        var trace = new Option<bool>("--trace") { Description = "print each run's trace (faults and transaction log)" };
        var outDir = new Option<string?>("--out") { Description = "write the report folder here: report.html and summary.json of the runs, and a seed-N folder for each failing run" };
        var jobs = new Option<int>("--jobs") { Description = "runs at once, one per core by default (results are merged in seed order)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("soak", "Run faulty days in deterministic simulation and check the payment invariants") { seeds, from, sales, loop, json, trace, paper, jobs, outDir };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(seeds);
            if (count < 1)
            {
                Console.Error.WriteLine("error: --seeds must be at least 1");
                return 2;
            }
            int loopMicros = parse.GetValue(loop);
            if (loopMicros < 100 || loopMicros > 100_000)
            {
                Console.Error.WriteLine("error: --loop-micros must be between 100 and 100000");
                return 2;
            }
            var config = new SimulationConfig { SalesPerRun = Math.Max(1, parse.GetValue(sales)), LoopPeriodMicros = loopMicros };
            string? paperDir = parse.GetValue(paper);
            string? reportDir = parse.GetValue(outDir);
            config.KeepPaper = paperDir != null || reportDir != null;
            // A failing run's folder holds its signal trace; recording changes nothing the run does.
            config.RecordSignals = reportDir != null;
            int workers = parse.GetValue(jobs);
            if (workers < 1 || workers > 256)
            {
                Console.Error.WriteLine("error: --jobs must be between 1 and 256");
                return 2;
            }
            return Run(parse.GetValue(from), count, config, parse.GetValue(json), parse.GetValue(trace), paperDir, reportDir, Console.Out, workers);
        });
        return command;
    }

    /// <summary>Runs between the JSON figures written so far during a soak (the final ones are written at the end).</summary>
    public const int CheckpointRuns = 500;

    /// <summary>Runs the soak; returns the exit code (1 on any invariant break).</summary>
    public static int Run(ulong from, int count, SimulationConfig config, string? jsonPath, bool printTrace, string? paperDir = null, string? reportDir = null, TextWriter? output = null, int workers = 1)
    {
        output ??= Console.Out;
        if (reportDir != null && !OutputFolder.TryClaim(reportDir, "soak", output))
        {
            return 2;
        }
        var summary = new SoakSummary();
        var failures = new List<SimulationResult>();
        var runs = new List<SimulationResult>();
        var kept = new Dictionary<ulong, SoakReport.Kept>();
        if (reportDir != null)
        {
            SoakReport.KeepFailures(config, reportDir, kept);
        }
        var watch = Stopwatch.StartNew();
        // A trace printed line by line and a live bar would draw over each other.
        LongRun.WithProgress(printTrace ? TextWriter.Null : output, addTask =>
            {
                var progress = addTask("soak", count);
                SoakRunner.Run(from, count, config, workers, result =>
                {
                    summary.Add(result);
                    if (printTrace)
                    {
                        foreach (var line in result.Trace)
                        {
                            output.WriteLine(line);
                        }
                    }
                    if (paperDir != null)
                    {
                        WritePaper(paperDir, result);
                    }
                    if (result.Breaks.Count > 0)
                    {
                        failures.Add(result);
                        output.WriteLine($"seed {result.Seed}: invariant break (replay: {result.ReplayCommand})");
                    }
                    if (jsonPath != null && summary.Runs % CheckpointRuns == 0)
                    {
                        // A long soak stopped early still leaves its figures so far.
                        summary.WallSeconds = watch.Elapsed.TotalSeconds;
                        File.WriteAllText(jsonPath, summary.ToJson());
                    }
                    if (reportDir != null)
                    {
                        // The summary page needs each run's figures; only a failing run keeps its paper and trace.
                        runs.Add(result.Breaks.Count > 0 ? result : Slim(result));
                    }
                    progress(summary.Runs);
                });
            });
        summary.WallSeconds = watch.Elapsed.TotalSeconds;
        LongRun.WriteTable(Table(summary), output);
        foreach (var failure in failures)
        {
            output.WriteLine($"seed {failure.Seed}: {failure.Breaks.Count} invariant break(s)");
            foreach (var line in failure.Breaks)
            {
                output.WriteLine("  " + line);
            }
            output.WriteLine($"  replay: {failure.ReplayCommand}");
        }
        if (jsonPath != null)
        {
            File.WriteAllText(jsonPath, summary.ToJson());
            output.WriteLine($"json -> {jsonPath}");
        }
        if (reportDir != null)
        {
            var folders = SoakReport.Write(reportDir, summary, runs, kept);
            output.WriteLine($"report -> {Path.Combine(reportDir, "report.html")}" + (folders.Count > 0 ? $", failing runs in {string.Join(", ", folders)}" : ""));
        }
        return summary.InvariantBreaks > 0 ? 1 : 0;
    }

    private static SimulationResult Slim(SimulationResult result)
    {
        result.Paper.Clear();
        result.Trace.Clear();
        return result;
    }

    private static void WritePaper(string folder, SimulationResult result)
    {
        string runFolder = Path.Combine(folder, $"seed-{result.Seed}");
        Directory.CreateDirectory(runFolder);
        for (int i = 0; i < result.Paper.Count; i++)
        {
            var piece = result.Paper[i];
            PosFirmware.Emulator.Imaging.PngWriter.WriteGray(Path.Combine(runFolder, $"piece-{i + 1:D2}.png"), piece.Width, piece.Height, piece.Gray);
        }
    }

    private static Table Table(SoakSummary s)
    {
        var table = new Table().AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("runs", s.Runs.ToString());
        Row("sales", s.Sales.ToString());
        foreach (var (kind, n) in s.Faults)
        {
            Row("faults: " + kind, n.ToString());
        }
        Row("power cuts", s.PowerCuts.ToString());
        Row("reversals", s.Reversals.ToString());
        Row("unresolved", s.Unresolved.ToString());
        Row("receipts read off paper", s.ReceiptsRead.ToString());
        Row("invariant breaks", s.InvariantBreaks.ToString());
        Row("virtual time (s)", s.VirtualSeconds.ToString("F1"));
        Row("wall time (s)", s.WallSeconds.ToString("F1"));
        Row("sales per wall second", s.SalesPerWallSecond.ToString("F2"));
        Row("loop passes printing / other", $"{s.Wall.PrintPasses} / {s.Wall.OtherPasses}");
        Row("virtual clock actions", s.Wall.ClockActions.ToString());
        foreach (var (part, share) in s.WallShares())
        {
            Row("wall share: " + part, share.ToString("P1"));
        }
        return table;
    }
}
