using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.Emulator.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

/// <summary>
/// The thermistor read once every ThermistorEveryLines lines: ADC reads counted on the emulator's channel, and the
/// overheat stop on the mechanism model's own head temperature, with the interval's bound and without it.
/// </summary>
public class ThermistorIntervalTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void The_thermistor_is_read_once_every_n_lines(int everyLines)
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), config: new PrintHeadConfig { ThermistorEveryLines = everyLines });
        long before = printer.Thermistor.SampleCount;
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(i), 0));
        }
        Assert.Equal(40 / everyLines, printer.Thermistor.SampleCount - before);
    }

    [Fact]
    public void A_fault_makes_the_next_line_read_the_thermistor_afresh()
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), config: new PrintHeadConfig { ThermistorEveryLines = 8 });
        long before = printer.Thermistor.SampleCount;
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(i), 0));
        }
        Assert.Equal(1, printer.Thermistor.SampleCount - before);
        printer.Head.PaperPresent = false;
        Assert.Equal(PrintStatus.PaperOut, printer.Sink.PrintLine(PrinterRig.Numbered(3), 0));
        Assert.Equal(1, printer.Thermistor.SampleCount - before);
        printer.Head.PaperPresent = true;
        Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(PrinterRig.Numbered(3), 0));
        Assert.Equal(2, printer.Thermistor.SampleCount - before);
        Assert.Empty(printer.Violations);
    }

    [Fact]
    public void A_page_printed_hot_stops_before_the_model_thermistor_passes_the_limit()
    {
        var (status, maxSensorCelsius, overheatedHeats) = PrintHotUntilStopped(new PrintHeadConfig());
        Assert.Equal(PrintStatus.Overheat, status);
        Assert.True(maxSensorCelsius <= Profiles.Jingxin().OverheatStopCelsius, $"model thermistor reached {maxSensorCelsius:F3} degC");
        Assert.Equal(0, overheatedHeats);
    }

    [Fact]
    public void Without_the_margin_growing_with_the_interval_a_long_interval_stops_late()
    {
        // A reading every 10,000 lines with the margin left at its one-line value: the head warms past the
        // limit between readings. Shows the margin's bound is what keeps the stop in time.
        var (_, maxSensorCelsius, overheatedHeats) = PrintHotUntilStopped(new PrintHeadConfig { ThermistorEveryLines = 10_000, HeadRisePerLineCelsius = 0 });
        Assert.True(maxSensorCelsius > Profiles.Jingxin().OverheatStopCelsius, $"model thermistor reached only {maxSensorCelsius:F3} degC");
        Assert.True(overheatedHeats > 0);
    }

    /// <summary>
    /// A dense page on a JX-2R-01 starting 1 degC under its limit, until the driver stops or the page ends; gives
    /// the hottest the model's thermistor got (unquantised), where the datasheets set the limit, and the
    /// checker's count of heat above it.
    /// </summary>
    private static (PrintStatus Status, double MaxSensorCelsius, long HeatWhenOverheated) PrintHotUntilStopped(PrintHeadConfig config)
    {
        var printer = PrinterRig.Make(Profiles.Jingxin(), config: config, celsius: 64);
        var page = TestPages.Dense(384, 1200, 3);
        var clock = printer.Board.Clock;
        double maxHead = printer.Thermal.SensorCelsiusAt(clock.NowNanos);
        PrintStatus status = PrintStatus.Ok;
        for (int i = 0; i < page.Length && status == PrintStatus.Ok; i++)
        {
            status = printer.Sink.PrintLine(page[i], 0);
            maxHead = Math.Max(maxHead, printer.Thermal.SensorCelsiusAt(clock.NowNanos));
        }
        return (status, maxHead, printer.Checker.Count(TimingRule.HeatWhenOverheated));
    }
}
