using PosFirmware.Emulator.Core;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The head model keeps the latch before the current one with its listing of black dots and swaps it back in
/// when the register holds it again (a line's passes taking turns over its two firings): the paper must still
/// be the page, dot for dot, with every black dot heated once a firing.
/// </summary>
public class LatchListingTests
{
    [Fact]
    public void Passes_taking_turns_in_the_latch_print_the_page_dot_for_dot()
    {
        ulong seed = 611;
        var page = TwoPassLines(seed, 40);
        var printer = PrinterRig.Make(Profiles.Seiko());
        PrinterRig.PrintAll(printer, page);
        printer.Finish();

        Assert.True(printer.Head.LatchListingsTakenBack >= page.Length, $"seed={seed}: {printer.Head.LatchListingsTakenBack} latches taken back");
        PrinterRig.AssertPaperIs(page, printer.Paper);

        // Every black dot heated once per firing, two firings a line: a listing swapped in for the wrong latch
        // heats dots that are white or leaves black ones cold.
        long black = 0;
        foreach (var line in page)
        {
            black += PosFirmware.PrintHead.StrobePlanner.CountBlack(line, 0, line.Length);
        }
        Assert.Equal(black * printer.Physics.Profile.HeatsPerDotLine, printer.Head.Energy.Firings);
    }

    // Lines of about 130 black dots, over the LTPD245C's 96 at once: two passes each.
    private static byte[][] TwoPassLines(ulong seed, int lines)
    {
        var random = new SimRandom(seed).Fork("two-pass-lines");
        var page = new byte[lines][];
        for (int y = 0; y < lines; y++)
        {
            var line = new byte[48];
            for (int d = 0; d < 384; d++)
            {
                if (random.Next(3) == 0)
                {
                    line[d >> 3] |= (byte)(0x80 >> (d & 7));
                }
            }
            page[y] = line;
        }
        return page;
    }
}
