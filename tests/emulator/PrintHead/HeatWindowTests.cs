using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The heat of a firing stays inside its firing window: no strobe is on when the paper steps into the next
/// (half) dot line, and the supply is read only with every strobe off.
/// </summary>
public class HeatWindowTests
{
    private static readonly byte[][] Dense = TestPages.Dense(384, 200, 3);

    private static VirtualPrinter PrintDense(VirtualPrinter printer)
    {
        foreach (var line in Dense)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
        printer.Finish();
        return printer;
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void A_driver_that_steps_on_while_heating_is_caught_and_the_right_one_is_not(string name)
    {
        var wrong = PrintDense(PrinterRig.Make(Profiles.Load(name), ignoreHeatWindow: true));
        Assert.True(wrong.Checker.Count(TimingRule.HeatIntoNextWindow) > 0, wrong.Checker.Summary());
        Assert.Contains(wrong.Violations, v => v.Rule == TimingRule.HeatIntoNextWindow && v.Detail.Contains("firing window"));
        var right = PrintDense(PrinterRig.Make(Profiles.Load(name)));
        Assert.Equal(0, right.Checker.Count(TimingRule.HeatIntoNextWindow));
        Assert.Equal(0, right.Checker.Count(TimingRule.SupplyReadDuringStrobe));
        Assert.True(right.Checker.Total == 0, right.Checker.Summary());
    }

    [Fact]
    public void Reading_the_supply_under_a_strobe_is_caught()
    {
        var wrong = PrintDense(PrinterRig.Make(Profiles.Seiko(), ignoreHeatWindow: true));
        Assert.True(wrong.Checker.Count(TimingRule.SupplyReadDuringStrobe) > 0, wrong.Checker.Summary());
    }

    [Fact]
    public void A_weak_battery_prints_the_dense_page_because_the_supply_is_read_with_the_strobes_off()
    {
        // 5.0 V through 0.15 ohm sags below the 4.75 V minimum under 96 dots: a reading under a strobe
        // would stop the page with SupplyOutOfRange although the battery itself is in range.
        var printer = PrintDense(PrinterRig.Make(Profiles.Seiko(), volts: 5.0, sourceOhms: 0.15));
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
        Assert.InRange(printer.Driver.SupplyMillivolts, 4900, 5100);
    }

    [Fact]
    public void Every_dot_is_marked_on_the_row_its_firing_belongs_to()
    {
        var printer = PrintDense(PrinterRig.Make(Profiles.Seiko()));
        // The dense page's lines and the paper's rows agree bit for bit where the dots are full.
        int same = 0;
        for (int row = 0; row < Dense.Length; row++)
        {
            if (printer.Paper.RowBits(row).AsSpan().SequenceEqual(Dense[row]))
            {
                same++;
            }
        }
        Assert.Equal(Dense.Length, same);
    }
}
