using PosFirmware.Emulator.Reports;
using PosFirmware.Emulator.Storage;

namespace PosFirmware.Emulator.Scenarios;

/// <summary>
/// A scenario run as a <see cref="RunRecord"/>, written to its output folder by the one report writer: the
/// receipts of every boot, the display history, the transaction log, the journal, the acquirer's ledger,
/// the plots and summary.json (outcome, every failed expectation with its line and virtual time, the QR
/// codes read off the paper).
/// </summary>
public static class ScenarioOutput
{
    /// <summary>Writes the folder from a finished run; returns the files written.</summary>
    public static List<string> Write(string folder, ScenarioRun run, ScenarioResult result, string command = "run")
    {
        var files = RunReport.Write(folder, Record(run, result, command));
        // One trace per boot (a power cut starts a new board): the earlier boots' first, the last as trace.vcd.
        for (int i = 0; i < run.ArchivedBoards.Count; i++)
        {
            files.Add(Path.Combine(folder, $"trace-boot-{i + 1}.vcd"));
            run.ArchivedBoards[i].WriteVcd(files[^1], VcdTimescaleNanos);
        }
        files.Add(Path.Combine(folder, Vcd));
        run.Rig.Terminal.Board.WriteVcd(files[^1], VcdTimescaleNanos);
        return files;
    }

    /// <summary>The VCD of the last boot.</summary>
    public const string Vcd = "trace.vcd";

    /// <summary>The traces' timescale: 1 us, as the demo's.</summary>
    public const long VcdTimescaleNanos = 1000;

    /// <summary>What the report shows of a scenario run.</summary>
    public static RunRecord Record(ScenarioRun run, ScenarioResult result, string command = "run")
    {
        var paper = run.Paper();
        var record = new RunRecord
        {
            Command = command,
            Title = result.Scenario.Name,
            Passed = result.Passed,
            About = $"{result.Scenario.File}, seed {result.Scenario.Seed}: {result.Checked} expectations checked, {result.VirtualSeconds:F3} s virtual, {result.PowerCuts} power cuts.",
            Frames = run.Frames(),
            Ledger = run.Rig.Host.Ledger.DumpText(),
            Journal = JournalDump.Text(run.Rig.Flash, run.Rig.Terminal.Config.Payment.Journal),
            Head = run.Series(),
            Roll = Concatenate(paper),
            Vcd = Vcd,
        };
        record.Facts["scenario"] = result.Scenario.Name;
        record.Facts["file"] = result.Scenario.File;
        record.Facts["seed"] = result.Scenario.Seed;
        record.Facts["expectationsChecked"] = result.Checked;
        record.Facts["virtualSeconds"] = Math.Round(result.VirtualSeconds, 6);
        record.Facts["powerCuts"] = result.PowerCuts;
        record.Facts["failedExpectations"] = result.Failures.Select(f => new { file = f.File, line = f.Line, atSeconds = f.AtNanos / 1e9, expected = f.Expectation, found = f.Found }).ToList();
        record.Facts["qrCodes"] = ReceiptReader.QrCodes(paper);
        record.Failures.AddRange(result.Failures.Select(f => f.ToString()));
        record.Receipts.AddRange(run.Receipts());
        record.Log.AddRange(run.LogLines());
        record.Violations.AddRange(run.Violations().Select(v => v.ToString()));
        return record;
    }

    // Every boot's paper as one roll (a reboot keeps the roll in the printer).
    private static PaperImage? Concatenate(List<(int Width, int Height, byte[] Gray)> paper)
    {
        if (paper.Count == 0)
        {
            return null;
        }
        int width = paper[0].Width;
        int height = paper.Sum(p => p.Height);
        var gray = new byte[width * height];
        int offset = 0;
        foreach (var piece in paper)
        {
            Array.Copy(piece.Gray, 0, gray, offset, piece.Gray.Length);
            offset += piece.Gray.Length;
        }
        return new PaperImage(width, height, gray);
    }
}
