using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// Each rule of the timing checker, from both sides: a deliberately wrong driver setting (or, for the
/// interface edges the driver cannot get wrong at 1 us resolution, a hand-driven pin sequence one
/// nanosecond short) produces the matching violation; the right setting produces none.
/// </summary>
public class TimingRuleTests
{
    private static readonly byte[][] Receipt = TestPages.Receipt(384, 160, 5);
    private static readonly byte[][] Dense = TestPages.Dense(384, 160, 5);

    private static VirtualPrinter PrintBoth(VirtualPrinter printer)
    {
        foreach (var line in Receipt.Concat(Dense))
        {
            printer.Sink.PrintLine(line, 0);
        }
        printer.Finish();
        return printer;
    }

    private static void AssertOnly(VirtualPrinter printer, TimingRule rule)
    {
        Assert.True(printer.Checker.Count(rule) > 0, $"expected {rule}; got {printer.Checker.Summary()}");
        Assert.Contains(printer.Violations, v => v.Rule == rule && v.AtNanos > 0 && v.Detail.Length > 0);
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void The_right_settings_print_receipts_and_dense_pages_without_a_violation(string profile)
    {
        var printer = PrintBoth(PrinterRig.Make(Profiles.Load(profile)));
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
        Assert.Equal(0, printer.Motor.MissedSteps);
        Assert.True(printer.Head.StrobePulses > 0);
    }

    [Fact]
    public void Clock_over_the_maximum_and_short_data_setup_are_caught()
    {
        var atMax = PrintBoth(PrinterRig.Make(Profiles.Seiko(), spiHertz: 8_000_000));
        Assert.True(atMax.Checker.Total == 0, atMax.Checker.Summary() + string.Join("; ", atMax.Violations.Take(2)));
        AssertOnly(PrintBoth(PrinterRig.Make(Profiles.Seiko(), spiHertz: 9_000_000)), TimingRule.ClockTooFast);
        // JX-2R at 3.3 V: 6 MHz and 70 ns setup; at 8 MHz the half period is 62 ns.
        var jxAtMax = PrintBoth(PrinterRig.Make(Profiles.Jingxin(), spiHertz: 6_000_000));
        Assert.True(jxAtMax.Checker.Total == 0, jxAtMax.Checker.Summary() + string.Join("; ", jxAtMax.Violations.Take(2)));
        var fast = PrintBoth(PrinterRig.Make(Profiles.Jingxin(), spiHertz: 8_000_000));
        AssertOnly(fast, TimingRule.DataSetup);
        AssertOnly(fast, TimingRule.ClockTooFast);
    }

    [Fact]
    public void Skipping_the_latch_to_strobe_wait_is_caught()
    {
        // The driver waits the 300 ns its profile gives (1 us once rounded up); this head asks 5 us.
        var printer = PrintBoth(PrinterRig.Make(Profiles.Seiko(("latchToStrobeNanos", "5000")), driverProfile: Profiles.Seiko()));
        AssertOnly(printer, TimingRule.LatchToStrobe);
    }

    [Fact]
    public void A_latch_wait_shorter_than_the_mechanism_asks_is_caught()
    {
        var wrong = PrintBoth(PrinterRig.Make(Profiles.Seiko(), driverProfile: Profiles.Seiko(("latchWaitNanos", "20000"))));
        AssertOnly(wrong, TimingRule.LatchWait);
        Assert.Equal(0, PrintBoth(PrinterRig.Make(Profiles.Seiko())).Checker.Count(TimingRule.LatchWait));
    }

    [Fact]
    public void More_dots_than_the_cap_report_the_count_and_peak_current()
    {
        var printer = PrintBoth(PrinterRig.Make(Profiles.Seiko(), driverProfile: Profiles.Seiko(("maxSimultaneousDots", "128"))));
        AssertOnly(printer, TimingRule.TooManyDots);
        var v = printer.Violations.First(x => x.Rule == TimingRule.TooManyDots);
        Assert.Matches(@"^\d+ dots on at once, max 96; peak current \d+\.\d\d A$", v.Detail);
        Assert.True(printer.Head.PeakDotsOn > 96);
        var right = PrintBoth(PrinterRig.Make(Profiles.Seiko(), config: new PrintHeadConfig { MaxDotsPerPassOverride = 96 }));
        Assert.Equal(96, right.Head.PeakDotsOn);
        Assert.Equal(0, right.Checker.Total);
    }

    [Fact]
    public void Ignoring_the_same_dot_rest_is_caught()
    {
        AssertOnly(PrintBoth(PrinterRig.Make(Profiles.Seiko(), driverProfile: NoRest(Profiles.Seiko()))), TimingRule.SameDotTooSoon);
        var fastJingxin = Profiles.Jingxin(("maxPpsAtMillivolts", "3500:3000"));
        AssertOnly(PrintBoth(PrinterRig.Make(fastJingxin, driverProfile: NoRest(Profiles.Jingxin(("maxPpsAtMillivolts", "3500:3000"))))), TimingRule.SameDotTooSoon);
    }

    [Fact]
    public void A_dot_fired_too_soon_is_reported_with_how_many_and_the_shortest_rest()
    {
        // The start's per-dot checks run in a loop of their own and hand their counts to the report: the
        // report must name at least one dot, no more than a block holds, and a rest shorter than the rule's.
        var profile = Profiles.Seiko();
        var printer = PrintBoth(PrinterRig.Make(profile, driverProfile: NoRest(Profiles.Seiko())));
        var soon = printer.Violations.Where(x => x.Rule == TimingRule.SameDotTooSoon).ToList();
        Assert.NotEmpty(soon);
        foreach (var v in soon)
        {
            var m = System.Text.RegularExpressions.Regex.Match(v.Detail, @"^(\d+) dots fired again (-?\d+\.\d) us after their last pulse ended; rest (\d+) us, period (\d+) us$");
            Assert.True(m.Success, v.Detail);
            int dots = int.Parse(m.Groups[1].Value);
            double gapMicros = double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(dots, 1, profile.DotsPerBlock);
            Assert.True(gapMicros < Math.Max(profile.SameDotRestMicros, profile.SameDotMinPeriodMicros), v.Detail);
            Assert.True(gapMicros >= 0, v.Detail);
        }
    }

    [Fact]
    public void Stepping_without_the_acceleration_table_misses_steps()
    {
        var printer = PrintBoth(PrinterRig.Make(Profiles.Seiko(), driverProfile: NoRamp(Profiles.Seiko())));
        AssertOnly(printer, TimingRule.MotorTooFast);
        Assert.True(printer.Motor.MissedSteps > 0);
        var scaled = PrintBoth(PrinterRig.Make(Profiles.Jingxin(), config: new PrintHeadConfig { AccelerationPercent = 70 }));
        AssertOnly(scaled, TimingRule.MotorTooFast);
        var right = PrintBoth(PrinterRig.Make(Profiles.Jingxin(), config: new PrintHeadConfig { AccelerationPercent = 100 }));
        Assert.Equal(0, right.Motor.MissedSteps);
    }

    [Fact]
    public void A_short_stop_hold_and_a_missing_feed_after_heat_are_caught()
    {
        AssertOnly(PrintBoth(PrinterRig.Make(Profiles.Seiko(), driverProfile: Profiles.Seiko(("stopHoldMillis", "5")))), TimingRule.StopHoldTooShort);
        AssertOnly(PrintBoth(PrinterRig.Make(Profiles.Seiko(), driverProfile: Profiles.Seiko(("feedStepsAfterHeat", "1")))), TimingRule.NoFeedAfterHeat);
    }

    [Fact]
    public void A_strobe_longer_than_allowed_is_caught()
    {
        var head = Profiles.Seiko(("maxStrobeMicros", "400"));
        AssertOnly(PrintBoth(PrinterRig.Make(head, driverProfile: Profiles.Seiko())), TimingRule.StrobeTooLong);
        var right = PrintBoth(PrinterRig.Make(head));
        Assert.Equal(0, right.Checker.Count(TimingRule.StrobeTooLong));
    }

    [Fact]
    public void Driving_the_motor_past_its_continuous_limit_is_caught()
    {
        var head = Profiles.Seiko(("motorMaxContinuousMillis", "300"));
        AssertOnly(PrintBoth(PrinterRig.Make(head, driverProfile: Profiles.Seiko())), TimingRule.MotorContinuousDrive);
        var right = PrinterRig.Make(head);
        foreach (var line in Receipt.Concat(Dense))
        {
            right.PrintLineWaiting(line, 0);
        }
        right.Finish();
        Assert.Equal(0, right.Checker.Total);
    }

    [Fact]
    public void Heat_when_overheated_or_without_paper_is_caught_when_the_driver_cannot_see_its_sensors()
    {
        var hot = PrinterRig.Make(Profiles.Seiko(), cutSensorWires: true);
        hot.Thermal.SetCelsius(0, 90);
        PrinterRig.PrintAll(hot, Receipt);
        AssertOnly(hot, TimingRule.HeatWhenOverheated);
        var dry = PrinterRig.Make(Profiles.Seiko(), cutSensorWires: true);
        dry.Head.PaperPresent = false;
        PrinterRig.PrintAll(dry, Receipt);
        AssertOnly(dry, TimingRule.HeatWithoutPaper);
        var open = PrinterRig.Make(Profiles.Seiko(), cutSensorWires: true);
        open.Head.PlatenOpen = true;
        PrinterRig.PrintAll(open, Receipt);
        Assert.Contains(open.Violations, v => v.Rule == TimingRule.HeatWithoutPaper && v.Detail.Contains("platen"));
        var right = PrinterRig.Make(Profiles.Seiko());
        right.Thermal.SetCelsius(0, 90);
        Assert.Equal(PrintStatus.Overheat, right.Sink.PrintLine(Receipt[0], 0));
        Assert.Equal(0, right.Checker.Total);
    }

    /// <summary>A driver profile without the same-dot rest and minimum period (a driver that ignores them).</summary>
    private static MechanismProfile NoRest(MechanismProfile profile)
    {
        profile.SameDotRestMicros = 0;
        profile.SameDotMinPeriodMicros = 0;
        return profile;
    }

    /// <summary>A driver profile whose acceleration table starts at full speed (a driver that does not ramp).</summary>
    private static MechanismProfile NoRamp(MechanismProfile profile)
    {
        int fastest = profile.AccelerationMicros[^1];
        profile.AccelerationMicros = new[] { fastest, fastest };
        return profile;
    }

    // The interface edges: hand-driven, one nanosecond either side of each minimum.

    private static (VirtualPrinter Printer, Action<long> Advance) Bare(MechanismProfile head)
    {
        var printer = PrinterRig.Make(head);
        return (printer, ns => printer.Board.Clock.Advance(ns));
    }

    private static readonly byte[] OneDot = MakeOneDot();

    private static byte[] MakeOneDot()
    {
        var line = new byte[48];
        line[0] = 0x80;
        return line;
    }

    [Theory]
    [InlineData(74, true)]
    [InlineData(75, false)]
    public void Latch_setup_after_the_last_clock_edge(long extraNanos, bool violation)
    {
        // 4 MHz: the last CLK rise is 125 ns before the transfer ends; the head here asks for 200 ns.
        var (p, advance) = Bare(Profiles.Seiko(("latchSetupNanos", "200")));
        p.Spi.Write(OneDot, 0, 48);
        advance(extraNanos);
        p.Latch.Write(false);
        Assert.Equal(violation, p.Checker.Count(TimingRule.LatchSetup) > 0);
    }

    [Theory]
    // 4 MHz: 250 ns bits, 125 ns high and low, data set on the falling edge 125 ns before the rising one.
    [InlineData("clockPulseNanos", 126, TimingRule.ClockPulseTooShort, true)]
    [InlineData("clockPulseNanos", 125, TimingRule.ClockPulseTooShort, false)]
    [InlineData("dataSetupNanos", 126, TimingRule.DataSetup, true)]
    [InlineData("dataSetupNanos", 125, TimingRule.DataSetup, false)]
    [InlineData("dataHoldNanos", 126, TimingRule.DataHold, true)]
    [InlineData("dataHoldNanos", 125, TimingRule.DataHold, false)]
    public void Clock_pulse_and_data_setup_and_hold_at_the_bus_clock(string key, int nanos, TimingRule rule, bool violation)
    {
        var (p, _) = Bare(Profiles.Seiko((key, nanos.ToString())));
        p.Spi.Write(OneDot, 0, 48);
        Assert.Equal(violation, p.Checker.Count(rule) > 0);
        Assert.Equal(violation ? 1 : 0, p.Checker.Total);
    }

    [Theory]
    [InlineData(99, true)]
    [InlineData(100, false)]
    public void Latch_width(long lowNanos, bool violation)
    {
        var (p, advance) = Bare(Profiles.Seiko());
        p.Spi.Write(OneDot, 0, 48);
        advance(1000);
        p.Latch.Write(false);
        advance(lowNanos);
        p.Latch.Write(true);
        Assert.Equal(violation, p.Checker.Count(TimingRule.LatchWidth) > 0);
    }

    [Theory]
    [InlineData(74, true)]
    [InlineData(75, false)]
    public void Latch_hold_before_the_next_clock_edge(long gapNanos, bool violation)
    {
        // The first CLK rise comes half a bit (125 ns) after the transfer starts; the head asks for 200 ns.
        var (p, advance) = Bare(Profiles.Seiko(("latchHoldNanos", "200")));
        p.Latch.Write(false);
        advance(1000);
        p.Latch.Write(true);
        advance(gapNanos);
        p.Spi.Write(OneDot, 0, 48);
        Assert.Equal(violation, p.Checker.Count(TimingRule.LatchHold) > 0);
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(300, false)]
    public void Latch_to_strobe(long gapNanos, bool violation)
    {
        var (p, advance) = Bare(Profiles.Seiko());
        p.Spi.Write(OneDot, 0, 48);
        advance(1000);
        p.Latch.Write(false);
        advance(1000);
        p.Latch.Write(true);
        advance(gapNanos);
        p.Strobes[0].Pulse(300);
        Assert.Equal(violation, p.Checker.Count(TimingRule.LatchToStrobe) > 0);
    }

    [Theory]
    [InlineData(29_999, true)]
    [InlineData(30_000, false)]
    public void Latch_wait_after_a_strobe_and_no_latch_during_one(long gapNanos, bool violation)
    {
        var (p, advance) = Bare(Profiles.Seiko());
        p.Latch.Write(false);
        advance(1000);
        p.Latch.Write(true);
        advance(1000);
        p.Strobes[0].Pulse(300);
        advance(100_000);
        p.Latch.Write(false);
        Assert.Equal(1, p.Checker.Count(TimingRule.LatchDuringStrobe));
        p.Latch.Write(true);
        advance(200_000 + gapNanos);
        p.Latch.Write(false);
        Assert.Equal(violation, p.Checker.Count(TimingRule.LatchWait) > 0);
    }

    [Theory]
    [InlineData(7_001, true)]
    [InlineData(7_000, false)]
    public void Strobe_width_limit(int widthMicros, bool violation)
    {
        var (p, advance) = Bare(Profiles.Seiko());
        p.Strobes[0].Pulse(widthMicros);
        advance(8_000_000);
        Assert.Equal(violation, p.Checker.Count(TimingRule.StrobeTooLong) > 0);
    }

    [Theory]
    [InlineData(499_999, true)]
    [InlineData(500_000, false)]
    public void Same_dot_rest_between_pulses(long restNanos, bool violation)
    {
        var (p, advance) = Bare(Profiles.Seiko());
        p.Spi.Write(OneDot, 0, 48);
        advance(1000);
        p.Latch.Write(false);
        advance(1000);
        p.Latch.Write(true);
        advance(1000);
        p.Strobes[0].Pulse(300);
        advance(300_000 + restNanos);
        p.Strobes[0].Pulse(300);
        Assert.Equal(violation, p.Checker.Count(TimingRule.SameDotTooSoon) > 0);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Heat_twice_without_the_paper_moving(bool stepBetween, bool violation)
    {
        var (p, advance) = Bare(Profiles.Seiko());
        p.MotorPhases[0].Write(true); // excitation state 1: A on
        p.Spi.Write(OneDot, 0, 48);
        advance(1000);
        p.Latch.Write(false);
        advance(1000);
        p.Latch.Write(true);
        advance(1000);
        p.Strobes[0].Pulse(300);
        advance(6_000_000);
        if (stepBetween)
        {
            p.MotorPhases[1].Write(true); // state 2: A and B on, one step forward after the 5 ms start step
            advance(1000);
        }
        p.Strobes[0].Pulse(300);
        advance(1_000_000);
        Assert.Equal(stepBetween ? 1 : 0, p.Motor.PositionSteps);
        Assert.Equal(violation, p.Checker.Count(TimingRule.HeatWithoutPaperMotion) > 0);
    }

    [Fact]
    public void A_coil_state_outside_the_table_is_caught()
    {
        var (p, advance) = Bare(Profiles.Seiko());
        p.MotorPhases[0].Write(true);
        p.MotorPhases[2].Write(false);
        advance(1000);
        Assert.Equal(0, p.Checker.Total);
        // Every state of the 1-2 phase table drives at least one coil; both coils open is a release, so an
        // invalid state needs a table without it: the 4-state full-step order.
        var (q, advanceQ) = Bare(Profiles.Seiko(("excitation", "HHLL,LHHL,LLHH,HLLH")));
        q.MotorPhases[0].Write(true);
        advanceQ(1000);
        Assert.Equal(1, q.Checker.Count(TimingRule.MotorPhaseInvalid));
    }

    [Fact]
    public void A_new_excitation_table_is_read_afresh()
    {
        // The model keeps the state of each coil pair per table: a table put in later must be the one read.
        var profile = Profiles.Seiko();
        var (p, advance) = Bare(profile);
        p.MotorPhases[0].Write(true); // A alone: a state of the 1-2 phase table
        advance(10_000_000);
        Assert.Equal(0, p.Checker.Total);
        var fullStep = Profiles.Seiko(("excitation", "HHLL,LHHL,LLHH,HLLH"));
        profile.ExcitationCoilA = fullStep.ExcitationCoilA;
        profile.ExcitationCoilB = fullStep.ExcitationCoilB;
        p.MotorPhases[1].Write(true); // A+B: in both tables
        advance(10_000_000);
        p.MotorPhases[0].Write(false); // B alone: not in the full-step table
        advance(10_000_000);
        Assert.Equal(1, p.Checker.Count(TimingRule.MotorPhaseInvalid));
    }

    [Fact]
    public void Phase_writes_at_one_instant_are_read_once_after_the_last()
    {
        // A to B in two writes at one instant (A falls, B rises): read between them, the coils would be open
        // (a release) and the motor would start again from standstill instead of stepping.
        var (p, advance) = Bare(Profiles.Seiko());
        p.MotorPhases[0].Write(true);
        advance(10_000_000);
        p.MotorPhases[1].Write(true); // A+B: the half step
        advance(10_000_000);
        long released = 0;
        p.Motor.Released = _ => released++;
        p.MotorPhases[0].Write(false);
        p.MotorPhases[1].Write(false);
        p.MotorPhases[1].Write(true); // back to B alone, all at one instant
        Assert.Equal(1, p.Motor.PositionSteps); // not read yet: the writes settle first
        advance(0);
        Assert.Equal(2, p.Motor.PositionSteps);
        Assert.Equal(0, released);
        Assert.Equal(0, p.Motor.MissedSteps);
    }
}
