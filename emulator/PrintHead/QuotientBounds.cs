namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Turns a bound on a rounded quotient into a bound on its numerator. For a divisor that is a positive finite
/// number, the rounded quotient x / divisor never falls as x grows (the exact quotient grows, and rounding
/// to nearest keeps order), so the numerators whose quotient is above a bound are exactly those from the
/// least such numerator up: one comparison of the numerator then says what the division and a comparison of
/// the quotient would say, to the bit, without the division.
/// </summary>
public static class QuotientBounds
{
    /// <summary>
    /// The least number x (not NaN) for which x / divisor, rounded, is above bound; NaN when there is none (a
    /// bound of +infinity or NaN), so that x &gt;= the result is false for every x as the quotient's test is.
    /// For any x not NaN, x &gt;= the result exactly when x / divisor &gt; bound. The divisor must be a positive
    /// finite number (for any other there may be no such threshold).
    /// </summary>
    public static double LeastNumeratorAbove(double bound, double divisor)
    {
        if (!(divisor > 0) || !double.IsFinite(divisor))
        {
            throw new ArgumentOutOfRangeException(nameof(divisor), $"divisor {divisor} must be a positive finite number");
        }
        if (!(double.PositiveInfinity / divisor > bound))
        {
            return double.NaN;
        }
        if (double.NegativeInfinity / divisor > bound)
        {
            return double.NegativeInfinity;
        }
        // The doubles in numeric order as integers: below, -infinity, which fails; above, +infinity, which passes.
        long below = OrderKey(double.NegativeInfinity);
        long above = OrderKey(double.PositiveInfinity);
        // Their distance needs all 64 bits unsigned (about 2^64 - 2^53 at first).
        while ((ulong)(above - below) > 1)
        {
            long middle = below + (long)((ulong)(above - below) / 2);
            if (FromOrderKey(middle) / divisor > bound)
            {
                above = middle;
            }
            else
            {
                below = middle;
            }
        }
        return FromOrderKey(above);
    }

    // -0.0 and 0.0 share a key (they compare equal); a key maps back to 0.0.
    private static long OrderKey(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        return bits >= 0 ? bits : long.MinValue - bits;
    }

    private static double FromOrderKey(long key) => BitConverter.Int64BitsToDouble(key >= 0 ? key : long.MinValue - key);
}
