using System.Runtime.CompilerServices;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Bounds, per strobe block, on the same-dot rules' inputs of every dot in it: the latest end and the latest
/// start of a firing of any of its dots, and the furthest paper position any of them heated at. A start
/// whose blocks clear the rest, the period and the position by these bounds clears them for each of its dots,
/// which then need no check of their own: the driver keeps the rules, so nearly every start does, and the
/// per-dot checks (<see cref="ThermalHeadModel"/>'s StartTimes) run only where a bound comes too close.
/// </summary>
public sealed class DotRestBounds
{
    private readonly int[] _blockOf;
    private readonly Bound[] _bounds;

    /// <summary>Bounds for a head of a number of dots in blocks of a number of dots (the last may be short).</summary>
    public DotRestBounds(int dots, int dotsPerBlock)
    {
        if (dots <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dots), $"dots {dots} must be positive");
        }
        // A profile without blocks is bounded as one block.
        int perBlock = dotsPerBlock > 0 ? dotsPerBlock : dots;
        _blockOf = new int[dots];
        for (int d = 0; d < dots; d++)
        {
            _blockOf[d] = d / perBlock;
        }
        _bounds = new Bound[(dots + perBlock - 1) / perBlock];
        // Earlier than any time or position a dot's own record starts from (long.MinValue / 4).
        Array.Fill(_bounds, new Bound { LatestEndNanos = long.MinValue / 4, LatestStartNanos = long.MinValue / 4, FurthestPosition = long.MinValue / 4 });
    }

    /// <summary>Notes that dots[from..to) ended a firing at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NoteEnd(int[] dots, int from, int to, long endNanos)
    {
        if (to <= from)
        {
            return;
        }
        Blocks(dots, from, to, out int first, out int last);
        for (int b = first; b <= last; b++)
        {
            ref Bound bound = ref _bounds[b];
            bound.LatestEndNanos = Math.Max(bound.LatestEndNanos, endNanos);
        }
    }

    /// <summary>
    /// True when every dot of dots[from..to) ended its last firing at least restNanos and started it at least
    /// periodNanos before now, and none last heated at this position; then notes the start (either way).
    /// False says only that the bounds cannot tell: the dots must be checked one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool StartClears(int[] dots, int from, int to, long now, long position, long restNanos, long periodNanos)
    {
        if (to <= from)
        {
            return true;
        }
        Blocks(dots, from, to, out int first, out int last);
        bool clears = true;
        for (int b = first; b <= last; b++)
        {
            ref Bound bound = ref _bounds[b];
            clears &= (now - bound.LatestEndNanos >= restNanos) & (now - bound.LatestStartNanos >= periodNanos) & (position > bound.FurthestPosition);
            bound.LatestStartNanos = Math.Max(bound.LatestStartNanos, now);
            bound.FurthestPosition = Math.Max(bound.FurthestPosition, position);
        }
        return clears;
    }

    /// <summary>
    /// The blocks dots[from..to) fall in: from the first dot's to the last's, as the head lists its dots in
    /// dot order; a list out of order, or a dot off the head, takes every block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Blocks(int[] dots, int from, int to, out int first, out int last)
    {
        int low = dots[from];
        int high = dots[to - 1];
        int[] blockOf = _blockOf;
        if ((uint)low >= (uint)blockOf.Length || (uint)high >= (uint)blockOf.Length || high < low)
        {
            first = 0;
            last = _bounds.Length - 1;
            return;
        }
        first = blockOf[low];
        last = blockOf[high];
    }

    /// <summary>One block's bounds, side by side.</summary>
    private struct Bound
    {
        public long LatestEndNanos;
        public long LatestStartNanos;
        public long FurthestPosition;
    }
}
