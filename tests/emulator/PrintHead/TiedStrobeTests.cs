using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// A board with every DST line on one output: each pass's data holds only its own dots, so one pulse per
/// pass prints the same paper as one pulse per block, with fewer calls.
/// </summary>
public class TiedStrobeTests
{
    private static VirtualPrinter Print(string name, bool tied, byte[][] page)
    {
        var printer = new VirtualPrinter(new VirtualBoard(1), Profiles.Load(name), new VirtualPrinterOptions { TiedStrobes = tied });
        PrinterRig.PrintTimed(printer, page);
        return printer;
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void One_strobe_for_every_block_prints_the_page_a_pass_at_a_time(string name)
    {
        var page = TestPages.Receipt(384, 120, 3);
        var tied = Print(name, true, page);
        var separate = Print(name, false, page);
        Assert.True(tied.Checker.Total == 0, tied.Checker.Summary());
        Assert.Single(tied.Strobes);
        Assert.Equal(tied.Driver.PassesFired, tied.Strobes[0].PulseCount);
        Assert.True(tied.Head.PeakDotsOn <= tied.Profile.MaxSimultaneousDots);
        Assert.Equal(separate.Paper.Height, tied.Paper.Height);
        PrinterRig.AssertPaperIs(page, tied.Paper);
    }
}
