using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.Emulator.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

/// <summary>The head driver on faults (paper out, platen open, overheat, supply): it stops, reports and resumes at the same line, on the emulator's mechanism model.</summary>
public class ThermalHeadDriverFaultTests
{
    private static void AssertEveryLineOnceInOrder(VirtualPrinter printer, int lines)
    {
        printer.Finish();
        Assert.Equal(Enumerable.Range(0, lines).ToList(), PrinterRig.ReadNumbers(printer.Paper));
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void Paper_out_mid_job_stops_reports_and_resumes_at_the_same_line(string profile)
    {
        var printer = PrinterRig.Make(Profiles.Load(profile));
        int next = 0;
        for (; next < 20; next++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(next), 0));
        }
        printer.Head.PaperPresent = false;
        long pulses = printer.Head.StrobePulses;
        for (int retry = 0; retry < 3; retry++)
        {
            Assert.Equal(PrintStatus.PaperOut, printer.Sink.PrintLine(PrinterRig.Numbered(next), 0));
            Assert.False(printer.Driver.MotorEnergized);
            printer.Board.Clock.DelayMicros(50_000);
        }
        Assert.Equal(pulses, printer.Head.StrobePulses);
        printer.Head.PaperPresent = true;
        for (; next < 40; next++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(next), 0));
        }
        AssertEveryLineOnceInOrder(printer, 40);
        Assert.Empty(printer.Violations);
    }

    [Fact]
    public void Platen_open_releases_the_motor_at_once_and_feeds_the_backlash_after_closing()
    {
        var printer = PrinterRig.Make(Profiles.Seiko());
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(i), 0));
        }
        // The last line may end on a step: the motor model takes the phases once they settle.
        printer.Board.Clock.RunUntil(printer.Board.Clock.NowNanos);
        long before = printer.Motor.PositionSteps;
        printer.Head.PlatenOpen = true;
        Assert.Equal(PrintStatus.PlatenOpen, printer.Sink.PrintLine(PrinterRig.Numbered(10), 0));
        Assert.False(printer.Driver.MotorEnergized);
        Assert.Equal(before, printer.Motor.PositionSteps);
        Assert.Equal(PrintStatus.PlatenOpen, printer.Sink.Feed(1));
        printer.Board.Clock.DelayMicros(100_000);
        printer.Head.PlatenOpen = false;
        Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(10), 0));
        // 48 backlash steps, then the line's 4.
        // The line may end on its last step: the motor model takes the phases once they settle.
        printer.Board.Clock.RunUntil(printer.Board.Clock.NowNanos);
        Assert.Equal(before + 48 + 4, printer.Motor.PositionSteps);
        for (int i = 11; i < 20; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(i), 0));
        }
        AssertEveryLineOnceInOrder(printer, 20);
        Assert.Empty(printer.Violations);
    }

    // With the device's CPU costs the driver sends a firing's latch and strobes ahead of the window's first
    // step, reading the platen just before: a head lifted between a dot line's two firings is then found with
    // the paper half a dot line in. The line printed after the backlash must still start in a dot line's first
    // window, or every line after it straddles two paper rows and none reads back.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_head_lifted_between_a_lines_two_firings_resumes_on_whole_dot_lines(bool latchOnRmt)
    {
        var head = Profiles.Seiko();
        var printer = new VirtualPrinter(new VirtualBoard(3), head, new VirtualPrinterOptions
        {
            Cpu = CpuCosts.Esp32Nano,
            LatchOnRmt = latchOnRmt,
        });
        var clock = printer.Board.Clock;
        int next = 0;
        for (; next < 10; next++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(next), 0));
        }
        long liftedAt = -1;
        void Watch()
        {
            long position = printer.Motor.PositionSteps;
            if (position % head.StepsPerDotLine == head.StepsPerHeat)
            {
                printer.Head.PlatenOpen = true;
                liftedAt = position;
                return;
            }
            clock.ScheduleIn(1_000, Watch);
        }
        clock.ScheduleIn(1_000, Watch);
        PrintStatus status = PrintStatus.Ok;
        for (; next < 20 && status == PrintStatus.Ok; next++)
        {
            status = printer.Sink.PrintLine(PrinterRig.Numbered(next), 0);
        }
        Assert.Equal(PrintStatus.PlatenOpen, status);
        long foundNanos = clock.NowNanos;
        next--;
        int faulted = next;
        // Found before the paper moved on: half a dot line in.
        clock.RunUntil(clock.NowNanos);
        Assert.Equal(liftedAt, printer.Motor.PositionSteps);
        printer.Board.Clock.DelayMicros(100_000);
        printer.Head.PlatenOpen = false;
        for (; next < 30; next++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(next), 0));
        }
        // The lifted line's first firing may have heated its row before the fault (whole or in part): that
        // row stays, and the line is printed whole after it. Every other row reads back in order.
        printer.Finish();
        var numbers = PrinterRig.ReadNumbers(printer.Paper);
        Assert.InRange(numbers.Count - 30, 0, 1);
        Assert.Equal(Enumerable.Range(0, faulted), numbers.Take(faulted));
        Assert.Equal(Enumerable.Range(faulted, 30 - faulted), numbers.Skip(numbers.Count - (30 - faulted)));
        if (numbers.Count > 30)
        {
            Assert.Contains(numbers[faulted], new[] { faulted, -1 });
        }
        // Lifted blindly at a step, the head may come up under a strobe already on or sent (heat without
        // paper, which no driver can help); once the driver has seen it, nothing more.
        Assert.All(printer.Violations, v =>
        {
            Assert.Equal(TimingRule.HeatWithoutPaper, v.Rule);
            Assert.True(v.AtNanos <= foundNanos, $"{v} after the driver found the head lifted");
        });
    }

    [Fact]
    public void Overheat_stops_above_the_stop_limit_and_resumes_only_below_the_resume_limit()
    {
        // The temperature jumps between two lines here (no head warms that fast), so the head is read on every
        // line; ThermistorIntervalTests covers the reading interval.
        var printer = PrinterRig.Make(Profiles.Seiko(), config: new PrintHeadConfig { ThermistorEveryLines = 1 });
        var clock = printer.Board.Clock;
        Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(0), 0));
        printer.Thermal.SetCelsius(clock.NowNanos, 84);
        Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(1), 0));
        printer.Thermal.SetCelsius(clock.NowNanos, 86);
        long pulses = printer.Head.StrobePulses;
        Assert.Equal(PrintStatus.Overheat, printer.Sink.PrintLine(PrinterRig.Numbered(2), 0));
        Assert.False(printer.Driver.MotorEnergized);
        printer.Thermal.SetCelsius(clock.NowNanos, 70);
        Assert.Equal(PrintStatus.Overheat, printer.Sink.PrintLine(PrinterRig.Numbered(2), 0));
        printer.Thermal.SetCelsius(clock.NowNanos, 61);
        Assert.Equal(PrintStatus.Overheat, printer.Sink.PrintLine(PrinterRig.Numbered(2), 0));
        Assert.Equal(pulses, printer.Head.StrobePulses);
        printer.Thermal.SetCelsius(clock.NowNanos, 59);
        Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(2), 0));
        AssertEveryLineOnceInOrder(printer, 3);
        Assert.Empty(printer.Violations);
    }

    [Fact]
    public void A_hot_ambient_makes_a_long_dense_print_stop_on_overheat_and_wait_for_cooling()
    {
        // Ambient just under the JX-2R's 65 degC limit: printing heats the head over it; with the ambient
        // dropped the head cools below 55 degC and the job goes on.
        var printer = PrinterRig.Make(Profiles.Jingxin(), celsius: 64.5);
        var page = TestPages.Dense(384, 1200, 3);
        int i = 0;
        PrintStatus status = PrintStatus.Ok;
        for (; i < page.Length && status == PrintStatus.Ok; i++)
        {
            status = printer.Sink.PrintLine(page[i], 0);
        }
        Assert.Equal(PrintStatus.Overheat, status);
        Assert.InRange(printer.Driver.HeadCelsius, 64.5, 65.5);
        printer.Thermal.AmbientCelsius = 25;
        Assert.Equal(PrintStatus.Ok, printer.PrintLineWaiting(page[i - 1], 0));
        Assert.InRange(printer.Driver.HeadCelsius, 50, 55);
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary() + " " + string.Join("; ", printer.Violations.Take(3)));
    }

    [Theory]
    [InlineData(ThermistorState.Open)]
    [InlineData(ThermistorState.Short)]
    public void An_open_or_shorted_thermistor_stops_heating_until_it_reads_again(ThermistorState fault)
    {
        var config = new PrintHeadConfig();
        var printer = PrinterRig.Make(Profiles.Seiko(), config: config);
        Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(0), 0));
        printer.Head.ThermistorState = fault;
        // Seen at the next reading: within ThermistorEveryLines lines.
        int next = 1;
        PrintStatus status;
        while ((status = printer.Sink.PrintLine(PrinterRig.Numbered(next), 0)) == PrintStatus.Ok)
        {
            next++;
            Assert.True(next <= config.ThermistorEveryLines, "the fault is seen at the next reading");
        }
        Assert.Equal(PrintStatus.ThermistorFault, status);
        Assert.False(printer.Driver.MotorEnergized);
        printer.Head.ThermistorState = ThermistorState.Normal;
        Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(next), 0));
        AssertEveryLineOnceInOrder(printer, next + 1);
        Assert.Empty(printer.Violations);
    }

    [Fact]
    public void The_motor_rests_after_its_continuous_drive_limit_and_then_goes_on()
    {
        var profile = Profiles.Seiko(("motorMaxContinuousMillis", "400"), ("motorRestMillis", "250"));
        var printer = PrinterRig.Make(profile);
        var clock = printer.Board.Clock;
        int next = 0;
        PrintStatus status = PrintStatus.Ok;
        for (; next < 1000 && status == PrintStatus.Ok; next++)
        {
            status = printer.Sink.PrintLine(PrinterRig.Numbered(next), 0);
        }
        Assert.Equal(PrintStatus.MotorRest, status);
        next--;
        Assert.False(printer.Driver.MotorEnergized);
        long restedFrom = clock.NowMicros;
        Assert.Equal(PrintStatus.MotorRest, printer.Sink.PrintLine(PrinterRig.Numbered(next), 0));
        // The rest counts from the moment the limit was reached, just before the stop's hold.
        clock.DelayMicros(200_000);
        Assert.Equal(PrintStatus.MotorRest, printer.Sink.PrintLine(PrinterRig.Numbered(next), 0));
        clock.DelayMicros(restedFrom + 260_000 - clock.NowMicros);
        for (int end = next + 10; next < end; next++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(next), 0));
        }
        AssertEveryLineOnceInOrder(printer, next);
        Assert.Empty(printer.Violations);
    }

    [Fact]
    public void A_supply_outside_the_mechanism_range_is_reported()
    {
        var printer = PrinterRig.Make(Profiles.Seiko());
        printer.Head.SupplyOpenVolts = 4.2;
        Assert.Equal(PrintStatus.SupplyOutOfRange, printer.Sink.PrintLine(PrinterRig.Numbered(0), 0));
        printer.Head.SupplyOpenVolts = 7.4;
        Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(0), 0));
        Assert.Empty(printer.Violations);
    }
}
