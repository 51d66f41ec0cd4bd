using PosFirmware.Emulator.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.Emulator.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

/// <summary>
/// The driver's motor rate cap, kept from line to line while the supply reading, the dots of the fullest
/// pass, the head temperature and the margin repeat: a change of any of them between two lines caps the
/// next steps at once. The motor model misses steps and the checker reports steps past the max rate at the
/// supply and temperature the head has, so a cap kept too long shows.
/// </summary>
public class MotorRateCapTests
{
    [Fact]
    public void A_supply_that_falls_between_fed_lines_slows_the_next_steps()
    {
        // Seiko Eq. 1: 2506 pps at 7.2 V, 1865 pps at 6.0 V.
        var printer = PrinterRig.Make(Profiles.Seiko(), volts: 7.2, sourceOhms: 0);
        Assert.Equal(PrintStatus.Ok, printer.Sink.Feed(200));
        printer.Head.SupplyOpenVolts = 6.0;
        Assert.Equal(PrintStatus.Ok, printer.Sink.Feed(200));
        Assert.Equal(0, printer.Motor.MissedSteps);
        Assert.Equal(0, printer.Checker.Total);
    }

    [Fact]
    public void A_supply_that_falls_between_printed_lines_slows_the_next_steps()
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), volts: 7.2, sourceOhms: 0);
        var line = new byte[48];
        line[0] = 0x80;
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
        printer.Head.SupplyOpenVolts = 6.0;
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
        Assert.Equal(0, printer.Motor.MissedSteps);
        Assert.Equal(0, printer.Checker.Total);
    }

    [Fact]
    public void A_head_heated_past_its_normal_range_between_fed_lines_caps_the_next_steps()
    {
        // The same supply throughout: only the temperature reading changes, and with it the cap (ExtremeMaxPps).
        var head = Profiles.Seiko();
        var printer = PrinterRig.Make(head, volts: 7.2, sourceOhms: 0);
        Assert.Equal(PrintStatus.Ok, printer.Sink.Feed(200));
        printer.Thermal.SetCelsius(printer.Board.Clock.NowNanos, head.NormalMaxCelsius + 20);
        Assert.Equal(PrintStatus.Ok, printer.Sink.Feed(200));
        Assert.Equal(0, printer.Motor.MissedSteps);
        Assert.Equal(0, printer.Checker.Total);
    }
}
