using PosFirmware.Emulator.Core;
using PosFirmware.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

public class StrobePlannerTests
{
    private static byte[] Line(params int[] blackDots)
    {
        var line = new byte[48];
        foreach (int d in blackDots)
        {
            line[d >> 3] |= (byte)(0x80 >> (d & 7));
        }
        return line;
    }

    /// <summary>A 384-dot line of random density (white to black), each dot drawn from the random source in turn.</summary>
    private static byte[] RandomLine(SimRandom random)
    {
        var line = new byte[48];
        double density = random.NextDouble();
        for (int d = 0; d < 384; d++)
        {
            if (random.Chance(density))
            {
                line[d >> 3] |= (byte)(0x80 >> (d & 7));
            }
        }
        return line;
    }

    [Fact]
    public void A_white_line_has_no_pass_and_a_white_block_costs_nothing()
    {
        var plan = new StrobePlan(384);
        StrobePlanner.PlanDynamic(new byte[48], 0, 384, 64, 96, plan, keepBoundaries: false);
        Assert.Equal(0, plan.PassCount);
        StrobePlanner.PlanDynamic(Line(3, 10, 70), 0, 384, 64, 96, plan, keepBoundaries: false);
        Assert.Equal(1, plan.PassCount);
        Assert.Equal(3, plan.Dots[0]);
        Assert.Equal(0b11, plan.BlockMask[0]); // blocks 1 and 2 only; blocks 3-6 are white and never strobed
    }

    [Fact]
    public void A_full_black_line_takes_four_passes_of_96_on_the_seiko_and_six_of_64_on_the_jingxin()
    {
        var full = Enumerable.Repeat((byte)0xFF, 48).ToArray();
        var plan = new StrobePlan(384);
        StrobePlanner.PlanDynamic(full, 0, 384, 64, 96, plan, keepBoundaries: false);
        Assert.Equal(4, plan.PassCount);
        Assert.All(Enumerable.Range(0, 4), k => Assert.Equal(96, plan.Dots[k]));
        StrobePlanner.PlanDynamic(full, 0, 384, 64, 64, plan, keepBoundaries: false);
        Assert.Equal(6, plan.PassCount);
    }

    [Fact]
    public void Random_lines_get_the_fewest_balanced_passes_covering_every_black_dot_once()
    {
        ulong seed = 77;
        var random = new SimRandom(seed).Fork("planner");
        var plan = new StrobePlan(384);
        for (int round = 0; round < 2000; round++)
        {
            var line = RandomLine(random);
            int max = 1 + random.Next(200);
            int black = StrobePlanner.CountBlack(line, 0, 48);
            StrobePlanner.PlanDynamic(line, 0, 384, 64, max, plan, keepBoundaries: false);
            string why = $"seed={seed} round={round}";
            Assert.True((black + max - 1) / max == plan.PassCount, why + ": not the fewest passes");
            if (plan.PassCount == 0)
            {
                continue;
            }
            var sizes = Enumerable.Range(0, plan.PassCount).Select(k => plan.Dots[k]).ToArray();
            Assert.True(sizes.Max() - sizes.Min() <= 1, why + ": passes not balanced");
            Assert.True(sizes.Max() <= max, why + ": a pass above the cap");
            Assert.Equal(0, plan.FirstDot[0]);
            Assert.Equal(384, plan.EndDot[plan.PassCount - 1]);
            for (int k = 1; k < plan.PassCount; k++)
            {
                Assert.True(plan.FirstDot[k] == plan.EndDot[k - 1], why + ": ranges do not tile the line");
            }
            Assert.Equal(black, sizes.Sum());
        }
    }

