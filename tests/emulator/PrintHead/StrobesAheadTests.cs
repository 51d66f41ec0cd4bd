using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// Strobes sent ahead of the latch (RMT items with a leading low) on blocks white in the latched data: the
/// same paper and no timing rule broken, in less time with the device's CPU costs; a rise timed too early
/// for the latch is caught by the timing checker.
/// </summary>
public class StrobesAheadTests
{
    private static (VirtualPrinter Printer, long Nanos) Print(string name, byte[][] page, bool ahead, int marginMicros)
    {
        var printer = new VirtualPrinter(new VirtualBoard(1), Profiles.Load(name), new VirtualPrinterOptions
        {
            Cpu = CpuCosts.Esp32Nano,
            Driver = new PrintHeadConfig { SupplySourceMilliohms = 0, StrobesAhead = ahead, StrobeAheadMarginMicros = marginMicros },
            SourceOhms = 0,
        });
        return (printer, PrinterRig.PrintTimed(printer, page));
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void Strobes_sent_ahead_print_the_same_paper_sooner_within_every_rule(string name)
    {
        var page = TestPages.Dense(384, 120, 5);
        var (ahead, aheadNanos) = Print(name, page, true, 0);
        var (after, afterNanos) = Print(name, page, false, 0);
        Assert.True(ahead.Checker.Total == 0, ahead.Checker.Summary());
        Assert.True(after.Checker.Total == 0, after.Checker.Summary());
        Assert.True(ahead.Strobes.Sum(s => s.AheadCount) > 0, "no strobe was sent ahead");
        // With LAT on an RMT channel, the strobes of the baseline are timed too (to rise after the latch), but
        // only once the latch has been sent, as the CPU gets to the pass.
        Assert.True(aheadNanos < afterNanos, $"ahead {aheadNanos} ns, after the latch {afterNanos} ns");
        Assert.Equal(after.Paper.Height, ahead.Paper.Height);
        PrinterRig.AssertPaperIs(page, ahead.Paper);
        Assert.True(ahead.Head.PeakDotsOn <= ahead.Profile.MaxSimultaneousDots);
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void A_platen_opened_mid_line_stops_the_sends_ahead_too(string name)
    {
        var printer = new VirtualPrinter(new VirtualBoard(1), Profiles.Load(name), new VirtualPrinterOptions
        {
            Cpu = CpuCosts.Esp32Nano,
            Driver = new PrintHeadConfig { SupplySourceMilliohms = 0 },
            SourceOhms = 0,
        });
        var rises = new List<long>();
        foreach (var strobe in printer.Strobes)
        {
            strobe.Connect((high, at) =>
            {
                if (high)
                {
                    rises.Add(at);
                }
            });
        }
        var page = TestPages.Dense(384, 21, 5);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(page[i], 0));
        }
        Assert.True(printer.Strobes.Sum(s => s.AheadCount) > 0, "no strobe was sent ahead");
        long openAt = printer.Board.Clock.NowNanos + 1_000_000;
        printer.OpenPlatenAt(openAt, true);
        Assert.Equal(PrintStatus.PlatenOpen, printer.Sink.PrintLine(page[20], 0));
        Assert.Contains(rises, r => r < openAt && r > openAt - 1_000_000);
        // A strobe sent just before the platen opened may still rise; none is sent after it is read open.
        // The platen is read at most the sends, a step and the latch (about 250 us) before a rise.
        Assert.DoesNotContain(rises, r => r >= openAt + 250_000);
    }

    [Theory]
    [InlineData(-2, TimingRule.LatchToStrobe)]       // rises as LAT (sent ahead on its RMT channel) rises, inside t7
    [InlineData(-40, TimingRule.LatchDuringStrobe)]  // rises before LAT falls, which then falls under it
    public void A_strobe_timed_to_rise_before_the_latch_is_done_is_caught(int marginMicros, TimingRule rule)
    {
        var page = TestPages.Dense(384, 60, 5);
        var (printer, _) = Print("JX-2R-01", page, true, marginMicros);
        Assert.Contains(printer.Violations, v => v.Rule == rule);
    }
}
