using System.CommandLine;
using PosFirmware.Emulator.Scenarios;
using Spectre.Console;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu run FILE...`: runs scenario files as tests. Prints PASS or FAIL per file with every failed
/// expectation (file, line, virtual time, what was found) and a summary table, shows a progress bar on a
/// terminal, writes a JUnit report with --junit and one output folder per file with --out, and exits 1
/// when any expectation failed or any file could not be run, 0 otherwise.
/// </summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "scenario files (YAML, see emulator/Scenarios/README.md)", Arity = ArgumentArity.OneOrMore };
        var junit = new Option<string?>("--junit") { Description = "write a JUnit XML report to this file" };
        var outDir = new Option<string?>("--out") { Description = "write one output folder per scenario under this folder (report.html, receipts, display, log, ledger, plots, summary.json)" };
        var command = new Command("run", "Run scenario files as tests: events in virtual time, expectations checked, non-zero exit on failure") { files, junit, outDir };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(junit), Console.Out, parse.GetValue(outDir)));
        return command;
    }

    /// <summary>Runs the files; returns the exit code. The progress bar is drawn only when the output is a terminal.</summary>
    public static int Run(IReadOnlyList<string> files, string? junitPath, TextWriter output, string? outDir = null)
    {
        var entries = new List<JUnitReport.Entry>();
        LongRun.WithProgress(output, addTask =>
        {
            foreach (string file in files)
            {
                var progress = addTask(Path.GetFileName(file), 1.0);
                entries.Add(RunOne(file, outDir, progress));
                progress(1.0);
            }
        });
        foreach (var entry in entries)
        {
            Print(entry, output);
        }
        int failed = entries.Count(e => e.Error != null || e.Result is { Passed: false });
        SummaryTable(entries, output);
        output.WriteLine($"{entries.Count - failed} of {entries.Count} scenarios passed");
        if (junitPath != null)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(junitPath));
            if (folder != null)
            {
                Directory.CreateDirectory(folder);
            }
            using var writer = System.Xml.XmlWriter.Create(junitPath, new System.Xml.XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
            JUnitReport.Build(entries).Save(writer);
        }
        return failed == 0 ? 0 : 1;
    }

    private static JUnitReport.Entry RunOne(string file, string? outDir, Action<double>? progress)
    {
        Scenario scenario;
        try
        {
            scenario = Scenario.Load(file);
        }
        catch (Exception e) when (e is ScenarioException or IOException or UnauthorizedAccessException)
        {
            return new JUnitReport.Entry(file, null, e.Message);
        }
        var result = ScenarioRunner.Run(scenario,
            outDir == null ? null : (run, r) => ScenarioOutput.Write(Path.Combine(outDir, Path.GetFileNameWithoutExtension(file)), run, r),
            progress);
        return new JUnitReport.Entry(file, result, null);
    }

    private static void Print(JUnitReport.Entry entry, TextWriter output)
    {
        if (entry.Result is not { } result)
        {
            output.WriteLine($"ERROR {entry.File}: {entry.Error}");
            return;
        }
        output.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} {entry.File} ({result.Scenario.Name}): {result.Checked} expectations, {result.Failures.Count} failed, {result.VirtualSeconds:F1} s virtual in {result.WallSeconds:F1} s");
        foreach (var failure in result.Failures)
        {
            output.WriteLine("  " + failure.ToString().Replace("\n", "\n    "));
        }
    }

    private static void SummaryTable(List<JUnitReport.Entry> entries, TextWriter output)
    {
        var table = new Table().AddColumns("scenario", "result", "expectations", "failed", "virtual s", "wall s", "power cuts");
        foreach (var e in entries)
        {
            var r = e.Result;
            table.AddRow(
                Markup.Escape(r?.Scenario.Name ?? Path.GetFileName(e.File)),
                r == null ? "[red]ERROR[/]" : r.Passed ? "[green]PASS[/]" : "[red]FAIL[/]",
                (r?.Checked ?? 0).ToString(),
                (r?.Failures.Count ?? 0).ToString(),
                (r?.VirtualSeconds ?? 0).ToString("F1"),
                (r?.WallSeconds ?? 0).ToString("F1"),
                (r?.PowerCuts ?? 0).ToString());
        }
        LongRun.WriteTable(table, output);
    }
}