    [Fact]
    public void Kept_boundaries_are_reused_only_while_they_respect_the_cap()
    {
        var plan = new StrobePlan(384);
        var first = Line(Enumerable.Range(0, 150).ToArray());
        StrobePlanner.PlanDynamic(first, 0, 384, 64, 96, plan, keepBoundaries: true);
        Assert.Equal(2, plan.PassCount);
        int boundary = plan.EndDot[0];
        var similar = Line(Enumerable.Range(0, 140).ToArray());
        StrobePlanner.PlanDynamic(similar, 0, 384, 64, 96, plan, keepBoundaries: true);
        Assert.Equal(boundary, plan.EndDot[0]);
        Assert.Equal(140, plan.Dots[0] + plan.Dots[1]);
        Assert.True(plan.ByteSteps <= 48 + 1, $"kept passes are counted in one walk, not {plan.ByteSteps} byte steps");
        var shifted = Line(Enumerable.Range(0, 20).Concat(Enumerable.Range(200, 150)).ToArray());
        StrobePlanner.PlanDynamic(shifted, 0, 384, 64, 96, plan, keepBoundaries: true);
        Assert.All(Enumerable.Range(0, plan.PassCount), k => Assert.InRange(plan.Dots[k], 1, 96));
        Assert.Equal(170, plan.Dots[0] + plan.Dots[1]);
    }

    [Fact]
    public void Aligned_passes_end_on_block_edges_when_the_cap_allows_and_stay_the_fewest()
    {
        // Every other dot black: 192 dots, 32 a block; two passes of three blocks each fit 96.
        var even = Line(Enumerable.Range(0, 192).Select(i => 2 * i).ToArray());
        var plan = new StrobePlan(384);
        StrobePlanner.PlanDynamic(even, 0, 384, 64, 96, plan, keepBoundaries: false, alignToBlocks: true);
        Assert.Equal(2, plan.PassCount);
        Assert.Equal(192, plan.EndDot[0]);
        Assert.Equal(0b000111, plan.BlockMask[0]);
        Assert.Equal(0b111000, plan.BlockMask[1]);
        // Without alignment the balanced cut falls inside block 3 and both passes strobe it.
        StrobePlanner.PlanDynamic(Line(Enumerable.Range(0, 190).Select(i => 2 * i).ToArray()), 0, 384, 64, 96, plan, keepBoundaries: false);
        Assert.NotEqual(0, plan.BlockMask[0] & plan.BlockMask[1]);

        ulong seed = 93;
        var random = new SimRandom(seed).Fork("planner-aligned");
        for (int round = 0; round < 2000; round++)
        {
            var line = RandomLine(random);
            int max = 16 + random.Next(120);
            int black = StrobePlanner.CountBlack(line, 0, 48);
            // Every other line keeps the last line's passes when they still fit, else cuts new ones (from the
            // blocks' counts where a pass is whole blocks): both checked dot by dot.
            StrobePlanner.PlanDynamic(line, 0, 384, 64, max, plan, keepBoundaries: round % 2 == 1, alignToBlocks: true);
            string why = $"seed={seed} round={round}";
            Assert.True((black + max - 1) / max == plan.PassCount, why + ": not the fewest passes");
            int sum = 0;
            for (int k = 0; k < plan.PassCount; k++)
            {
                Assert.True(plan.Dots[k] >= 1 && plan.Dots[k] <= max, why + $": pass {k} has {plan.Dots[k]} dots");
                Assert.True(k == 0 ? plan.FirstDot[k] == 0 : plan.FirstDot[k] == plan.EndDot[k - 1], why + ": ranges do not tile the line");
                int counted = 0;
                for (int d = plan.FirstDot[k]; d < plan.EndDot[k]; d++)
                {
                    counted += StrobePlanner.IsBlack(line, 0, d) ? 1 : 0;
                }
                Assert.True(counted == plan.Dots[k], why + $": pass {k} counts {plan.Dots[k]}, holds {counted}");
                int firstBlack = -1;
                int lastBlack = -1;
                int blocks = 0;
                for (int d = plan.FirstDot[k]; d < plan.EndDot[k]; d++)
                {
                    if (StrobePlanner.IsBlack(line, 0, d))
                    {
                        firstBlack = firstBlack < 0 ? d : firstBlack;
                        lastBlack = d;
                        blocks |= 1 << (d / 64);
                    }
                }
                Assert.True(plan.FirstBlack[k] == firstBlack && plan.EndBlack[k] == lastBlack + 1 && plan.BlockMask[k] == blocks, why + $": pass {k} extent or blocks");
                sum += counted;
            }
            Assert.Equal(black, sum);
        }
    }

