using System.Diagnostics;
using PosFirmware.Emulator.Scenarios;
using PosFirmware.Tests.Emulator.Scenarios;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

/// <summary>Long commands: a progress bar on a terminal only, a summary table always; run as a user runs them.</summary>
public class LongRunTests
{
    private static readonly string Posemu = Path.Combine(AppContext.BaseDirectory, "posemu.dll");

    // Enough runs that the bar stays up for some seconds: it is cleared when the soak ends, and the screen is
    // looked at every 50 ms (40 one-sale runs once took under a second, and a look could miss the bar).
    private const int ProgressSeeds = 150;

    [Fact]
    public void Soak_draws_a_progress_bar_on_a_terminal_and_ends_with_its_summary_table()
    {
        string session = "posemu-progress-" + Environment.ProcessId;
        Assert.Equal(0, ExternalTool.Run("tmux", new[] { "new-session", "-d", "-s", session, "-x", "120", "-y", "50", $"dotnet {Posemu} soak --seeds {ProgressSeeds} --sales 1; sleep 60" }).ExitCode);
        try
        {
            var wall = Stopwatch.StartNew();
            bool bar = false;
            string screen = "";
            while (wall.Elapsed.TotalSeconds < 120 && !screen.Contains("invariant breaks", StringComparison.Ordinal))
            {
                screen = ExternalTool.Run("tmux", new[] { "capture-pane", "-p", "-t", session }).StdOut;
                // The bar: the task, the bar itself and its percentage, redrawn in place.
                bar |= screen.Contains("soak ", StringComparison.Ordinal) && screen.Contains('━') && screen.Contains('%');
                Thread.Sleep(50);
            }
            Assert.True(bar, "no progress bar was drawn:\n" + screen);
            Assert.Contains("│ runs ", screen);
            Assert.Contains("invariant breaks", screen);
        }
        finally
        {
            ExternalTool.Run("tmux", new[] { "kill-session", "-t", session });
        }
    }

    [Fact]
    public void Run_into_a_pipe_gives_plain_text_with_the_summary_table_and_no_escape_codes()
    {
        string scenario = Path.Combine(ScenarioExamplesTests.ExamplesFolder, "wrong-code-type.yaml");
        var result = ExternalTool.Run("dotnet", new[] { Posemu, "run", scenario }, 120_000);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("PASS " + scenario, result.StdOut);
        Assert.Matches("│ scenario +│ result │", result.StdOut);
        Assert.DoesNotContain("\u001b", result.StdOut);
        Assert.DoesNotContain('━', result.StdOut);
    }

    [Fact]
    public void A_scenario_folder_holds_a_trace_per_boot_that_sigrok_reads()
    {
        string outDir = Directory.CreateTempSubdirectory("scenario-vcd").FullName;
        var scenario = Scenario.Load(Path.Combine(ScenarioExamplesTests.ExamplesFolder, "power-cut-mid-receipt.yaml"));
        var result = ScenarioRunner.Run(scenario, (run, r) => ScenarioOutput.Write(outDir, run, r));
        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.True(result.PowerCuts > 0);
        var traces = Directory.GetFiles(outDir, "*.vcd").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(result.PowerCuts + 1, traces.Count);
        Assert.Contains(ScenarioOutput.Vcd, traces);
        foreach (string trace in traces!)
        {
            var show = ExternalTool.Run("sigrok-cli", new[] { "-I", "vcd", "-i", Path.Combine(outDir, trace!), "--show" }, 120_000);
            Assert.True(show.ExitCode == 0, trace + ": " + show.StdErr);
            Assert.Contains("STB1: logic", show.StdOut);
        }
    }
}
