using PosFirmware.Emulator.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// <see cref="QuotientBounds.LeastNumeratorAbove"/> lets the paper model test a dot's climb instead of dividing
/// it into a ratio: for every numerator, the comparison with the bound must say what the rounded division and
/// its comparison say, right at the threshold and its neighbours, for ordinary, tiny and huge divisors and
/// for bounds that are infinite, zero or the exact quotient of a numerator.
/// </summary>
public class QuotientBoundsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_numerator_test_says_what_the_quotient_test_says(int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 400; trial++)
        {
            double divisor = random.Next(6) switch
            {
                0 => double.Epsilon * random.Next(1, 1000),
                1 => double.MaxValue / (1 + random.NextDouble()),
                2 => 1.0,
                3 => 3.0,
                _ => (0.01 + random.NextDouble()) * Math.Pow(10, random.Next(-4, 5)),
            };
            double bound = random.Next(8) switch
            {
                0 => double.NegativeInfinity,
                1 => double.PositiveInfinity,
                2 => random.Next(2) == 0 ? 0.0 : -0.0,
                3 => double.NaN,
                4 => (random.NextDouble() * 3) / divisor,
                5 => -random.NextDouble() * 1e300,
                _ => (random.NextDouble() - 0.2) * Math.Pow(10, random.Next(-3, 4)),
            };
            double least = QuotientBounds.LeastNumeratorAbove(bound, divisor);
            var numerators = new List<double>
            {
                least, double.NegativeInfinity, double.PositiveInfinity, 0.0, -0.0, double.MaxValue, -double.MaxValue,
                bound * divisor, random.NextDouble() * 4 - 1, (random.NextDouble() - 0.5) * 1e308,
            };
            if (double.IsFinite(least))
            {
                numerators.Add(Math.BitDecrement(least));
                numerators.Add(Math.BitIncrement(least));
            }
            double near = bound * divisor;
            for (int step = 0; step < 6 && double.IsFinite(near); step++)
            {
                numerators.Add(near);
                numerators.Add(Math.BitDecrement(near));
                near = Math.BitIncrement(near);
            }
            foreach (double x in numerators)
            {
                bool byQuotient = x / divisor > bound;
                bool byNumerator = x >= least;
                Assert.True(byQuotient == byNumerator,
                    $"seed {seed}, trial {trial}: {x:R} / {divisor:R} > {bound:R} is {byQuotient}, {x:R} >= {least:R} is {byNumerator}");
            }
            // The least one: it passes, and the number below it does not.
            if (double.IsFinite(least))
            {
                Assert.True(least / divisor > bound && !(Math.BitDecrement(least) / divisor > bound), $"seed {seed}, trial {trial}: {least:R} is not the least");
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_divisor_without_a_threshold_is_refused(double divisor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QuotientBounds.LeastNumeratorAbove(1.0, divisor));
}
