using PosFirmware.Emulator.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// <see cref="DotRestBounds"/> lets a start skip its per-dot checks when its blocks' bounds clear the same-dot
/// rules: whenever it says a start clears them, checking each dot against its own last end, start and position
/// (kept here dot by dot, as the head model's StartTimes reads them) must find no dot that breaks one.
/// </summary>
public class DotRestBoundsTests
{
    // The two mechanisms' rules: a rest after the end and no period (LTPD245C), a period and no rest (JX-2R-01).
    [Theory]
    [InlineData(1, 500_000, 0)]
    [InlineData(2, 500_000, 0)]
    [InlineData(3, 0, 1_250_000)]
    [InlineData(4, 0, 1_250_000)]
    [InlineData(5, 500_000, 1_250_000)]
    public void A_start_the_bounds_clear_has_no_dot_that_breaks_a_rule(int seed, long rest, long period)
    {
        const int dots = 96;
        const int perBlock = 16;
        var bounds = new DotRestBounds(dots, perBlock);
        var random = new Random(seed);
        var lastEnd = new long[dots];
        var lastStart = new long[dots];
        var heatPosition = new long[dots];
        Array.Fill(lastEnd, long.MinValue / 4);
        Array.Fill(lastStart, long.MinValue / 4);
        Array.Fill(heatPosition, long.MinValue / 4);
        var list = new int[dots];
        long now = 10_000_000;
        long position = 0;
        int cleared = 0;
        int broken = 0;
        for (int firing = 0; firing < 3000; firing++)
        {
            // One block, a few, or the whole head, in dot order; now and then out of order.
            int count = 0;
            int firstBlock = random.Next(dots / perBlock);
            int lastBlock = random.Next(3) == 0 ? Math.Min(dots / perBlock - 1, firstBlock + random.Next(3)) : firstBlock;
            for (int d = firstBlock * perBlock; d < (lastBlock + 1) * perBlock; d++)
            {
                if (random.Next(3) > 0)
                {
                    list[count++] = d;
                }
            }
            if (count == 0)
            {
                continue;
            }
            if (random.Next(20) == 0)
            {
                (list[0], list[count - 1]) = (list[count - 1], list[0]);
            }
            // Gaps mostly past the rules, now and then under the rest or the period; the paper mostly moving on.
            now += random.Next(4) switch { 0 => random.Next(600_000), 1 => 300_000 + random.Next(1_500_000), _ => 1_300_000 + random.Next(500_000) };
            position += random.Next(10) == 0 ? -random.Next(3) : random.Next(3);
            bool clears = bounds.StartClears(list, 0, count, now, position, rest, period);
            bool anyBreaks = false;
            for (int i = 0; i < count; i++)
            {
                int d = list[i];
                anyBreaks |= now - lastEnd[d] < rest || now - lastStart[d] < period || heatPosition[d] == position;
                lastStart[d] = now;
                heatPosition[d] = position;
            }
            Assert.False(clears && anyBreaks, $"seed {seed}, firing {firing}: the bounds cleared a start with a dot that breaks a rule");
            cleared += clears ? 1 : 0;
            broken += anyBreaks ? 1 : 0;
            long end = now + 200_000 + random.Next(200_000);
            bounds.NoteEnd(list, 0, count, end);
            for (int i = 0; i < count; i++)
            {
                lastEnd[list[i]] = end;
            }
            now = end;
        }
        // Both kinds of start came up, and the bounds cleared most of the rest: they are not a check that always fails.
        Assert.True(broken > 100 && cleared > (3000 - broken) / 3, $"seed {seed}: {cleared} cleared, {broken} with a dot that breaks a rule");
    }

    [Fact]
    public void A_dot_off_the_head_bounds_every_block()
    {
        var bounds = new DotRestBounds(32, 8);
        bounds.NoteEnd(new[] { 3, 40 }, 0, 2, 1_000_000);
        // The end noted for the list with a dot past the head holds for a dot of the last block too.
        Assert.False(bounds.StartClears(new[] { 30 }, 0, 1, 1_200_000, 5, 500_000, 0));
        Assert.True(bounds.StartClears(new[] { 30 }, 0, 1, 1_600_000, 6, 500_000, 0));
    }
}
