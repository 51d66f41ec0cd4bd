using PosFirmware.Emulator.Cli;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

public class DemoScenarioTests
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "PosFirmware.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, relative);
    }

    [Fact]
    public void The_shipped_scenario_runs_every_fault_and_ends_in_a_sale()
    {
        string outDir = Directory.CreateTempSubdirectory("scenario").FullName;
        var output = new StringWriter();
        var options = new DemoOptions(7, outDir, 3.0, 1000, RepoFile("emulator/Scenarios/faulty-scans.scenario"));
        Assert.Equal(0, DemoCommand.Run(options, output));
        string display = File.ReadAllText(Path.Combine(outDir, "display.txt"));
        foreach (string shown in new[] { "Code cut off, rescan", "Bad read, rescan", "Unknown code type", "PROCESSING          |CNY 88.00           |Alipay" })
        {
            Assert.Contains(shown, display);
        }
        Assert.Contains("sale 000001/000002 sent: 8800 fen", output.ToString());
    }

    [Theory]
    [InlineData("keys 12Q", "scenario line 1: unknown key 'Q'")]
    [InlineData("# c\nat x keys 1", "scenario line 2: 'x' is not a time")]
    [InlineData("present noise", "scenario line 1: expected a byte count")]
    [InlineData("present noise 0", "scenario line 1: '0' is not a count")]
    [InlineData("present raw 0G", "scenario line 1: '0G' is not a hex byte")]
    [InlineData("present 1234 extra", "scenario line 1: expected 2 words")]
    [InlineData("faults 2", "scenario line 1: faults takes a chance")]
    [InlineData("scan 123", "scenario line 1: unknown step 'scan'")]
    [InlineData("at NaN keys 12E", "scenario line 1: 'NaN' is not a time")]
    [InlineData("at 0.4 keys 12E every NaN", "scenario line 1: 'NaN' is not a time")]
    [InlineData("faults NaN", "scenario line 1: faults takes a chance")]
    [InlineData("faults noise=abc", "scenario line 1: faults takes a chance")]
    public void A_bad_scenario_line_is_an_error_naming_it(string text, string expectedStart)
    {
        var e = Assert.Throws<FormatException>(() => DemoScenario.Parse(text));
        Assert.StartsWith(expectedStart, e.Message);
    }

    [Fact]
    public void The_demo_refuses_a_bad_scenario_file_with_exit_code_2()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("scenario").FullName, "bad.scenario");
        File.WriteAllText(file, "keys 1E\npresent truncated 123\n");
        var output = new StringWriter();
        Assert.Equal(2, DemoCommand.Run(new DemoOptions(1, Path.GetTempPath(), 1.0, 1000, file), output));
        Assert.Contains("scenario line 2: expected bytes to keep", output.ToString());
        Assert.Equal(2, DemoCommand.Run(new DemoOptions(1, Path.GetTempPath(), 1.0, 1000, file + ".missing"), output));
    }
}