    [Fact]
    public void A_fresh_aligned_plan_counts_each_block_as_counted_dot_by_dot()
    {
        ulong seed = 94;
        var random = new SimRandom(seed).Fork("planner-blocks");
        var plan = new StrobePlan(384);
        int[] blockSizes = { 16, 24, 32, 48, 64, 96, 128, 192, 384 };
        for (int round = 0; round < 3000; round++)
        {
            var line = RandomLine(random);
            // White runs and white blocks, as text lines have them, and white margins at either end of a line.
            for (int b = random.Next(48); b < 48 && random.Chance(0.9); b++)
            {
                line[b] = 0;
            }
            for (int b = random.Next(48); b >= 0 && random.Chance(0.8); b--)
            {
                line[b] = 0;
            }
            int dotsPerBlock = blockSizes[random.Next(blockSizes.Length)];
            int max = 1 + random.Next(400);
            StrobePlanner.PlanDynamic(line, 0, 384, dotsPerBlock, max, plan, keepBoundaries: false, alignToBlocks: true);
            string why = $"seed={seed} round={round} dotsPerBlock={dotsPerBlock}";
            for (int blk = 0; blk < 384 / dotsPerBlock; blk++)
            {
                int dots = 0;
                int first = -1;
                int end = -1;
                for (int d = blk * dotsPerBlock; d < (blk + 1) * dotsPerBlock; d++)
                {
                    if (StrobePlanner.IsBlack(line, 0, d))
                    {
                        dots++;
                        first = first < 0 ? d : first;
                        end = d + 1;
                    }
                }
                Assert.True(plan.BlockDots[blk] == dots && plan.BlockFirstBlack[blk] == first, why + $": block {blk} counts {plan.BlockDots[blk]} from {plan.BlockFirstBlack[blk]}, holds {dots} from {first}");
                Assert.True(dots == 0 || plan.BlockEndBlack[blk] == end, why + $": block {blk} ends at {plan.BlockEndBlack[blk]}, not {end}");
            }
            Assert.True(plan.ByteSteps >= 48, why + ": every byte is read once to count the line");
        }
    }

    [Fact]
    public void Block_masks_are_walked_through_tables_like_bit_by_bit()
    {
        for (int mask = 1; mask < 1 << 12; mask++)
        {
            int lowest = 0;
            while ((mask & (1 << lowest)) == 0)
            {
                lowest++;
            }
            Assert.Equal(lowest, StrobePlanner.LowestBlock(mask));
            Assert.Equal(System.Numerics.BitOperations.PopCount((uint)mask), StrobePlanner.CountBlocks(mask));
        }
        Assert.Equal(20, StrobePlanner.LowestBlock(1 << 20));
    }

    [Fact]
    public void Fixed_blocks_fire_all_six_in_turn()
    {
        var plan = new StrobePlan(384);
        StrobePlanner.PlanFixed(Line(0, 65, 383), 0, 384, 6, plan);
        Assert.Equal(6, plan.PassCount);
        Assert.Equal(new[] { 1, 1, 0, 0, 0, 1 }, plan.Dots.Take(6).ToArray());
        Assert.Equal(1 << 5, plan.BlockMask[5]);
    }

    [Fact]
    public void The_byte_at_a_time_planner_cuts_the_same_passes_as_a_dot_by_dot_one()
    {
        ulong seed = 91;
        var random = new SimRandom(seed).Fork("planner-reference");
        var plan = new StrobePlan(384);
        var reference = new StrobePlan(384);
        for (int round = 0; round < 3000; round++)
        {
            var line = RandomLine(random);
            int max = 1 + random.Next(130);
            StrobePlanner.PlanDynamic(line, 0, 384, 64, max, plan, keepBoundaries: false);
            DotByDot(line, 64, max, reference);
            string why = $"seed={seed} round={round}";
            AssertSamePasses(reference, plan, why);
            // Byte work, not dot work: each byte read once to count the line, once more when it needs new
            // passes cut (a byte two passes share is read by both), plus the dots of the bytes where passes end.
            Assert.True(plan.ByteSteps <= (plan.PassCount > 1 ? 2 * 48 + plan.PassCount - 1 : 48), why + $": {plan.ByteSteps} byte steps");
            Assert.True(plan.DotSteps <= 8 * plan.PassCount, why + $": {plan.DotSteps} dot steps");
        }
    }

