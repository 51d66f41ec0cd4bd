using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The paper model judges the driver by the energy each dot actually got, the head's temperature and the
/// dot's own history, through the paper's sensitivity curve: a fixed strobe time fades on a cold head and a
/// low battery and burns on a hot head and a full one; the compensated driver does neither.
/// </summary>
public class PaperPhysicsTests
{
    /// <summary>A fixed-time setting: the LTPD245C datasheet's own strobe time at 7.2 V, 20 degC, 400 pps (Table 3-19).</summary>
    public const int FixedMicros = 958;

    private static readonly byte[][] Page = TestPages.Receipt(384, 120, 6).Concat(TestPages.Dense(384, 120, 6)).ToArray();

    private static VirtualPrinter Print(double celsius, double volts, int fixedMicros)
    {
        var printer = PrinterRig.Make(Profiles.Seiko(), volts: volts, celsius: celsius, config: new PrintHeadConfig { FixedHeatMicros = fixedMicros });
        PrinterRig.PrintAll(printer, Page);
        printer.Finish();
        return printer;
    }

    [Theory]
    [InlineData(0, 6.0)]
    [InlineData(25, 7.2)]
    [InlineData(55, 8.4)]
    public void The_compensated_driver_neither_fades_nor_burns(double celsius, double volts)
    {
        var printer = Print(celsius, volts, 0);
        Assert.True(printer.Paper.Firings > 10_000);
        Assert.Equal(0, printer.Paper.Faded);
        Assert.Equal(0, printer.Paper.Smears);
        Assert.True(printer.Checker.Total == 0, printer.Checker.Summary());
    }

    [Fact]
    public void A_fixed_strobe_time_prints_at_room_conditions_fades_cold_and_burns_hot()
    {
        var room = Print(25, 7.2, FixedMicros);
        Assert.Equal(0, room.Paper.Faded + room.Paper.Smears);
        var cold = Print(0, 6.0, FixedMicros);
        Assert.True(cold.Paper.Faded > cold.Paper.Firings / 2, $"{cold.Paper.Faded} of {cold.Paper.Firings} faded");
        Assert.True(MeanDarknessOfBlack(cold) < 0.8, $"mean darkness {MeanDarknessOfBlack(cold):F2}");
        var hot = Print(55, 8.4, FixedMicros);
        Assert.True(hot.Paper.Smears > 0, $"no firing smeared; effective energy {hot.Head.EffectiveEnergy.Min:F2}..{hot.Head.EffectiveEnergy.Max:F2}");
        Assert.True(hot.Head.EffectiveEnergy.Max > PaperSensitivity.Standard.SmearRatio);
        // In the PNGs themselves: the page's black dots are grey when cold; hot, black spills onto dots the
        // page leaves white; the compensated driver's PNG has neither.
        var compensated = Print(25, 7.2, 0);
        Assert.True(MeanGrayOfBlack(cold) > 60, $"cold mean gray {MeanGrayOfBlack(cold):F0}");
        Assert.True(MeanGrayOfBlack(compensated) < 1, $"compensated mean gray {MeanGrayOfBlack(compensated):F1}");
        Assert.True(DarkWhiteDots(hot) > 20, $"hot: {DarkWhiteDots(hot)} white dots darkened");
        Assert.Equal(0, DarkWhiteDots(compensated));
    }

    private static byte[] Png(VirtualPrinter printer, out int height)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("paper").FullName, "page.png");
        printer.SavePng(path);
        var gray = PosFirmware.Emulator.Imaging.PngWriter.ReadGray(path, out int width, out height);
        Assert.Equal(384, width);
        return gray;
    }

    private static double MeanGrayOfBlack(VirtualPrinter printer)
    {
        var gray = Png(printer, out int height);
        double sum = 0;
        int n = 0;
        for (int row = 0; row < Math.Min(Page.Length, height); row++)
        {
            for (int dot = 0; dot < 384; dot++)
            {
                if ((Page[row][dot >> 3] & (0x80 >> (dot & 7))) != 0)
                {
                    sum += gray[row * 384 + dot];
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static int DarkWhiteDots(VirtualPrinter printer)
    {
        var gray = Png(printer, out int height);
        int n = 0;
        for (int row = 0; row < Math.Min(Page.Length, height); row++)
        {
            for (int dot = 0; dot < 384; dot++)
            {
                if ((Page[row][dot >> 3] & (0x80 >> (dot & 7))) == 0 && gray[row * 384 + dot] < 250)
                {
                    n++;
                }
            }
        }
        return n;
    }

    [Fact]
    public void A_dot_fired_again_soon_needs_less_than_one_after_a_rest_and_a_cold_head_more_than_a_warm_one()
    {
        var model = new PaperModel(8, 250, PaperSensitivity.Standard);
        double fresh = model.Fire(0, 0, 500_000, 100, 25);
        double again = model.Fire(0, 1_500_000, 2_000_000, 100, 25);
        double later = model.Fire(0, 1_000_000_000, 1_000_500_000, 100, 25);
        Assert.True(again > fresh * 1.05, $"again {again:F3}, fresh {fresh:F3}");
        Assert.Equal(fresh, later, 6);
        double cold = new PaperModel(8, 250, PaperSensitivity.Standard).Fire(0, 0, 500_000, 100, 0);
        double warm = new PaperModel(8, 250, PaperSensitivity.Standard).Fire(0, 0, 500_000, 100, 50);
        Assert.True(cold < fresh && fresh < warm);
    }

    [Fact]
    public void The_curve_rises_from_the_background_to_full_density_and_stays()
    {
        var curve = PaperSensitivity.Standard;
        Assert.InRange(curve.Density(0), 0, 0.1);
        Assert.True(curve.Density(curve.FullEnergyRatio()) >= curve.FullDensity - 1e-9);
        double last = 0;
        for (double e = 0; e < 2; e += 0.01)
        {
            Assert.True(curve.Density(e) >= last);
            last = curve.Density(e);
        }
        Assert.Throws<ArgumentException>(() => new PaperSensitivity(new[] { 0.0, 0.0 }, new[] { 0.1, 1.2 }, 1.2, 1.5));
    }

    private static double MeanDarknessOfBlack(VirtualPrinter printer)
    {
        double sum = 0;
        int n = 0;
        for (int row = 0; row < Math.Min(Page.Length, printer.Paper.Height); row++)
        {
            for (int dot = 0; dot < 384; dot++)
            {
                if ((Page[row][dot >> 3] & (0x80 >> (dot & 7))) != 0)
                {
                    sum += printer.Paper.DarknessAt(row, dot);
                    n++;
                }
            }
        }
        return sum / n;
    }
}
