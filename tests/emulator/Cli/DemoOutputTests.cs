using PosFirmware.Emulator.Cli;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

/// <summary>What the demo says about its run time, and which folders it writes into.</summary>
public class DemoOutputTests
{
    [Theory]
    [InlineData(1.0, "1.000")]
    [InlineData(2.5, "2.500")]
    public void The_firmware_runs_exactly_the_seconds_asked_and_the_test_pages_are_counted_apart(double seconds, string shown)
    {
        string dir = Path.Combine(Directory.CreateTempSubdirectory("demo-seconds").FullName, "out");
        var output = new StringWriter();
        Assert.Equal(0, DemoCommand.Run(new DemoOptions(1, dir, seconds, 1000), output));
        Assert.Contains($"loop passes in {shown} virtual s (--seconds)", output.ToString());
    }

    [Fact]
    public void A_folder_holding_other_files_is_refused_and_left_as_it_was()
    {
        string dir = Directory.CreateTempSubdirectory("demo-foreign").FullName;
        string mine = Path.Combine(dir, "demo.vcd");
        File.WriteAllText(mine, "someone's own file");
        var output = new StringWriter();
        Assert.Equal(2, DemoCommand.Run(new DemoOptions(1, dir, 0.1, 1000), output));
        Assert.Contains("did not write; name a new or empty folder", output.ToString());
        Assert.Equal("someone's own file", File.ReadAllText(mine));
        Assert.Single(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void A_folder_an_earlier_demo_wrote_is_replaced_and_the_demo_says_so()
    {
        string dir = Directory.CreateTempSubdirectory("demo-again").FullName;
        var first = new StringWriter();
        Assert.Equal(0, DemoCommand.Run(new DemoOptions(1, dir, 0.1, 1000), first));
        Assert.DoesNotContain("replacing", first.ToString());
        var second = new StringWriter();
        Assert.Equal(0, DemoCommand.Run(new DemoOptions(1, dir, 0.1, 1000), second));
        Assert.Contains("replacing the outputs of an earlier `posemu demo` in " + dir, second.ToString());
    }

    [Fact]
    public void A_marker_written_by_another_command_does_not_let_the_demo_in()
    {
        string dir = Directory.CreateTempSubdirectory("demo-other").FullName;
        File.WriteAllText(Path.Combine(dir, OutputFolder.MarkerFile), "bench\n");
        var output = new StringWriter();
        Assert.False(OutputFolder.TryClaim(dir, "demo", output));
        Assert.Equal("bench\n", File.ReadAllText(Path.Combine(dir, OutputFolder.MarkerFile)));
    }
}
