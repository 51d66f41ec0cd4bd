using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

public class EnergyTests
{
    private static readonly byte[][] Page = TestPages.Dense(384, 120, 9);

    [Theory]
    [InlineData("LTPD245C", 0, 6.0)]
    [InlineData("LTPD245C", 55, 8.4)]
    [InlineData("JX-2R-01", 0, 6.0)]
    [InlineData("JX-2R-01", 55, 8.4)]
    public void Delivered_energy_stays_within_five_percent_of_the_datasheet(string name, double celsius, double volts)
    {
        var printer = PrinterRig.Make(Profiles.Load(name), volts: volts, sourceOhms: 0.15, celsius: celsius);
        PrinterRig.PrintAll(printer, Page);
        Assert.True(printer.Head.Energy.Firings > 10_000);
        Assert.InRange(printer.Head.Energy.WorstDeviation, 0, 0.05);
        Assert.Equal(0, printer.Checker.Total);
    }

    [Fact]
    public void A_driver_that_ignores_the_sag_under_load_underheats()
    {
        // 96 dots at 6 V through 0.45 ohm sag about 17 % where the driver expects 6 %.
        var printer = PrinterRig.Make(Profiles.Seiko(), volts: 6.0, sourceOhms: 0.15);
        // The rig told the driver 0.15 ohm; the battery here is worse than the driver thinks.
        printer.Head.SourceOhms = 0.45;
        PrinterRig.PrintAll(printer, Page);
        Assert.True(printer.Head.Energy.WorstSigned < -0.08, $"worst {printer.Head.Energy.WorstSigned:P1}");
    }

    [Fact]
    public void The_head_warms_while_printing_and_the_thermistor_follows_it()
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), celsius: 25);
        PrinterRig.PrintAll(printer, TestPages.Dense(384, 800, 2));
        long now = printer.Board.Clock.NowNanos;
        double head = printer.Thermal.HeadCelsiusAt(now);
        Assert.InRange(head, 26, 45);
        Assert.InRange(printer.Driver.HeadCelsius, 25.5, head + 0.01);
        Assert.True(printer.Thermal.JoulesIn > 0);
        printer.Board.Clock.Advance(120_000_000_000);
        Assert.InRange(printer.Thermal.HeadCelsiusAt(printer.Board.Clock.NowNanos), 25, 25.1);
    }

    [Fact]
    public void The_physical_limit_is_the_motor_limit_on_white_paper_and_heat_bound_on_black()
    {
        var seiko = Profiles.Seiko();
        var white = Enumerable.Range(0, 1600).Select(_ => new byte[48]).ToArray();
        // 2506 pps at 7.2 V, 4 steps per 0.125 mm: 78.3 mm/s at full speed, a little less with the start.
        Assert.InRange(PhysicalLimit.MillimetresPerSecond(seiko, white, 7.2, 25, false), 74, 78.4);
        var black = Enumerable.Range(0, 800).Select(_ => Enumerable.Repeat((byte)0xFF, 48).ToArray()).ToArray();
        double blackSpeed = PhysicalLimit.MillimetresPerSecond(seiko, black, 7.2, 25, false);
        Assert.InRange(blackSpeed, 5, 40);
        var jx = Profiles.Jingxin();
        Assert.InRange(PhysicalLimit.MillimetresPerSecond(jx, white.Take(800).ToArray(), 7.2, 25, false), 68, 72.7);
    }

    [Fact]
    public void An_edge_at_the_instant_before_still_takes_an_unbounded_power()
    {
        // The energy integral skips edges at the instant of the one before (a finite power over no time adds
        // nothing), but not a power past any bound: infinity times no time is NaN in the plain integral, and
        // stays so. Block 0 heats from a finite supply; then the supply is unbounded, blocks 1 and 2 rise at
        // one instant, and every firing's delivered energy is NaN (it would be infinite with the skip taken).
        var printer = PrinterRig.Make(Profiles.Seiko());
        var clock = printer.Board.Clock;
        clock.Advance(2_000_000);
        printer.HeadPower.Write(true);
        clock.Advance(2_000_000);
        var black = new byte[48];
        Array.Fill(black, (byte)0xFF);
        printer.Spi.Write(black, 0, black.Length);
        clock.Advance(1000);
        printer.Latch.Write(false);
        clock.Advance(1000);
        printer.Latch.Write(true);
        clock.Advance(1000);
        printer.Strobes[0].Pulse(600);
        clock.Advance(100_000);
        printer.Head.SupplyOpenVolts = double.PositiveInfinity;
        printer.Strobes[1].Pulse(300);
        printer.Strobes[2].Pulse(300);
        clock.Advance(1_000_000);
        Assert.Equal(3, printer.Head.StrobePulses);
        Assert.True(double.IsNaN(printer.Head.Energy.DeliveredJoules), $"delivered {printer.Head.Energy.DeliveredJoules} J");
    }
}

/// <summary>The energy reference is the datasheet's own table, so a profile with a wrong energy table is caught.</summary>
public class DatasheetEnergyTests
{
    [Fact]
    public void A_profile_whose_energy_table_is_ten_percent_low_is_caught_against_the_datasheet()
    {
        var wrong = Profiles.Seiko(("energyMicrojoulesAtCelsius", "25:224.0,85:68.2"));
        var printer = PrinterRig.Make(Profiles.Seiko(), driverProfile: wrong);
        PrinterRig.PrintAll(printer, TestPages.Dense(384, 60, 3));
        Assert.True(printer.Head.Energy.WorstSigned < -0.08, $"worst {printer.Head.Energy.WorstSigned:P1}");
        Assert.Equal(248.9, DatasheetEnergies.Microjoules(Profiles.Seiko(), 25), 6);
        Assert.Equal(130.0, DatasheetEnergies.Microjoules(Profiles.Jingxin(), 25), 6);
        Assert.Equal(160.0, DatasheetEnergies.Microjoules(Profiles.Jingxin(), 5), 6);
    }
}
