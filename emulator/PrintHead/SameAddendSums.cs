using System.Runtime.CompilerServices;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The sum of n copies of one addend, added one at a time from zero (so rounded as that serial sum rounds,
/// to the bit). The dots of one firing each add the firing's joules to the heat the head takes, and the next
/// firing often delivers the same joules to the bit (the same strobe width at the same power): the partial
/// sums for the addend last asked about are kept, so a repeat is one look-up instead of a chain of n
/// dependent additions.
/// </summary>
public sealed class SameAddendSums
{
    // _sums[k] is the sum of k copies of the addend kept, for k up to _known; _sums[0] is always zero.
    private readonly double[] _sums;
    private long _addendBits;
    private int _known;

    /// <summary>Creates room for sums of up to a number of copies.</summary>
    public SameAddendSums(int maxCount)
    {
        if (maxCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCount), $"count {maxCount} must not be negative");
        }
        _sums = new double[maxCount + 1];
    }

    /// <summary>Most copies a sum may take.</summary>
    public int MaxCount => _sums.Length - 1;

    /// <summary>0.0 + addend + addend + ... (count copies), added in that order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Of(double addend, int count)
    {
        // Keyed by the bits: every NaN payload, and -0.0 against 0.0, kept apart.
        if (BitConverter.DoubleToInt64Bits(addend) == _addendBits && (uint)count <= (uint)_known)
        {
            return _sums[count];
        }
        return Extend(addend, count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Extend(double addend, int count)
    {
        if ((uint)count > (uint)MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"count {count} outside 0..{MaxCount}");
        }
        long bits = BitConverter.DoubleToInt64Bits(addend);
        if (bits != _addendBits)
        {
            _addendBits = bits;
            _known = 0;
        }
        double[] sums = _sums;
        int known = _known;
        double sum = sums[known];
        while (known < count)
        {
            sum += addend;
            sums[++known] = sum;
        }
        _known = known;
        return sum;
    }
}
