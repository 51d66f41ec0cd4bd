using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// LAT on an RMT channel (idling high, pulsing low), sent ahead and timed by the hardware: the same paper and
/// no timing rule broken, in less time than LAT on a GPIO with the device's CPU costs; a latch pulse that comes
/// later than the driver allows for is caught by the timing checker, and a margin for it clears it.
/// </summary>
public class LatchAheadTests
{
    private static (VirtualPrinter Printer, long Nanos) Print(string name, byte[][] page, bool latchOnRmt, bool tied,
        int latencyMicros = 0, int latchMarginMicros = 0)
    {
        var printer = new VirtualPrinter(new VirtualBoard(1), Profiles.Load(name), new VirtualPrinterOptions
        {
            Cpu = CpuCosts.Esp32Nano,
            Driver = new PrintHeadConfig { SupplySourceMilliohms = 0, LatchPulseMarginMicros = latchMarginMicros },
            SourceOhms = 0,
            LatchOnRmt = latchOnRmt,
            TiedStrobes = tied,
        });
        if (printer.LatchPulse != null)
        {
            printer.LatchPulse.LatencyMicros = latencyMicros;
        }
        return (printer, PrinterRig.PrintTimed(printer, page));
    }

    [Theory]
    [InlineData("LTPD245C", false)]
    [InlineData("LTPD245C", true)]
    [InlineData("JX-2R-01", false)]
    [InlineData("JX-2R-01", true)]
    public void A_latch_sent_ahead_prints_the_same_paper_sooner_within_every_rule(string name, bool tied)
    {
        var page = TestPages.Dense(384, 120, 5);
        var (rmt, rmtNanos) = Print(name, page, latchOnRmt: true, tied);
        var (gpio, gpioNanos) = Print(name, page, latchOnRmt: false, tied);
        Assert.True(rmt.Checker.Total == 0, rmt.Checker.Summary());
        Assert.True(gpio.Checker.Total == 0, gpio.Checker.Summary());
        Assert.Null(gpio.LatchPulse);
        Assert.True(rmt.LatchPulse!.AheadCount > 0, "no latch was sent ahead");
        Assert.Equal(0, rmt.LatchPulse.RefusedCount);
        Assert.Equal(0, rmt.Strobes.Sum(s => s.RefusedCount));
        Assert.True(rmtNanos < gpioNanos, $"LAT on RMT {rmtNanos} ns, on a GPIO {gpioNanos} ns");
        Assert.Equal(gpio.Paper.Height, rmt.Paper.Height);
        PrinterRig.AssertPaperIs(page, rmt.Paper);
        // The CPU no longer writes LAT with no strobe on: its latch time off the heat shrinks.
        Assert.True(rmt.Cpu!.Path.MeanMicros(PathItem.CpuLatch) < gpio.Cpu!.Path.MeanMicros(PathItem.CpuLatch),
            $"latch work off the heat per line: RMT {rmt.Cpu.Path.MeanMicros(PathItem.CpuLatch):F1} us, GPIO {gpio.Cpu.Path.MeanMicros(PathItem.CpuLatch):F1} us");
    }

    [Fact]
    public void The_latch_channel_pulls_lat_low_at_the_time_asked_for_the_width_asked_and_refuses_a_send_while_busy()
    {
        var board = new VirtualBoard(1);
        var lat = board.OutputPin("t", "LAT", initial: true);
        var edges = new List<(bool High, long At)>();
        lat.Connect((high, at) => edges.Add((high, at)));
        var channel = board.PulseOn(lat);
        long now = board.Clock.NowMicros;
        channel.PulseAt(now + 30, 2);
        Assert.True(lat.Level, "LAT idles high until the time asked");
        Assert.True(channel.Busy);
        channel.PulseAt(now + 31, 2);
        Assert.Equal(1, channel.RefusedCount);
        board.Clock.Advance(100_000);
        Assert.Equal(new[] { (false, (now + 30) * 1000), (true, (now + 32) * 1000) }, edges);
        Assert.Equal(1, channel.AheadCount);
        Assert.False(channel.Busy);
        // A latency set on the channel moves both edges later by it.
        channel.LatencyMicros = 3;
        now = board.Clock.NowMicros;
        channel.PulseAt(now + 10, 1);
        board.Clock.Advance(100_000);
        Assert.Equal((false, (now + 13) * 1000), edges[2]);
        Assert.Equal((true, (now + 14) * 1000), edges[3]);
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void A_latch_pulse_later_than_the_driver_allows_is_caught_and_a_margin_for_it_clears_it(string name)
    {
        var page = TestPages.Dense(384, 60, 5);
        var (late, _) = Print(name, page, latchOnRmt: true, tied: false, latencyMicros: 4);
        Assert.Contains(late.Violations, v => v.Rule == TimingRule.LatchToStrobe || v.Rule == TimingRule.LatchDuringStrobe);
        var (allowed, _) = Print(name, page, latchOnRmt: true, tied: false, latencyMicros: 4, latchMarginMicros: 4);
        Assert.True(allowed.Checker.Total == 0, allowed.Checker.Summary());
        PrinterRig.AssertPaperIs(page, allowed.Paper);
    }
}
