using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>The demo's test page names its mechanism and conditions in the firmware's font and a barcode zbarimg reads.</summary>
public class TestPageTests
{
    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void The_test_page_prints_its_mechanism_in_a_barcode_zbar_reads(string name)
    {
        var profile = Profiles.Load(name);
        var options = new VirtualPrinterOptions { SupplyVolts = 7.4, SourceOhms = 0.1 };
        var page = TestPages.TestPage(profile, options, 3);
        Assert.True(page.Length > TestPages.TestPage(384, 3).Length + 60);
        var printer = new VirtualPrinter(new VirtualBoard(3), profile, options);
        foreach (var line in page)
        {
            Assert.Equal(PrintStatus.Ok, printer.PrintLineWaiting(line, 0));
        }
        byte[] paper = printer.PaperBitmap(out int height);
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
        const int margin = 16;
        int width = printer.Width + 2 * margin;
        var pixels = Enumerable.Repeat((byte)255, width * (height + 2 * margin)).ToArray();
        for (int y = 0; y < height; y++)
        {
            Array.Copy(paper, y * printer.Width, pixels, (y + margin) * width + margin, printer.Width);
        }
        string png = Path.Combine(Directory.CreateTempSubdirectory("testpage").FullName, name + ".png");
        PngWriter.WriteGray(png, width, height + 2 * margin, pixels);
        Assert.Contains("CODE-128:" + name, Zbar.Decode(png));
    }
}
