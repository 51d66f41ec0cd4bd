using System.CommandLine;
using PosFirmware.Emulator.Scenarios;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu run FILE...`: runs scenario files as tests. Prints PASS or FAIL per file with every failed
/// expectation (file, line, virtual time, what was found), writes a JUnit report with --junit, and exits 1
/// when any expectation failed or any file could not be run, 0 otherwise.
/// </summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "scenario files (YAML, see emulator/Scenarios/README.md)", Arity = ArgumentArity.OneOrMore };
        var junit = new Option<string?>("--junit") { Description = "write a JUnit XML report to this file" };
        var outDir = new Option<string?>("--out") { Description = "write one output folder per scenario under this folder (receipts, display, log, ledger, summary.json)" };
        var command = new Command("run", "Run scenario files as tests: events in virtual time, expectations checked, non-zero exit on failure") { files, junit, outDir };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(junit), Console.Out, parse.GetValue(outDir)));
        return command;
    }

    /// <summary>Runs the files; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> files, string? junitPath, TextWriter output, string? outDir = null)
    {
        var entries = new List<JUnitReport.Entry>();
        foreach (string file in files)
        {
            Scenario scenario;
            try
            {
                scenario = Scenario.Load(file);
            }
            catch (Exception e) when (e is ScenarioException or IOException or UnauthorizedAccessException)
            {
                output.WriteLine($"ERROR {file}: {e.Message}");
                entries.Add(new JUnitReport.Entry(file, null, e.Message));
                continue;
            }
            var result = ScenarioRunner.Run(scenario, outDir == null ? null : (run, r) => ScenarioOutput.Write(Path.Combine(outDir, Path.GetFileNameWithoutExtension(file)), run, r));
            output.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} {file} ({scenario.Name}): {result.Checked} expectations, {result.Failures.Count} failed, {result.VirtualSeconds:F1} s virtual in {result.WallSeconds:F1} s");
            foreach (var failure in result.Failures)
            {
                output.WriteLine("  " + failure.ToString().Replace("\n", "\n    "));
            }
            entries.Add(new JUnitReport.Entry(file, result, null));
        }
        int failed = entries.Count(e => e.Error != null || e.Result is { Passed: false });
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
}
