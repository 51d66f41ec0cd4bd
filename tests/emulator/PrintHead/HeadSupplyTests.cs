using PosFirmware.Emulator.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The head model keeps the supply, power and current it worked out for each count of dots on; a battery
/// that changes between lines must still be seen at the next edge, in the current drawn and in the energy
/// the dots get.
/// </summary>
public class HeadSupplyTests
{
    private static readonly byte[][] Page = TestPages.Dense(384, 30, 5);

    [Fact]
    public void A_battery_changed_between_lines_sets_the_current_at_the_next_edge()
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), volts: 6.0);
        PrinterRig.PrintAll(printer, Page);
        double lowAmps = printer.Head.PeakAmps;
        int dots = printer.Head.PeakDotsOn;
        Assert.Equal(Amps(printer, 6.0, dots), lowAmps);

        printer.Head.SupplyOpenVolts = 8.4;
        PrinterRig.PrintAll(printer, Page);
        Assert.Equal(dots, printer.Head.PeakDotsOn);
        Assert.Equal(Amps(printer, 8.4, dots), printer.Head.PeakAmps);
        Assert.True(printer.Head.PeakAmps > lowAmps * 1.3, $"{printer.Head.PeakAmps:F3} A at 8.4 V against {lowAmps:F3} A at 6.0 V");
    }

    [Fact]
    public void The_same_lines_on_a_battery_changed_midway_get_the_energy_of_a_head_that_had_it_from_the_start()
    {
        // A fixed strobe time, so the energy follows the supply the model sees rather than the driver's correction.
        var config = new PosFirmware.PrintHead.PrintHeadConfig { FixedHeatMicros = PaperPhysicsTests.FixedMicros };
        var changed = PrinterRig.Make(Profiles.Seiko(), volts: 8.4, config: config);
        changed.Head.SupplyOpenVolts = 6.0;
        PrinterRig.PrintAll(changed, Page);
        var fromStart = PrinterRig.Make(Profiles.Seiko(), volts: 6.0,
            config: new PosFirmware.PrintHead.PrintHeadConfig { FixedHeatMicros = PaperPhysicsTests.FixedMicros });
        PrinterRig.PrintAll(fromStart, Page);
        Assert.Equal(fromStart.Head.Energy.DeliveredJoules, changed.Head.Energy.DeliveredJoules);

        changed.Head.SupplyOpenVolts = 8.4;
        double before = changed.Head.Energy.DeliveredJoules;
        PrinterRig.PrintAll(changed, Page);
        Assert.True(changed.Head.Energy.DeliveredJoules - before > before * 1.5,
            $"{changed.Head.Energy.DeliveredJoules - before:F4} J at 8.4 V after {before:F4} J at 6.0 V");
    }

    [Fact]
    public void The_supply_at_the_head_read_under_a_strobe_is_the_physics_of_the_dots_on_now_after_every_change()
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), volts: 7.2);
        var head = printer.Head;
        int reads = 0;
        int rises = 0;
        // Wired after the head, so each edge reaches the model first; every few rises the battery or its
        // source resistance changes under the strobe, and the figures kept for the dots on must not be given.
        foreach (var strobe in printer.Strobes)
        {
            strobe.Connect((high, at) =>
            {
                if (!high)
                {
                    return;
                }
                rises++;
                Check();
                if (rises % 3 == 0)
                {
                    head.SupplyOpenVolts = rises % 2 == 0 ? 6.0 : 8.4;
                    Check();
                }
                if (rises % 5 == 0)
                {
                    head.SourceOhms = rises % 2 == 0 ? 0.15 : 0.3;
                    Check();
                }
            });
        }
        PrinterRig.PrintAll(printer, Page);
        Assert.True(reads > 100, $"{reads} reads under a strobe");

        void Check()
        {
            if (head.DotsOn == 0)
            {
                return;
            }
            Assert.Equal(printer.Physics.HeadVolts(head.SupplyOpenVolts, head.SourceOhms, head.DotsOn), head.HeadVolts);
            reads++;
        }
    }

    [Fact]
    public void The_supply_pin_follows_the_battery_and_the_divider_between_reads()
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), volts: 7.2);
        var board = printer.Options.Driver;
        // The divider's reading worked out afresh: the open-circuit supply (no strobe on) through top and bottom.
        int Expected() => (int)Math.Round(printer.Head.SupplyOpenVolts * 1000.0 * board.SupplyDividerBottomOhms
            / (board.SupplyDividerTopOhms + board.SupplyDividerBottomOhms));

        Assert.Equal(1800, printer.Supply.ReadMillivolts());
        Assert.Equal(1800, printer.Supply.ReadMillivolts());
        printer.Head.SupplyOpenVolts = 8.4;
        Assert.Equal(Expected(), printer.Supply.ReadMillivolts());
        board.SupplyDividerTopOhms = 20000;
        Assert.Equal(Expected(), printer.Supply.ReadMillivolts());
        board.SupplyDividerBottomOhms = 5000;
        Assert.Equal(Expected(), printer.Supply.ReadMillivolts());
        printer.Head.SupplyOpenVolts = 7.2;
        Assert.Equal(1440, printer.Supply.ReadMillivolts());
        Assert.Equal(Expected(), printer.Supply.ReadMillivolts());
    }

    // I = n V / R_path with V the supply at the head under n dots (the model's own physics, worked out afresh).
    private static double Amps(VirtualPrinter printer, double openVolts, int dots)
    {
        var physics = printer.Physics;
        double volts = physics.HeadVolts(openVolts, printer.Head.SourceOhms, dots);
        return dots * volts / physics.PathOhms(dots);
    }
}
