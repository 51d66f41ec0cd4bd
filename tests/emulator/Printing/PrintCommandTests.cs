using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.Printing;
using PosFirmware.Tests.TestSupport;

using Xunit;

namespace PosFirmware.Tests.Emulator.Printing;

/// <summary>`posemu print` and the receiptline fixture: another tool's ESC/POS renders, and its codes read back.</summary>
public class PrintCommandTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "receiptline-generic.bin");

    [Fact]
    public void Receiptline_generic_output_renders_exactly_as_its_golden_image()
    {
        var paper = new EscPosRenderer().Render(File.ReadAllBytes(Fixture), out var result);
        Assert.True(result.Completed);
        Assert.Equal(0, result.UnknownCommands + result.MalformedCommands + result.ReplacedCharacters);
        GoldenImage.AssertMatches(GoldenImage.FolderOf(), "receiptline-generic", paper);
    }

    [Fact]
    public void Print_command_writes_a_png_whose_qr_and_barcodes_read_back_with_zbar()
    {
        string png = Path.Combine(Directory.CreateTempSubdirectory("print").FullName, "receiptline.png");
        var console = new StringWriter();
        Assert.Equal(0, PrintCommand.Run(Fixture, png, 16, console));
        Assert.Contains("status Ok", console.ToString());
        PngWriter.ReadGray(png, out int width, out _);
        Assert.Equal(384 + 32, width);
        var symbols = Zbar.Decode(png);
        Assert.Equal(new[] { "CODE-128:20261122-0001", "EAN-13:4901234567894", "QR-Code:https://example.com/r/0001" }, symbols.Order());
    }

    [Fact]
    public void Print_command_refuses_a_missing_file_and_a_bad_margin()
    {
        var console = new StringWriter();
        Assert.Equal(2, PrintCommand.Run("/nonexistent/job.bin", "/tmp/x.png", 16, console));
        Assert.Contains("no such file", console.ToString());
        Assert.Equal(2, PrintCommand.Run(Fixture, "/tmp/x.png", -1, console));
    }

    [Fact]
    public void Print_command_reports_a_job_cut_short_with_exit_code_1()
    {
        string dir = Directory.CreateTempSubdirectory("print-bad").FullName;
        string job = Path.Combine(dir, "runaway.bin");
        File.WriteAllBytes(job, Enumerable.Repeat(new byte[] { 0x1B, (byte)'J', 255 }, 200).SelectMany(b => b).ToArray());
        var console = new StringWriter();
        Assert.Equal(1, PrintCommand.Run(job, Path.Combine(dir, "runaway.png"), 0, console));
        Assert.Contains("line limit", console.ToString());
    }
}
