using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Hal;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

/// <summary>
/// The driver's hot path, as it reports its work to the CPU meter: a byte at a time with tables, dots only
/// where a pass ends, double maths once per line and none per pass.
/// </summary>
public class DriverWorkTests
{
    private sealed class CountingMeter : ICpuMeter
    {
        public readonly long[] Counts = new long[5];

        public void Count(CpuWork work, int times) => Counts[(int)work] += times;
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void Per_line_work_is_bytes_not_dots_and_no_double_maths(string name)
    {
        var profile = Profiles.Load(name);
        var board = new VirtualBoard(1);
        var printer = new VirtualPrinter(board, profile, new VirtualPrinterOptions { BuildDriver = false });
        var meter = new CountingMeter();
        var driver = new ThermalHeadDriver(profile, printer.Pins, new PrintHeadConfig(), board.Clock, meter);
        printer.AttachDriver(() => driver);
        var page = TestPages.Dense(384, 200, 2);
        foreach (var line in page)
        {
            Assert.Equal(PrintStatus.Ok, driver.PrintLine(line, 0));
        }
        printer.Finish();
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
        double lines = page.Length;
        double passes = driver.PassesFired;
        Assert.InRange(meter.Counts[(int)CpuWork.DotIteration] / passes, 0, 8);
        Assert.InRange(meter.Counts[(int)CpuWork.ByteIteration] / lines, 48, 400);
        // No double maths at all (the ESP32's FPU is single precision): the strobe time per pass, and the
        // thermistor, supply divider, sag, rate and energy once per line (the supply again per firing).
        Assert.Equal(0L, meter.Counts[(int)CpuWork.DoubleOperation]);
        double perPass = HeatTimer.OperationsPerPass + 4;
        // At most a strobe time per pass, the line's maths, the thermistor, and per step a supply reading and a
        // strobe time worked out again (when the step went first); at least the line's sag and rate (the energy
        // only when the head's temperature reading changed, and a pass's time only when its inputs did or, on
        // a mechanism with Eq. 8's correction, the period).
        double perLine = HeatTimer.OperationsPerLine + ThermistorTable.OperationsPerRead + profile.StepsPerDotLine * (1 + perPass);
        double single = meter.Counts[(int)CpuWork.SingleOperation];
        Assert.InRange(single / lines, HeatTimer.OperationsPerLine - HeatTimer.OperationsPerEnergy, perLine + passes / lines * perPass);
        if (profile.HasPulseCorrection)
        {
            Assert.True(single >= passes * (HeatTimer.OperationsPerCorrection + 4), "a pass's time follows the period: its correction is worked out for every pass");
        }
        Assert.InRange(meter.Counts[(int)CpuWork.NativeCall] / lines, 2, 2 * 6);
    }

    [Fact]
    public void A_pass_that_keeps_its_range_builds_its_data_with_one_copy()
    {
        var profile = Profiles.Jingxin();
        var board = new VirtualBoard(1);
        var printer = new VirtualPrinter(board, profile, new VirtualPrinterOptions { BuildDriver = false });
        var meter = new CountingMeter();
        var driver = new ThermalHeadDriver(profile, printer.Pins, new PrintHeadConfig(), board.Clock, meter);
        printer.AttachDriver(() => driver);
        var line = TestPages.Dense(384, 1, 2)[0];
        Assert.Equal(PrintStatus.Ok, driver.PrintLine(line, 0));
        for (int i = 0; i < 5; i++)
        {
            long native = meter.Counts[(int)CpuWork.NativeCall];
            long passes = driver.PassesFired;
            Assert.Equal(PrintStatus.Ok, driver.PrintLine(line, 0));
            // One heat a line on the JX-2R-01: the line's passes, each an Array.Copy and no Array.Clear.
            Assert.True(driver.PassesFired - passes > 1, "a line of several passes");
            Assert.Equal(driver.PassesFired - passes, meter.Counts[(int)CpuWork.NativeCall] - native);
        }
        printer.Finish();
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
    }

    private sealed class CountingInput : IDigitalInput
    {
        private readonly IDigitalInput _inner;

        public CountingInput(IDigitalInput inner) => _inner = inner;

        public int Reads { get; private set; }

        public bool Read()
        {
            Reads++;
            return _inner.Read();
        }

        public void SetEdgeHandler(PinEdgeHandler handler) => _inner.SetEdgeHandler(handler);
    }

    private static (VirtualPrinter Printer, ThermalHeadDriver Driver, CountingInput Paper) PaperCountingRig(int reuseMicros)
    {
        var profile = Profiles.Jingxin();
        var board = new VirtualBoard(1);
        var printer = new VirtualPrinter(board, profile, new VirtualPrinterOptions { BuildDriver = false });
        var p = printer.Pins;
        var paper = new CountingInput(p.PaperOut);
        var pins = new PrintHeadPins
        {
            Data = p.Data, Latch = p.Latch, Strobes = p.Strobes, MotorPhases = p.MotorPhases, Thermistor = p.Thermistor,
            Supply = p.Supply, PaperOut = paper, PlatenOpen = p.PlatenOpen, HeadPower = p.HeadPower,
        };
        var driver = new ThermalHeadDriver(profile, pins, new PrintHeadConfig { SensorReuseMicros = reuseMicros }, board.Clock, new CountingMeter());
        printer.AttachDriver(() => driver);
        return (printer, driver, paper);
    }

    [Fact]
    public void Within_a_line_a_paper_reading_younger_than_the_bound_is_used_again_and_none_is_carried_into_the_next_call()
    {
        var page = TestPages.Dense(384, 30, 2);
        int ReadsPerLine(int reuseMicros)
        {
            var (printer, driver, paper) = PaperCountingRig(reuseMicros);
            foreach (var line in page)
            {
                Assert.Equal(PrintStatus.Ok, driver.PrintLine(line, 0));
            }
            printer.Finish();
            Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
            return paper.Reads;
        }
        int everyTime = ReadsPerLine(0);
        int reused = ReadsPerLine(1000);
        // Read every time: at the line's check and for every pass; with the bound, fewer.
        Assert.True(everyTime >= page.Length * 3, $"{everyTime} reads");
        Assert.True(reused < everyTime, $"{reused} reads with the bound, {everyTime} without");
        Assert.True(reused >= page.Length, "at least one read a line");

        // A bound longer than a line still never carries a reading into the next call: paper gone between
        // two lines stops the next one before any strobe.
        var rig = PaperCountingRig(1_000_000);
        Assert.Equal(PrintStatus.Ok, rig.Driver.PrintLine(page[0], 0));
        rig.Printer.Head.PaperPresent = false;
        long pulses = rig.Printer.Head.StrobePulses;
        Assert.Equal(PrintStatus.PaperOut, rig.Driver.PrintLine(page[1], 0));
        Assert.Equal(pulses, rig.Printer.Head.StrobePulses);
    }
}
