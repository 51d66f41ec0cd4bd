using System.Text.Json;
using PosFirmware.Emulator.Imaging;

namespace PosFirmware.Emulator.Scenarios;

/// <summary>
/// One output folder per scenario run: the paper of each boot as PNG, the display history, the transaction
/// log, the acquirer's ledger and summary.json (outcome, every failed expectation with its line and virtual
/// time, the QR codes read off the paper, timing violations).
/// </summary>
public static class ScenarioOutput
{
    /// <summary>Writes the folder from a finished run; returns the files written.</summary>
    public static List<string> Write(string folder, ScenarioRun run, ScenarioResult result)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        string Put(string name, string text)
        {
            string path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            files.Add(path);
            return path;
        }
        Put("display.txt", string.Join("\n", run.Frames()) + "\n");
        Put("transactions.txt", string.Join("\n", run.LogLines()) + "\n");
        Put("ledger.txt", run.Rig.Host.Ledger.DumpText());
        var paper = run.Paper();
        var paperFiles = new List<string>();
        for (int i = 0; i < paper.Count; i++)
        {
            string path = Path.Combine(folder, $"paper-{i + 1:D2}.png");
            PngWriter.WriteGray(path, paper[i].Width, paper[i].Height, paper[i].Gray);
            files.Add(path);
            paperFiles.Add(Path.GetFileName(path));
        }
        run.CollectPulses(run.Rig.Terminal);
        var plots = ScenarioPlots.Draw(run);
        foreach (var (_, file, svg) in plots)
        {
            Put(file, svg);
        }
        Put("report.html", ScenarioReport.Html(run, result, paperFiles, plots));
        var summary = new
        {
            scenario = result.Scenario.Name,
            file = result.Scenario.File,
            seed = result.Scenario.Seed,
            passed = result.Passed,
            expectationsChecked = result.Checked,
            virtualSeconds = Math.Round(result.VirtualSeconds, 6),
            powerCuts = result.PowerCuts,
            failures = result.Failures.Select(f => new { file = f.File, line = f.Line, atSeconds = f.AtNanos / 1e9, expected = f.Expectation, found = f.Found }),
            qrCodes = ReceiptReader.QrCodes(paper),
            timingViolations = run.Violations().Count,
            displayFrames = run.Frames().Count,
            transactionLogLines = run.LogLines().Count,
            strobePulses = run.StrobeMicros.Count,
            maxHeadCelsius = run.HeadCelsius.Count == 0 ? 0 : Math.Round(run.HeadCelsius.Max(p => p.Value), 3),
            minSupplyVolts = run.SupplyVolts.Count == 0 ? 0 : Math.Round(run.SupplyVolts.Min(p => p.Value), 3),
        };
        Put("summary.json", JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return files;
    }
}
