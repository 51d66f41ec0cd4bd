using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// A printer built without the run statistics (a terminal's) prints the same paper, draws the same current
/// and reports the same timing violations, to the bit, as one that keeps them.
/// </summary>
public class HeadStatisticsTests
{
    private static readonly byte[][] Page = TestPages.Receipt(384, 80, 3).Concat(TestPages.Dense(384, 40, 3)).ToArray();

    // A driver told a wrong dot cap and no same-dot rest breaks both rules; a fixed strobe time on a hot head
    // and a full battery drives the dots harder.
    private static readonly MechanismProfile Wrong = Profiles.Seiko(("maxSimultaneousDots", "128"), ("sameDotRestMicros", "0"), ("sameDotMinPeriodMicros", "0"));

    private static VirtualPrinter Print(bool keepStatistics, bool ruleBreaking)
    {
        var printer = new VirtualPrinter(new VirtualBoard(1), Profiles.Seiko(), new VirtualPrinterOptions
        {
            KeepStatistics = keepStatistics,
            DriverProfile = ruleBreaking ? Wrong : null,
            Driver = new PrintHeadConfig { FixedHeatMicros = ruleBreaking ? PaperPhysicsTests.FixedMicros : 0 },
            SupplyVolts = ruleBreaking ? 8.4 : 7.2,
            AmbientCelsius = ruleBreaking ? 55 : 25,
        });
        PrinterRig.PrintAll(printer, Page);
        printer.Finish();
        return printer;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Leaving_the_statistics_out_changes_neither_paper_nor_current_nor_violations(bool ruleBreaking)
    {
        var kept = Print(true, ruleBreaking);
        var left = Print(false, ruleBreaking);

        Assert.Equal(kept.Paper.Height, left.Paper.Height);
        for (int row = 0; row < kept.Paper.Height; row++)
        {
            for (int dot = 0; dot < kept.Paper.Width; dot++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits((float)kept.Paper.DarknessAt(row, dot)), BitConverter.SingleToInt32Bits((float)left.Paper.DarknessAt(row, dot)));
            }
        }
        Assert.Equal(kept.Paper.Smears, left.Paper.Smears);
        Assert.Equal(kept.Head.PeakAmps, left.Head.PeakAmps);
        Assert.Equal(kept.Thermal.JoulesIn, left.Thermal.JoulesIn);
        Assert.Equal(kept.Checker.Summary(), left.Checker.Summary());
        Assert.Equal(kept.Checker.Total, left.Checker.Total);

        Assert.True(kept.Head.Energy.Firings > 1000);
        Assert.Equal(0, left.Head.Energy.Firings);
        Assert.Equal(0, left.Head.EffectiveEnergy.Count);
        Assert.Empty(left.Head.RowCelsius);
    }

    [Fact]
    public void A_rule_breaking_driver_is_still_caught_without_the_statistics()
    {
        var left = Print(false, ruleBreaking: true);
        Assert.True(left.Checker.Count(TimingRule.TooManyDots) > 0, left.Checker.Summary());
        Assert.True(left.Checker.Count(TimingRule.SameDotTooSoon) > 0, left.Checker.Summary());
    }
}
