using PosFirmware.Emulator.Payment;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Emulator.Reports;
using PosFirmware.Emulator.Storage;

namespace PosFirmware.Emulator.Simulation;

/// <summary>
/// The soak as <see cref="RunRecord"/>s for the one report writer: a summary page of the runs (figures, one
/// row per run, the failing seeds with the command that replays each) and, for each failing run, a folder of
/// its own with its paper, its trace as the transaction log and its invariant breaks.
/// </summary>
public static class SoakReport
{
    /// <summary>Most failing runs given a folder of their own (the summary page lists them all).</summary>
    public const int MaxRunFolders = 20;

    /// <summary>What a failing run's rig held at its end: its journal, the ledger, the last boot's display and trace.</summary>
    public sealed record Kept(string Journal, string Ledger, List<DisplayFrame> Frames, string? Vcd);

    /// <summary>
    /// Has the simulation keep what the report shows of each failing run, up to <see cref="MaxRunFolders"/>:
    /// the last boot's trace goes straight to folder/seed-N/trace.vcd, the rest into kept.
    /// </summary>
    public static void KeepFailures(SimulationConfig config, string folder, Dictionary<ulong, Kept> kept)
    {
        // Runs finish on several workers in any order: one lock, and the lowest failing seeds are kept, as
        // Write gives folders to the first MaxRunFolders failing runs in seed order.
        config.Finished = (rig, result) =>
        {
            if (result.Breaks.Count == 0)
            {
                return;
            }
            lock (kept)
            {
                if (kept.Count >= MaxRunFolders && result.Seed > kept.Keys.Max())
                {
                    return;
                }
                string runFolder = Path.Combine(folder, FolderOf(result.Seed));
                Directory.CreateDirectory(runFolder);
                var board = rig.Terminal.Board;
                string? vcd = board.Trace.Changes.Count > 0 ? Vcd : null;
                if (vcd != null)
                {
                    board.WriteVcd(Path.Combine(runFolder, vcd), 1000);
                }
                kept[result.Seed] = new Kept(
                    JournalDump.Text(rig.Flash, rig.Terminal.Config.Payment.Journal),
                    rig.Host.Ledger.DumpText(),
                    new List<DisplayFrame>(rig.Terminal.Display.History),
                    vcd);
                if (kept.Count > MaxRunFolders)
                {
                    ulong highest = kept.Keys.Max();
                    kept.Remove(highest);
                    Directory.Delete(Path.Combine(folder, FolderOf(highest)), recursive: true);
                }
            }
        };
    }

    /// <summary>A failing run's trace file, in its folder.</summary>
    public const string Vcd = "trace.vcd";

    private static string FolderOf(SimulationResult run) => FolderOf(run.Seed);

    private static string FolderOf(ulong seed) => $"seed-{seed}";

    /// <summary>Writes the summary page into folder and a seed-N folder per failing run; returns the failing runs' folder names.</summary>
    public static List<string> Write(string folder, SoakSummary summary, IReadOnlyList<SimulationResult> runs, IReadOnlyDictionary<ulong, Kept>? kept = null)
    {
        var failing = runs.Where(r => r.Breaks.Count > 0).ToList();
        var record = new RunRecord
        {
            Command = "soak",
            Title = $"posemu soak: {summary.Runs} runs",
            Passed = summary.InvariantBreaks == 0,
            About = $"{summary.Runs} faulty days in deterministic simulation, {summary.Sales} sales; the invariants checked against the ledger, the journal and the paper.",
        };
        record.Facts["runs"] = summary.Runs;
        record.Facts["sales"] = summary.Sales;
        record.Facts["powerCuts"] = summary.PowerCuts;
        record.Facts["reversals"] = summary.Reversals;
        record.Facts["unresolved"] = summary.Unresolved;
        record.Facts["receiptsRead"] = summary.ReceiptsRead;
        record.Facts["invariantBreaks"] = summary.InvariantBreaks;
        record.Facts["virtualSeconds"] = Math.Round(summary.VirtualSeconds, 3);
        record.Facts["failedSeeds"] = summary.FailedSeeds;
        foreach (var (kind, n) in summary.Faults)
        {
            record.Facts["faults: " + kind] = n;
        }
        record.Tables.Add(new ReportTable("failing-seeds", "Failing seeds", new[] { "seed", "invariant breaks", "replay" },
            failing.Select(r => new[] { r.Seed.ToString(), string.Join("\n", r.Breaks), r.ReplayCommand }).ToList()));
        record.Tables.Add(new ReportTable("run-table", "Runs", new[] { "seed", "sales", "power cuts", "reversals", "unresolved", "receipts read", "virtual s", "breaks" },
            runs.Select(r => new[]
            {
                r.Seed.ToString(), r.Sales.ToString(), r.PowerCuts.ToString(), r.Reversals.ToString(), r.Unresolved.ToString(),
                r.ReceiptsRead.ToString(), (r.VirtualNanos / 1e9).ToString("F1", System.Globalization.CultureInfo.InvariantCulture), r.Breaks.Count.ToString(),
            }).ToList()));
        record.Failures.AddRange(failing.Select(r => $"seed {r.Seed}: {r.Breaks.Count} invariant break(s); replay: {r.ReplayCommand}"));
        var folders = new List<string>();
        foreach (var run in failing.Take(MaxRunFolders))
        {
            string name = FolderOf(run);
            RunReport.Write(Path.Combine(folder, name), Run(run, kept != null && kept.TryGetValue(run.Seed, out var k) ? k : null));
            record.Links.Add((name, $"seed {run.Seed}: {run.Breaks.Count} invariant break(s)"));
            folders.Add(name);
        }
        RunReport.Write(folder, record);
        return folders;
    }

    /// <summary>
    /// One run's folder: its receipts as read off the paper, its trace as the log, its breaks and the replay
    /// command; and, when kept, its journal, the ledger and the last boot's display and signal trace.
    /// </summary>
    public static RunRecord Run(SimulationResult run, Kept? kept = null)
    {
        var record = new RunRecord
        {
            Command = "soak",
            Title = $"soak seed {run.Seed}",
            Passed = run.Breaks.Count == 0,
            About = $"Replay: {run.ReplayCommand}" + (kept != null ? " The display and the signal trace are the last boot's." : ""),
            Journal = kept?.Journal,
            Ledger = kept?.Ledger,
            Frames = kept?.Frames,
            Vcd = kept?.Vcd,
        };
        record.Facts["seed"] = run.Seed;
        record.Facts["replay"] = run.ReplayCommand;
        record.Facts["sales"] = run.Sales;
        record.Facts["powerCuts"] = run.PowerCuts;
        record.Facts["reversals"] = run.Reversals;
        record.Facts["unresolved"] = run.Unresolved;
        record.Facts["receiptsRead"] = run.ReceiptsRead;
        record.Facts["virtualSeconds"] = Math.Round(run.VirtualNanos / 1e9, 6);
        foreach (var (kind, n) in run.Faults)
        {
            record.Facts["faults: " + kind] = n;
        }
        record.Failures.AddRange(run.Breaks);
        record.Receipts.AddRange(run.Paper.Select(p => new PaperImage(p.Width, p.Height, p.Gray)));
        record.Log.AddRange(run.Trace);
        return record;
    }
}
