using System.Text.Json;
using System.Text.RegularExpressions;
using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Simulation;
using Xunit;

namespace PosFirmware.Tests.Emulator.Simulation;

/// <summary>The soak's report folder: a page of the runs through the one report writer, and a folder per failing run.</summary>
public class SoakReportTests
{
    [Fact]
    public void Soak_writes_a_summary_page_of_its_runs_and_a_summary_table()
    {
        string dir = Path.Combine(Directory.CreateTempSubdirectory("soak-report").FullName, "out");
        var output = new StringWriter();
        Assert.Equal(0, SoakCommand.Run(11, 2, new SimulationConfig { SalesPerRun = 2, KeepPaper = true }, null, false, reportDir: dir, output: output));
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("id=\"outcome\" class=\"pass\"", html);
        // One row per run, seeds 11 and 12.
        var rows = Regex.Match(html, "<section id=\"run-table\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Matches("<tr><td>11</td><td>2</td>", rows);
        Assert.Matches("<tr><td>12</td><td>2</td>", rows);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        Assert.Equal("soak", summary.RootElement.GetProperty("command").GetString());
        Assert.Equal(4, summary.RootElement.GetProperty("sales").GetInt64());
        Assert.Equal(0, summary.RootElement.GetProperty("failedSeeds").GetArrayLength());
        Assert.Empty(Directory.GetDirectories(dir));
        string text = output.ToString();
        Assert.Matches("│ invariant breaks +│ +0 │", text);
        Assert.DoesNotContain("\u001b[", text);
    }

    [Fact]
    public void A_failing_run_gets_its_seed_its_replay_command_and_a_folder_with_its_paper()
    {
        // A deliberately broken flow (receipts dropped at reboot) on power cuts at every sale breaks an invariant.
        var config = new SimulationConfig { PowerCutPerSale = 1, KeepPaper = true };
        string dir = Directory.CreateTempSubdirectory("soak-failing").FullName;
        var kept = new Dictionary<ulong, SoakReport.Kept>();
        SoakReport.KeepFailures(config, dir, kept);
        SimulationResult? failing = null;
        var runs = new List<SimulationResult>();
        var summary = new SoakSummary();
        for (ulong seed = 1; seed <= 40 && failing == null; seed++)
        {
            var result = SimulationRun.Run(seed, config, BrokenFlows.DropPendingReceipt);
            runs.Add(result);
            summary.Add(result);
            failing = result.Breaks.Count > 0 ? result : null;
        }
        Assert.NotNull(failing);
        var folders = SoakReport.Write(dir, summary, runs, kept);
        Assert.Equal(new[] { $"seed-{failing!.Seed}" }, folders);
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("id=\"outcome\" class=\"fail\"", html);
        var failingTable = Regex.Match(html, "<section id=\"failing-seeds\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains($"<td>{failing.Seed}</td>", failingTable);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(failing.ReplayCommand), failingTable);
        Assert.Contains($"href=\"seed-{failing.Seed}/report.html\"", html);
        string runPage = File.ReadAllText(Path.Combine(dir, folders[0], "report.html"));
        Assert.Contains("no receipt for it on the paper", runPage);
        Assert.Equal(failing.Paper.Count, Directory.GetFiles(Path.Combine(dir, folders[0], "receipts"), "receipt-*.png").Length);
        Assert.True(failing.Paper.Count > 0);
        // What the rig held at the end: the journal, the ledger, the display and the signal trace.
        string runFolder = Path.Combine(dir, folders[0]);
        Assert.Contains("batch", File.ReadAllText(Path.Combine(runFolder, "journal.txt")));
        Assert.True(new FileInfo(Path.Combine(runFolder, "ledger.txt")).Length > 0);
        Assert.True(File.ReadAllLines(Path.Combine(runFolder, "display.txt")).Length > 0);
        Assert.Contains("$enddefinitions", File.ReadAllText(Path.Combine(runFolder, SoakReport.Vcd)));
    }
}