    [Fact]
    public void When_kept_passes_no_longer_fit_new_ones_are_cut_as_a_fresh_plan_would_with_one_walk_over_the_bytes()
    {
        ulong seed = 92;
        var random = new SimRandom(seed).Fork("planner-kept");
        var plan = new StrobePlan(384);
        var reference = new StrobePlan(384);
        int recut = 0;
        for (int round = 0; round < 3000; round++)
        {
            var line = RandomLine(random);
            int max = 1 + random.Next(130);
            // The plan of the line before is kept in `plan` (keepBoundaries): count lines where it no longer fits.
            int keptPasses = plan.PassCount;
            var keptEnds = Enumerable.Range(0, keptPasses).Select(k => plan.EndDot[k]).ToArray();
            StrobePlanner.PlanDynamic(line, 0, 384, 64, max, plan, keepBoundaries: true);
            bool kept = plan.PassCount == keptPasses && keptPasses > 1 && Enumerable.Range(0, keptPasses).All(k => plan.EndDot[k] == keptEnds[k]);
            if (kept || keptPasses <= 1)
            {
                continue;
            }
            recut++;
            DotByDot(line, 64, max, reference);
            string why = $"seed={seed} round={round}";
            AssertSamePasses(reference, plan, why);
            // One walk over the 48 bytes counts the kept passes and the blocks (a byte two kept passes share is
            // read by both); cutting new passes then reads a block's count for each whole block and bytes only
            // in the block where a pass ends (the bytes of that block, and those from where the pass started
            // to its block's edge). Walking the bytes again would take 48 more.
            Assert.True(plan.ByteSteps <= 48 + (keptPasses - 1) + plan.PassCount * (6 + 2 * 8), why + $": {plan.ByteSteps} byte steps for {plan.PassCount} passes, {keptPasses} kept");
        }
        Assert.True(recut > 100, $"only {recut} lines cut new passes");
    }

    [Fact]
    public void A_plan_kept_for_a_repeated_line_is_the_plan_a_fresh_planning_gives()
    {
        ulong seed = 93;
        var random = new SimRandom(seed).Fork("planner-repeated");
        var kept = new StrobePlan(384);
        var fresh = new StrobePlan(384);
        // The caller's buffer, rewritten in place between lines as the firmware's line buffer is.
        var buffer = new byte[2 + 48];
        var previous = new byte[48];
        int max = 96;
        bool keep = true;
        bool align = true;
        int repeats = 0;
        for (int round = 0; round < 6000; round++)
        {
            string why = $"seed={seed} round={round}";
            double draw = random.NextDouble();
            if (draw < 0.55)
            {
                Array.Copy(previous, 0, buffer, 2, 48);
                repeats++;
            }
            else if (draw < 0.7)
            {
                // One byte changed, or one dot: the comparison must not stop early.
                Array.Copy(previous, 0, buffer, 2, 48);
                int b = random.Next(48);
                buffer[2 + b] ^= (byte)(1 << random.Next(8));
            }
            else
            {
                Array.Copy(RandomLine(random), 0, buffer, 2, 48);
            }
            if (random.Chance(0.03))
            {
                max = 1 + random.Next(130);
            }
            if (random.Chance(0.03))
            {
                keep = !keep;
            }
            if (random.Chance(0.03))
            {
                align = !align;
            }
            StrobePlanner.PlanDynamicUnlessRepeated(buffer, 2, 384, 64, max, kept, keep, align);
            StrobePlanner.PlanDynamic(buffer, 2, 384, 64, max, fresh, keep, align);
            AssertSamePlan(fresh, kept, why);
            Array.Copy(buffer, 2, previous, 0, 48);
            // The caller may scribble over its buffer once the call returns: the plan keeps its own copy.
            Array.Clear(buffer);
        }
        Assert.True(repeats > 3000, $"seed={seed}: only {repeats} repeated lines");
    }

