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
    public void Per_line_work_is_bytes_not_dots_and_no_double_maths_per_pass(string name)
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
        // Thermistor, supply divider, sag, rate and energy: once per line (the supply again per firing).
        Assert.InRange(meter.Counts[(int)CpuWork.DoubleOperation] / lines, 30, 80);
        Assert.InRange(meter.Counts[(int)CpuWork.SingleOperation] / passes, HeatTimer.OperationsPerPass, 2 * (HeatTimer.OperationsPerPass + 4));
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
}
