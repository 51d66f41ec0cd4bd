using PosFirmware.Emulator.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The curve answers a ratio past its full-density knot with 1 at once. These tests hold that shortcut to
/// the interpolation written out here on its own: the same darkness to the bit on either side of every knot,
/// and no shortcut on curves that fall again after full density (below it, or down onto it, where rounding
/// leaves a hair short of black) or never reach it.
/// </summary>
public class PaperSensitivityTests
{
    private static readonly double[] StandardEnergies = { 0.0, 0.16, 0.24, 0.31, 0.40, 0.70, 1.20 };
    private static readonly double[] StandardDensities = { 0.06, 0.07, 0.30, 0.85, 1.20, 1.30, 1.32 };

    public static TheoryData<double[], double[], double> Curves() => new()
    {
        { StandardEnergies, StandardDensities, 1.2 },
        // Full density reached, then lost again: no ratio before the last knot may be taken as black.
        { new[] { 0.0, 0.2, 0.4, 0.6, 0.8 }, new[] { 0.05, 0.6, 1.25, 1.1, 1.3 }, 1.2 },
        // Full density only at the last knot.
        { new[] { 0.0, 0.3, 0.5 }, new[] { 0.05, 0.9, 1.2 }, 1.2 },
        // Never reached: nothing is black.
        { new[] { 0.0, 0.3, 0.5 }, new[] { 0.05, 0.9, 1.1 }, 1.2 },
        // Above full density, then down to it: rounding takes the knot at 0.6 a hair below full, so only the
        // flat stretch after it may be taken as black.
        { new[] { 0.0, 0.3, 0.6, 0.9 }, new[] { 0.05, 2.0, 0.9, 0.9 }, 0.9 },
        // Flat at full density from the knee on.
        { new[] { 0.0, 0.25, 0.5, 1.0 }, new[] { 0.1, 1.2, 1.2, 1.2 }, 1.2 },
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Darkness_is_the_clamped_interpolation_to_the_bit_around_every_knot(double[] energies, double[] densities, double full)
    {
        var curve = new PaperSensitivity(energies, densities, full, smearRatio: 1.45);
        foreach (double ratio in Ratios(energies))
        {
            double expected = Reference(energies, densities, full, ratio);
            double got = curve.Darkness(ratio);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(got),
                $"ratio {ratio:R}: {got:R}, interpolation gives {expected:R}");
        }
    }

    [Fact]
    public void A_curve_that_dips_after_full_density_stays_grey_in_the_dip()
    {
        var curve = new PaperSensitivity(new[] { 0.0, 0.2, 0.4, 0.6, 0.8 }, new[] { 0.05, 0.6, 1.25, 1.1, 1.3 }, 1.2, smearRatio: 1.45);
        Assert.Equal(1.0, curve.Darkness(0.4));
        Assert.True(curve.Darkness(0.6) < 1.0, "the dip below full density was taken as black");
        Assert.Equal(1.0, curve.Darkness(0.9));
    }

    private static IEnumerable<double> Ratios(double[] energies)
    {
        foreach (double knot in energies)
        {
            yield return Math.BitDecrement(knot);
            yield return knot;
            yield return Math.BitIncrement(knot);
        }
        for (int i = -20; i <= 300; i++)
        {
            yield return i / 137.0;
        }
        yield return double.PositiveInfinity;
        yield return double.NegativeInfinity;
    }

    // The curve as its documentation states it: linear between points, flat outside, darkness the density's
    // share of the way from the background to full, clamped to 0..1.
    private static double Reference(double[] energies, double[] densities, double full, double ratio)
    {
        double density = densities[^1];
        if (ratio <= energies[0])
        {
            density = densities[0];
        }
        else
        {
            for (int i = 1; i < energies.Length; i++)
            {
                if (ratio <= energies[i])
                {
                    double f = (ratio - energies[i - 1]) / (energies[i] - energies[i - 1]);
                    density = densities[i - 1] + f * (densities[i] - densities[i - 1]);
                    break;
                }
            }
        }
        return Math.Clamp((density - densities[0]) / (full - densities[0]), 0, 1);
    }
}