    [Fact]
    public void A_fixed_plan_in_between_makes_the_next_repeated_line_plan_afresh()
    {
        var line = Line(1, 2, 3, 100, 200, 300);
        var plan = new StrobePlan(384);
        var fresh = new StrobePlan(384);
        StrobePlanner.PlanDynamicUnlessRepeated(line, 0, 384, 64, 96, plan, true, true);
        StrobePlanner.PlanFixed(line, 0, 384, 6, plan);
        StrobePlanner.PlanDynamicUnlessRepeated(line, 0, 384, 64, 96, plan, true, true);
        StrobePlanner.PlanFixed(line, 0, 384, 6, fresh);
        StrobePlanner.PlanDynamic(line, 0, 384, 64, 96, fresh, true, true);
        AssertSamePlan(fresh, plan, "after a fixed plan");
        Assert.Equal(1, plan.PassCount);
    }

    /// <summary>Asserts two plans are the same in every field the driver reads, the steps charged included.</summary>
    private static void AssertSamePlan(StrobePlan expected, StrobePlan plan, string why)
    {
        AssertSamePasses(expected, plan, why);
        Assert.True(expected.BlackDots == plan.BlackDots, why + ": black dots");
        Assert.True(expected.ByteSteps == plan.ByteSteps && expected.DotSteps == plan.DotSteps,
            why + $": steps {plan.ByteSteps}/{plan.DotSteps}, a fresh planning {expected.ByteSteps}/{expected.DotSteps}");
        for (int blk = 0; blk < 6; blk++)
        {
            Assert.True(expected.BlockDots[blk] == plan.BlockDots[blk], why + $": block {blk} dots");
        }
    }

    /// <summary>A second implementation: the passes cut one dot at a time.</summary>
    /// <summary>Asserts two plans cut the same passes: ranges, dots, blocks and black extents.</summary>
    private static void AssertSamePasses(StrobePlan reference, StrobePlan plan, string why)
    {
        Assert.True(reference.PassCount == plan.PassCount, why);
        for (int k = 0; k < plan.PassCount; k++)
        {
            Assert.True(reference.FirstDot[k] == plan.FirstDot[k] && reference.EndDot[k] == plan.EndDot[k], why + $": pass {k} range");
            Assert.True(reference.Dots[k] == plan.Dots[k] && reference.BlockMask[k] == plan.BlockMask[k], why + $": pass {k} dots or blocks");
            Assert.True(reference.FirstBlack[k] == plan.FirstBlack[k] && reference.EndBlack[k] == plan.EndBlack[k], why + $": pass {k} black extent");
        }
    }

    private static void DotByDot(byte[] line, int dotsPerBlock, int maxDots, StrobePlan plan)
    {
        int black = StrobePlanner.CountBlack(line, 0, 48);
        int passes = (black + maxDots - 1) / maxDots;
        plan.PassCount = passes;
        int dot = 0;
        for (int k = 0; k < passes; k++)
        {
            int want = black / passes + (k < black % passes ? 1 : 0);
            int first = dot;
            int got = 0;
            int mask = 0;
            int firstBlack = -1;
            int lastBlack = -1;
            while (dot < 384 && got < want)
            {
                if (StrobePlanner.IsBlack(line, 0, dot))
                {
                    got++;
                    mask |= 1 << (dot / dotsPerBlock);
                    firstBlack = firstBlack < 0 ? dot : firstBlack;
                    lastBlack = dot;
                }
                dot++;
            }
            if (k == passes - 1)
            {
                dot = 384;
            }
            plan.FirstDot[k] = first;
            plan.EndDot[k] = dot;
            plan.Dots[k] = got;
            plan.BlockMask[k] = mask;
            plan.FirstBlack[k] = firstBlack;
            plan.EndBlack[k] = lastBlack + 1;
        }
    }
}
