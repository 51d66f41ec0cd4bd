using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The physical limit is evaluated at the conditions the run had (or held constant in both), so the driver
/// never beats it; a driver that cheats on energy does, and the limit says so.
/// </summary>
public class HonestLimitTests
{
    private static readonly byte[][] Dense = TestPages.Dense(384, 240, 4);

    private static double Ratio(MechanismProfile profile, PrintHeadBenchOptions options, bool holdHead)
    {
        var run = PrintHeadBench.PrintPage(profile, Dense, 1, options.Conditions(dynamic: true, holdHead));
        var conditions = holdHead
            ? LimitConditions.Held(options.SupplyVolts, options.SourceOhms, options.HeadCelsius)
            : LimitConditions.OfRun(run.Printer, Dense.Length);
        double speed = Dense.Length * profile.DotPitchMicrons / 1000.0 / run.Seconds;
        return speed / PhysicalLimit.MillimetresPerSecond(profile, Dense, conditions, withSameDotRest: true);
    }

    [Theory]
    [InlineData("LTPD245C", false)]
    [InlineData("LTPD245C", true)]
    [InlineData("JX-2R-01", false)]
    [InlineData("JX-2R-01", true)]
    public void The_driver_stays_under_the_limit_at_the_runs_conditions_or_held_ones(string name, bool holdHead)
    {
        var options = new PrintHeadBenchOptions { SupplyVolts = 7.2, SourceOhms = 0.15 };
        Assert.InRange(Ratio(Profiles.Load(name), options, holdHead), 0.85, 1.0);
    }

    [Fact]
    public void Between_two_passes_of_a_firing_the_limit_keeps_the_datasheets_latch_wait()
    {
        // All-black lines on the LTPD245C need ceil(384 / cap) passes per firing; SII's 30 us from strobe off
        // to the next latch (t8) then leaves the head unheated (passes - 1) times a firing. Eq. 8 gives the
        // slower period back as a little more heat, so the limit slows by at least the waits, not by double.
        var seiko = Profiles.Seiko();
        var noWait = Profiles.Seiko(("latchWaitNanos", "0"));
        var black = Enumerable.Range(0, 100).Select(_ => Enumerable.Repeat((byte)0xFF, 48).ToArray()).ToList();
        double with = PhysicalLimit.Seconds(seiko, black, 7.2, 25, withSameDotRest: false);
        double without = PhysicalLimit.Seconds(noWait, black, 7.2, 25, withSameDotRest: false);
        int passes = (384 + seiko.MaxSimultaneousDots - 1) / seiko.MaxSimultaneousDots;
        Assert.True(passes > 1, "the page must need more than one pass a firing");
        double waits = (passes - 1) * 30e-6 * black.Count * seiko.HeatsPerDotLine;
        Assert.InRange(with - without, waits, 2 * waits);
    }

    [Fact]
    public void A_driver_that_underheats_beats_the_limit_and_is_caught()
    {
        var options = new PrintHeadBenchOptions { SupplyVolts = 7.2, SourceOhms = 0.15, EnergyPercent = 60 };
        Assert.True(Ratio(Profiles.Seiko(), options, holdHead: false) > 1.0);
    }

    [Fact]
    public void The_limit_of_a_warming_run_is_faster_than_at_its_starting_temperature()
    {
        var profile = Profiles.Seiko();
        var run = PrintHeadBench.PrintPage(profile, Dense, 1, new PrintHeadBenchOptions().Conditions(dynamic: true, holdHead: false));
        var ofRun = LimitConditions.OfRun(run.Printer, Dense.Length);
        Assert.True(ofRun.CelsiusOfLine(Dense.Length - 1) > ofRun.CelsiusOfLine(0) + 2);
        Assert.True(PhysicalLimit.MillimetresPerSecond(profile, Dense, ofRun, true) > PhysicalLimit.MillimetresPerSecond(profile, Dense, 7.2, 25, true));
    }

    [Fact]
    public void Outside_minus_10_to_50_degC_the_motor_is_capped_at_1040_pps_and_a_driver_that_ignores_it_is_caught()
    {
        var white = Enumerable.Range(0, 800).Select(_ => new byte[48]).ToArray();
        var seiko = Profiles.Seiko();
        // 1040 pps, 4 steps per 0.125 mm: 32.5 mm/s at most.
        Assert.InRange(PhysicalLimit.MillimetresPerSecond(seiko, white, LimitConditions.Held(8.4, 0, -15), false), 25, 32.5);
        var cold = PrinterRig.Make(seiko, volts: 8.4, celsius: -15);
        PrinterRig.PrintAll(cold, white);
        cold.Finish();
        Assert.True(cold.Checker.Total == 0, cold.Checker.Summary());
        // A driver given a profile without the cap steps at the supply's rate and misses steps.
        var wrong = PrinterRig.Make(seiko, driverProfile: Profiles.Seiko(("extremeMaxPps", "0")), volts: 8.4, celsius: -15);
        PrinterRig.PrintAll(wrong, white);
        Assert.True(wrong.Checker.Count(TimingRule.MotorTooFast) > 0, wrong.Checker.Summary());
    }
}
