using PosFirmware.Emulator.Cli;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

public class DemoCommandTests
{
    private static string RunDemo(ulong seed, out string output)
    {
        string dir = Directory.CreateTempSubdirectory("demo").FullName;
        var writer = new StringWriter();
        int code = DemoCommand.Run(new DemoOptions(seed, dir, 2.0, 1000), writer);
        output = writer.ToString();
        Assert.Equal(0, code);
        return dir;
    }

    [Fact]
    public void The_demo_prints_its_seed_first_and_writes_a_vcd()
    {
        string dir = RunDemo(42, out string output);
        Assert.StartsWith("seed=42\n", output.Replace("\r", ""));
        Assert.True(File.Exists(Path.Combine(dir, "demo.vcd")));
    }

    [Fact]
    public void Two_runs_with_one_seed_give_byte_identical_outputs()
    {
        string a = RunDemo(9, out _);
        string b = RunDemo(9, out _);
        var filesA = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order().ToArray();
        var filesB = Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order().ToArray();
        Assert.Equal(filesA, filesB);
        Assert.Contains("demo.vcd", filesA);
        Assert.Contains(filesA, f => f.EndsWith(".png", StringComparison.Ordinal));
        Assert.Contains(filesA, f => f.StartsWith("receipts", StringComparison.Ordinal));
        foreach (var f in filesA)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, f!)).SequenceEqual(File.ReadAllBytes(Path.Combine(b, f!))), $"{f} differs between runs");
        }
    }

    [Fact]
    public void Sigrok_reads_the_demo_vcd()
    {
        string dir = RunDemo(3, out _);
        var result = ExternalTool.Run("sigrok-cli", new[] { "-I", "vcd", "-i", Path.Combine(dir, "demo.vcd"), "--show" });
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StdErr.Trim());
        Assert.Contains("STATUS_LED: logic", result.StdOut);
    }

    [Fact]
    public void Bad_arguments_get_a_clear_error_and_exit_code_2()
    {
        var writer = new StringWriter();
        Assert.Equal(2, DemoCommand.Run(new DemoOptions(1, Path.GetTempPath(), -1, 1000), writer));
        Assert.Contains("--seconds", writer.ToString());
        writer = new StringWriter();
        Assert.Equal(2, DemoCommand.Run(new DemoOptions(1, Path.GetTempPath(), 1, 7), writer));
        Assert.Contains("--timescale-ns", writer.ToString());
    }

    [Fact]
    public void A_seconds_value_that_is_not_a_number_is_refused()
    {
        var writer = new StringWriter();
        Assert.Equal(2, DemoCommand.Run(new DemoOptions(1, Path.GetTempPath(), double.NaN, 1000), writer));
        Assert.Contains("--seconds", writer.ToString());
    }

    [Fact]
    public void An_output_folder_that_cannot_be_made_is_a_clear_error_not_an_exception()
    {
        string file = Path.GetTempFileName();
        var writer = new StringWriter();
        int code = DemoCommand.Run(new DemoOptions(1, file, 1, 1000), writer);
        File.Delete(file);
        Assert.Equal(2, code);
        Assert.Contains("error: --out", writer.ToString());
    }
}
