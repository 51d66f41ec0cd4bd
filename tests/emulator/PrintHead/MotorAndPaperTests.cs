using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

public class MotorAndPaperTests
{
    private static List<long> StepTimesMicros(VirtualPrinter printer)
    {
        var trace = printer.Board.Trace;
        var phases = printer.MotorPhases.Select(p => trace.Find("head", p.Name)!.Index).ToHashSet();
        var times = new List<long>();
        foreach (var c in trace.Changes)
        {
            if (phases.Contains(c.SignalIndex) && (times.Count == 0 || times[^1] != c.AtNanos / 1000))
            {
                times.Add(c.AtNanos / 1000);
            }
        }
        return times;
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void A_feed_from_standstill_follows_the_acceleration_table(string name)
    {
        var profile = Profiles.Load(name);
        var printer = PrinterRig.Make(profile, volts: 8.4);
        Assert.Equal(PrintStatus.Ok, printer.Sink.Feed(10));
        var times = StepTimesMicros(printer);
        var intervals = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        // The first change energises the start phase; then each step comes one table entry later.
        for (int i = 0; i < 6; i++)
        {
            Assert.InRange(intervals[i], profile.AccelerationMicros[i], profile.AccelerationMicros[i] + 1);
        }
        Assert.Equal(0, printer.Checker.Total);
    }

    [Fact]
    public void The_paper_moves_one_dot_line_per_line_and_feeds_after_the_last_heat()
    {
        foreach (var profile in new[] { Profiles.Seiko(), Profiles.Jingxin() })
        {
            var printer = PrinterRig.Make(profile);
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(i), 0));
            }
            printer.Board.Clock.Advance(0); // the motor reads its pins once the writes of this instant settle
            Assert.Equal(10 * profile.StepsPerDotLine, printer.Motor.PositionSteps);
            printer.Finish();
            // The last firing falls within the last window's steps; the stop feeds until FeedStepsAfterHeat steps follow it.
            int lines = 10 * profile.StepsPerDotLine;
            Assert.InRange(printer.Motor.PositionSteps, lines - profile.StepsPerHeat + 1 + profile.FeedStepsAfterHeat - 1, lines + profile.FeedStepsAfterHeat);
            Assert.False(printer.Driver.MotorEnergized);
            Assert.Equal(Enumerable.Range(0, 10).ToList(), PrinterRig.ReadNumbers(printer.Paper));
            Assert.Equal(0, printer.Checker.Total);
        }
    }

    [Fact]
    public void A_slower_table_swapped_in_at_a_steady_pace_makes_the_next_steps_missed()
    {
        // The motor keeps the floor of the interval it steps at; a new table must still be read at once.
        var head = Profiles.Seiko();
        var printer = PrinterRig.Make(head, driverProfile: Profiles.Seiko());
        var line = new byte[48];
        line[0] = 0x80;
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
        Assert.Equal(0, printer.Motor.MissedSteps);
        long intervalBefore = printer.Motor.LastIntervalNanos;
        head.AccelerationMicros = head.AccelerationMicros.Select(m => m * 3).ToArray();
        printer.Sink.PrintLine(line, 0);
        Assert.True(intervalBefore > 0, "the motor was at its pace");
        Assert.True(printer.Motor.MissedSteps > 0, $"steps every {intervalBefore} ns against a table three times slower");
    }

    [Fact]
    public void A_head_heated_past_its_normal_range_caps_the_motor_at_the_same_supply()
    {
        // The motor keeps its max rate for the supply it steps at: a head that leaves the normal range must
        // still cap the next steps at once, with the supply unchanged. The driver here does not know the cap.
        var head = Profiles.Seiko();
        var printer = PrinterRig.Make(head, driverProfile: Profiles.Seiko(("extremeMaxPps", "0")), volts: 7.2, sourceOhms: 0);
        Assert.Equal(PrintStatus.Ok, printer.Sink.Feed(200));
        Assert.Equal(0, printer.Motor.MissedSteps);
        printer.Thermal.SetCelsius(printer.Board.Clock.NowNanos, head.NormalMaxCelsius + 20);
        printer.Sink.Feed(200);
        Assert.True(printer.Motor.MissedSteps > 0, $"stepped past {head.ExtremeMaxPps} pps with the head at {head.NormalMaxCelsius + 20} degC");
        Assert.Contains(printer.Violations, v => v.Rule == TimingRule.MotorTooFast && v.Detail.Contains("max rate"));
    }

    [Fact]
    public void Steps_faster_than_pull_in_are_missed_and_the_print_is_squashed()
    {
        int fastest = Profiles.Seiko().AccelerationMicros[^1];
        var printer = PrinterRig.Make(Profiles.Seiko(), driverProfile: Profiles.Seiko(("accelerationMicros", $"{fastest},{fastest}")));
        for (int i = 0; i < 40; i++)
        {
            printer.Sink.PrintLine(PrinterRig.Numbered(i), 0);
        }
        Assert.True(printer.Motor.MissedSteps > 0);
        Assert.True(printer.Motor.PositionSteps < 40 * 4);
        printer.Finish();
        Assert.NotEqual(Enumerable.Range(0, 40).ToList(), PrinterRig.ReadNumbers(printer.Paper));
    }

    [Fact]
    public void The_max_rate_falls_with_the_supply_so_a_sagging_battery_slows_the_motor()
    {
        // Seiko Eq. 1: 2506 pps at 7.2 V, 1865 pps at 6.0 V: white paper feeds at the motor's pace.
        double Speed(double volts)
        {
            var printer = PrinterRig.Make(Profiles.Seiko(), volts: volts, sourceOhms: 0);
            long start = printer.Board.Clock.NowNanos;
            Assert.Equal(PrintStatus.Ok, printer.Sink.Feed(800));
            Assert.Equal(0, printer.Checker.Total);
            return 100.0 / ((printer.Board.Clock.NowNanos - start) / 1e9);
        }
        double at72 = Speed(7.2);
        double at60 = Speed(6.0);
        Assert.InRange(at72, 70, 78.3);
        Assert.InRange(at60, 52, 58.3);
    }

    [Fact]
    public void The_paper_renders_to_a_png_one_pixel_per_dot()
    {
        var printer = PrinterRig.Make(Profiles.Jingxin());
        PrinterRig.PrintAll(printer, TestPages.Receipt(384, 80, 2));
        string path = Path.Combine(Directory.CreateTempSubdirectory("paper").FullName, "paper.png");
        printer.SavePng(path);
        var pixels = PngWriter.ReadGray(path, out int width, out int height);
        Assert.Equal(384, width);
        Assert.Equal(printer.Paper.Height, height);
        Assert.InRange(height, 80, 90);
        Assert.Contains(pixels, p => p == 0);
        Assert.Contains(pixels, p => p == 255);
        var bitmap = printer.PaperBitmap(out int h2);
        Assert.Equal(pixels, bitmap);
        Assert.Equal(height, h2);
    }

    [Fact]
    public void One_seed_gives_byte_identical_paper_and_trace()
    {
        byte[] Run(out int changes)
        {
            var printer = PrinterRig.Make(Profiles.Seiko(), seed: 11);
            PrinterRig.PrintAll(printer, TestPages.TestPage(384, 11));
            changes = printer.Board.Trace.Changes.Count;
            var stream = new MemoryStream();
            var pixels = printer.PaperBitmap(out int height);
            PngWriter.WriteGray(stream, 384, height, pixels);
            return stream.ToArray();
        }
        Assert.Equal(Run(out int a), Run(out int b));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Darkness_fades_below_the_asked_energy_and_smears_far_above()
    {
        Assert.Equal(0, PaperSensitivity.Standard.Darkness(0.0));
        Assert.InRange(PaperSensitivity.Standard.Darkness(0.28), 0.3, 0.7);
        Assert.Equal(1, PaperSensitivity.Standard.Darkness(1.0));
        var weak = PrinterRig.Make(Profiles.Seiko(), config: new PrintHeadConfig { EnergyPercent = 60 });
        PrinterRig.PrintAll(weak, TestPages.Dense(384, 40, 1));
        Assert.True(weak.Paper.Faded > 0);
        var strong = PrinterRig.Make(Profiles.Seiko(), config: new PrintHeadConfig { EnergyPercent = 200 });
        PrinterRig.PrintAll(strong, TestPages.Dense(384, 40, 1));
        Assert.True(strong.Paper.Smears > 0);
        var right = PrinterRig.Make(Profiles.Seiko());
        PrinterRig.PrintAll(right, TestPages.Dense(384, 40, 1));
        Assert.Equal(0, right.Paper.Faded + right.Paper.Smears);
    }
}
