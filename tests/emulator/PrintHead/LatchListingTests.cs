using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.PrintHead;
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

    /// <summary>
    /// <see cref="LatchListing.List"/> lists 16 dots at a time where the blocks are whole 16-dot groups and a bit
    /// at a time elsewhere: both must give, for any latch, the dots a bit-by-bit walk finds, and each block's
    /// start in the list, with nothing listed past the last whole block.
    /// </summary>
    [Theory]
    [InlineData(48, 6, 64)]
    [InlineData(48, 4, 96)]
    [InlineData(48, 12, 32)]
    [InlineData(48, 24, 16)]
    [InlineData(48, 8, 48)]
    [InlineData(48, 5, 72)]
    [InlineData(48, 7, 40)]
    [InlineData(50, 6, 64)]
    [InlineData(6, 3, 16)]
    [InlineData(48, 0, 64)]
    public void Every_black_dot_is_listed_in_order_with_its_blocks_start(int bytes, int blocks, int dotsPerBlock)
    {
        var random = new Random(bytes * 1000 + blocks * 10 + dotsPerBlock);
        int strobed = Math.Min(blocks * dotsPerBlock, bytes * 8);
        for (int trial = 0; trial < 300; trial++)
        {
            var latch = new byte[bytes];
            int density = trial % 5;
            for (int d = 0; d < bytes * 8; d++)
            {
                bool black = density switch { 0 => false, 1 => random.Next(20) == 0, 2 => random.Next(2) == 0, 3 => random.Next(20) > 0, _ => true };
                if (black)
                {
                    latch[d >> 3] |= (byte)(0x80 >> (d & 7));
                }
            }
            var listed = new int[strobed];
            var starts = new int[blocks + 1];
            int count = LatchListing.List(latch, blocks, dotsPerBlock, listed, starts);
            var expected = new List<int>();
            var expectedStarts = new int[blocks + 1];
            for (int d = 0; d < strobed; d++)
            {
                if ((latch[d >> 3] & (0x80 >> (d & 7))) != 0)
                {
                    expected.Add(d);
                }
            }
            for (int b = 0; b <= blocks; b++)
            {
                expectedStarts[b] = expected.FindAll(d => d < b * dotsPerBlock).Count;
            }
            Assert.Equal(expected.Count, count);
            Assert.Equal(expected, listed.AsSpan(0, count).ToArray());
            Assert.Equal(expectedStarts, starts);
        }
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
