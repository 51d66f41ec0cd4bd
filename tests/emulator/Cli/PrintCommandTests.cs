using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.Printing;
using PosFirmware.Tests.TestSupport;

using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

/// <summary>`posemu print` and the receiptline fixture: another tool's ESC/POS renders (on ideal paper and through the head model), and its codes read back.</summary>
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

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void Receiptline_output_through_driver_and_head_model_matches_the_golden_image(string head)
    {
        // The full path: interpreter -> thermal head driver -> head, motor and paper models.
        var renderer = new HeadRenderer(head);
        var result = renderer.Print(File.ReadAllBytes(Fixture));
        Assert.True(result.Completed);
        Assert.Empty(renderer.Printer.Violations);
        GoldenImage.AssertMatches(GoldenImage.FolderOf(), "receiptline-generic", renderer.ToPixels(GoldenImage.MarginDots, out int w, out int h), w, h);
    }

    [Fact]
    public void Print_command_writes_a_png_whose_qr_and_barcodes_read_back_with_zbar()
    {
        string png = Path.Combine(Directory.CreateTempSubdirectory("print").FullName, "receiptline.png");
        var console = new StringWriter();
        Assert.Equal(0, PrintCommand.Run(Fixture, png, "LTPD245C", 16, console));
        Assert.StartsWith("printed: ", console.ToString());
        Assert.Contains("LTPD245C head", console.ToString());
        Assert.Contains("no timing violations", console.ToString());
        PngWriter.ReadGray(png, out int width, out _);
        Assert.Equal(384 + 32, width);
        var symbols = Zbar.Decode(png);
        Assert.Equal(new[] { "CODE-128:20261122-0001", "EAN-13:4901234567894", "QR-Code:https://example.com/r/0001" }, symbols.Order());
    }

    [Fact]
    public void Print_command_refuses_a_missing_file_and_a_bad_margin()
    {
        var console = new StringWriter();
        Assert.Equal(2, PrintCommand.Run("/nonexistent/job.bin", "/tmp/x.png", "ideal", 16, console));
        Assert.Contains("no such file", console.ToString());
        Assert.Equal(2, PrintCommand.Run(Fixture, "/tmp/x.png", "ideal", -1, console));
        Assert.Equal(2, PrintCommand.Run(Fixture, "/tmp/x.png", "LTP9999", 16, console));
        Assert.Contains("--head", console.ToString());
    }

    [Fact]
    public void Print_command_reports_a_job_cut_short_with_exit_code_1()
    {
        string dir = Directory.CreateTempSubdirectory("print-bad").FullName;
        string job = Path.Combine(dir, "runaway.bin");
        File.WriteAllBytes(job, Enumerable.Repeat(new byte[] { 0x1B, (byte)'J', 255 }, 200).SelectMany(b => b).ToArray());
        var console = new StringWriter();
        Assert.Equal(1, PrintCommand.Run(job, Path.Combine(dir, "runaway.png"), PrintCommand.Ideal, 0, console));
        Assert.StartsWith("not all printed: stopped at the limit of 32000 dot lines", console.ToString());
        Assert.DoesNotContain("Ok", console.ToString());
    }
}
