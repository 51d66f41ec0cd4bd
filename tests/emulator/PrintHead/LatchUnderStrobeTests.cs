using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// A latch taken with every strobe off changes no dot's heating (the head model only settles its load then); one
/// taken under a strobe changes the heating dots of that block at once, whichever way its data went.
/// </summary>
public class LatchUnderStrobeTests
{
    [Fact]
    public void A_latch_under_a_strobe_starts_and_stops_its_block_s_dots_at_the_latch_and_one_between_strobes_none()
    {
        var profile = Profiles.Seiko();
        var printer = new VirtualPrinter(new VirtualBoard(1), profile, new VirtualPrinterOptions { BuildDriver = false, LatchOnRmt = false });
        var clock = printer.Board.Clock;
        var black = Enumerable.Repeat((byte)0xFF, profile.DotsPerLine / 8).ToArray();
        var white = new byte[profile.DotsPerLine / 8];
        clock.Advance(2_000_000);
        printer.HeadPower.Write(true);
        clock.Advance(2_000_000);
        void Latch(byte[] line)
        {
            printer.Spi.Write(line, 0, line.Length);
            printer.Latch.Write(false);
            printer.Latch.Write(true);
        }

        // Between strobes: the latch changes, no dot heats until a strobe rises.
        Latch(black);
        Assert.Equal(0, printer.Head.DotsOn);
        clock.Advance(50_000);
        printer.Strobes[0].Pulse(800);
        Assert.Equal(profile.DotsPerBlock, printer.Head.DotsOn);
        clock.Advance(200_000);

        // Under the strobe: white stops the block's dots at the latch, black starts them again.
        Latch(white);
        Assert.Equal(0, printer.Head.DotsOn);
        clock.Advance(200_000);
        Latch(black);
        Assert.Equal(profile.DotsPerBlock, printer.Head.DotsOn);
        clock.Advance(1_000_000);
        Assert.Equal(0, printer.Head.DotsOn);

        // Between strobes again, after the latches under one: white latched, nothing heats, nothing stops.
        Latch(white);
        Assert.Equal(0, printer.Head.DotsOn);
        Assert.Equal(2, printer.Checker.Count(TimingRule.LatchDuringStrobe));
    }
}
