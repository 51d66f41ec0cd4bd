using PosFirmware.Emulator.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// <see cref="PaperModel.FireAndMark"/> works most dots out in a loop of its own and leaves the others (a
/// decay factor not yet worked out, a grey or smearing dot, a row not yet made, a firing that starts before
/// a dot's last one ended) to a second path: every mix of the two must leave, to the bit, what one dot at a
/// time leaves (<see cref="PaperModel.Fire(int, long, long, double, double, long)"/> and <see cref="PaperStrip.Mark(int, int, double, double, double)"/>).
/// </summary>
public class PaperFiringRunTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Dots_fired_together_leave_what_one_at_a_time_leaves(int seed)
    {
        const int dots = 96;
        const int width = 80;
        var curve = PaperSensitivity.Standard;
        var together = new PaperModel(dots, 250, curve);
        var alone = new PaperModel(dots, 250, curve);
        var togetherPaper = new PaperStrip(width);
        var alonePaper = new PaperStrip(width);
        var random = new Random(seed);
        var list = new int[dots];
        var ratios = new double[dots];
        long start = 1_000_000;
        for (int firing = 0; firing < 600; firing++)
        {
            // Runs of neighbours (shared histories) and lone dots, in dot order as the head lists them; now and
            // then only dots past the strip's edge, or none (no row is made for them).
            int count = 0;
            int kind = random.Next(5);
            for (int d = 0; d < dots; d++)
            {
                bool fires = kind switch
                {
                    0 => random.Next(4) > 0,
                    1 => (d / 8) % 2 == firing % 2,
                    2 => random.Next(5) == 0,
                    3 => d >= width && random.Next(2) == 0,
                    _ => false,
                };
                if (fires)
                {
                    list[count++] = d;
                }
            }
            // Gaps repeated and fresh (kept and new decay factors); now and then a start before the last end.
            start += random.Next(3) == 0 ? -200_000 : 150_000 + random.Next(0, 3) * 125_000 + random.Next(4) * random.Next(1000);
            long end = start + 300_000 + random.Next(0, 2) * 100_000;
            // Weak, proper and strong firings: grey, black and smearing dots.
            double delivered = random.Next(3) switch { 0 => 20 + random.NextDouble() * 60, 1 => 150 + random.NextDouble() * 80, _ => 300 + random.NextDouble() * 200 };
            double celsius = 20 + random.NextDouble() * 40;
            int row = random.Next(-2, 40) + firing / 10;
            double share = 0.5;
            together.FireAndMark(list, 0, count, start, end, delivered, celsius, firing % 3 == 0 ? null : ratios, togetherPaper, row, share);
            for (int i = 0; i < count; i++)
            {
                double ratio = alone.Fire(list[i], start, end, delivered, celsius);
                if (firing % 3 != 0)
                {
                    Assert.True(BitConverter.DoubleToInt64Bits(ratio) == BitConverter.DoubleToInt64Bits(ratios[i]),
                        $"seed {seed}, firing {firing}, dot {list[i]}: ratio {ratios[i]} against {ratio}");
                }
                alonePaper.Mark(row, list[i], curve.Darkness(ratio), share, ratio / curve.SmearRatio - 1.0);
            }
            start = end;
        }
        Assert.True(alonePaper.Smears > 0 && alonePaper.Faded > 0 && alonePaper.Faded < alonePaper.Firings, $"seed {seed}: the run must fade, mark and smear");
        Assert.Equal(alonePaper.Height, togetherPaper.Height);
        Assert.Equal((alonePaper.Firings, alonePaper.Faded, alonePaper.Smears), (togetherPaper.Firings, togetherPaper.Faded, togetherPaper.Smears));
        for (int row = 0; row < alonePaper.Height; row++)
        {
            for (int dot = 0; dot < width; dot++)
            {
                float a = (float)alonePaper.DarknessAt(row, dot);
                float t = (float)togetherPaper.DarknessAt(row, dot);
                Assert.True(BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(t), $"seed {seed}: row {row} dot {dot}: {t} against {a}");
            }
        }
        // The histories left behind are the same: one more firing of every dot gives the same ratio.
        for (int d = 0; d < dots; d++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(alone.Fire(d, start + 300_000, start + 700_000, 100, 30)),
                BitConverter.DoubleToInt64Bits(together.Fire(d, start + 300_000, start + 700_000, 100, 30)));
        }
    }

    /// <summary>
    /// The loop keeps a decay factor for the next dot that ended its last firing together with the dot before:
    /// neighbours that ended apart (here every other dot fired twice as often) must each take their own factor,
    /// once both factors are kept and the dots go through the loop.
    /// </summary>
    [Fact]
    public void Neighbours_that_ended_apart_each_decay_by_their_own_time()
    {
        const int dots = 8;
        var curve = PaperSensitivity.Standard;
        var together = new PaperModel(dots, 250, curve);
        var alone = new PaperModel(dots, 250, curve);
        var paper = new PaperStrip(dots);
        var everyDot = new[] { 0, 1, 2, 3, 4, 5, 6, 7 };
        var oddDots = new[] { 1, 3, 5, 7 };
        var ratios = new double[dots];
        const long period = 400_000;
        const long width = 250_000;
        bool apart = false;
        for (int firing = 0; firing < 12; firing++)
        {
            int[] list = firing % 2 == 0 ? everyDot : oddDots;
            long start = 1_000_000 + firing * period;
            // A proper firing: black, clear of smearing, so the dots stay in the loop.
            together.FireAndMark(list, 0, list.Length, start, start + width, 200, 30, ratios, paper, firing, 0.5);
            for (int i = 0; i < list.Length; i++)
            {
                double ratio = alone.Fire(list[i], start, start + width, 200, 30);
                Assert.True(BitConverter.DoubleToInt64Bits(ratio) == BitConverter.DoubleToInt64Bits(ratios[i]),
                    $"firing {firing}, dot {list[i]}: ratio {ratios[i]} against {ratio}");
            }
            apart |= list == everyDot && firing > 0 && ratios[0] != ratios[1];
        }
        Assert.True(apart, "even and odd dots must come out different after their different rests");
    }

    /// <summary>
    /// The factor kept for neighbours starts empty (keyed by long.MinValue): a dot whose last firing really ended
    /// then must not take the empty factor, but be worked out as one at a time works it out.
    /// </summary>
    [Fact]
    public void A_dot_that_ended_at_the_empty_key_is_still_worked_out()
    {
        var curve = PaperSensitivity.Standard;
        var together = new PaperModel(4, 250, curve);
        var alone = new PaperModel(4, 250, curve);
        // The dot that ended at long.MinValue first, where the loop starts with its key empty.
        var dots = new[] { 2, 0, 1, 3 };
        var ratios = new double[4];
        for (int d = 0; d < 4; d++)
        {
            together.Fire(d, long.MinValue, d == 2 ? long.MinValue : 500_000, 200, 30);
            alone.Fire(d, long.MinValue, d == 2 ? long.MinValue : 500_000, 200, 30);
        }
        // Without paper no dot waits for a row to be made: the first goes straight into the loop.
        together.Fire(dots, 0, 4, 900_000, 1_100_000, 200, 30, ratios);
        for (int i = 0; i < 4; i++)
        {
            double ratio = alone.Fire(dots[i], 900_000, 1_100_000, 200, 30);
            Assert.True(BitConverter.DoubleToInt64Bits(ratio) == BitConverter.DoubleToInt64Bits(ratios[i]), $"dot {i}: ratio {ratios[i]} against {ratio}");
        }
    }

    /// <summary>
    /// The loop reads the list, the row and the ratios without a check per dot, on ranges checked once as it
    /// starts: a range past the list is refused before any dot is touched, and a dot past the head (the latch's
    /// data) is still refused as its history is looked up.
    /// </summary>
    [Fact]
    public void A_range_past_the_list_or_a_dot_past_the_head_is_refused()
    {
        var curve = PaperSensitivity.Standard;
        var model = new PaperModel(8, 250, curve);
        var paper = new PaperStrip(8);
        var ratios = new double[8];
        // Every dot black and its decay kept (two firings in), so the loop takes the whole list.
        var all = new[] { 0, 1, 2, 3, 4, 5, 6, 7 };
        model.FireAndMark(all, 0, 8, 1_000_000, 1_300_000, 200, 30, ratios, paper, 0, 0.5);
        model.FireAndMark(all, 0, 8, 1_700_000, 2_000_000, 200, 30, ratios, paper, 1, 0.5);
        float before = (float)paper.DarknessAt(1, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.FireAndMark(all, 4, 9, 2_400_000, 2_700_000, 200, 30, null, paper, 1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.FireAndMark(all, 0, 8, 2_400_000, 2_700_000, 200, 30, new double[7], paper, 1, 0.5));
        Assert.Equal(before, (float)paper.DarknessAt(1, 0));
        Assert.Throws<IndexOutOfRangeException>(() => model.FireAndMark(new[] { 6, 7, 8 }, 0, 3, 2_400_000, 2_700_000, 200, 30, null, paper, 1, 0.5));
    }

    /// <summary>
    /// Long runs of black dots fired line after line (the loop's usual work, with and without the ratios kept,
    /// a row made or not yet) leave, to the bit, what one dot at a time leaves.
    /// </summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Long_black_runs_leave_what_one_at_a_time_leaves(int seed)
    {
        const int dots = 128;
        var curve = PaperSensitivity.Standard;
        var together = new PaperModel(dots, 250, curve);
        var alone = new PaperModel(dots, 250, curve);
        var togetherPaper = new PaperStrip(dots);
        var alonePaper = new PaperStrip(dots);
        var random = new Random(seed);
        var list = new int[dots];
        var ratios = new double[dots];
        long start = 1_000_000;
        for (int firing = 0; firing < 400; firing++)
        {
            int count = 0;
            int d = random.Next(8);
            while (d < dots)
            {
                int run = 1 + random.Next(40);
                for (int k = 0; k < run && d < dots; k++)
                {
                    list[count++] = d++;
                }
                d += 1 + random.Next(6);
            }
            start += 350_000 + random.Next(3) * 50_000;
            long end = start + 300_000;
            double delivered = 180 + random.NextDouble() * 40;
            double celsius = 25 + random.NextDouble() * 20;
            int row = firing / 2;
            bool keepRatios = random.Next(2) == 0;
            together.FireAndMark(list, 0, count, start, end, delivered, celsius, keepRatios ? ratios : null, togetherPaper, row, 0.5);
            for (int i = 0; i < count; i++)
            {
                double ratio = alone.Fire(list[i], start, end, delivered, celsius);
                Assert.True(!keepRatios || BitConverter.DoubleToInt64Bits(ratio) == BitConverter.DoubleToInt64Bits(ratios[i]),
                    $"seed {seed}, firing {firing}, dot {list[i]}: ratio {ratios[i]} against {ratio}");
                alonePaper.Mark(row, list[i], curve.Darkness(ratio), 0.5, ratio / curve.SmearRatio - 1.0);
            }
        }
        Assert.Equal((alonePaper.Firings, alonePaper.Faded, alonePaper.Smears), (togetherPaper.Firings, togetherPaper.Faded, togetherPaper.Smears));
        for (int row = 0; row < alonePaper.Height; row++)
        {
            for (int dot = 0; dot < dots; dot++)
            {
                Assert.True(BitConverter.SingleToInt32Bits((float)alonePaper.DarknessAt(row, dot)) == BitConverter.SingleToInt32Bits((float)togetherPaper.DarknessAt(row, dot)),
                    $"seed {seed}: row {row} dot {dot}");
            }
        }
        for (int d = 0; d < dots; d++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(alone.Fire(d, start + 900_000, start + 1_200_000, 100, 30))
                == BitConverter.DoubleToInt64Bits(together.Fire(d, start + 900_000, start + 1_200_000, 100, 30)), $"seed {seed}: dot {d}'s history");
        }
    }

    /// <summary>
    /// Each dot's history keeps its last firing's start and paper position beside its end (the head's same-dot
    /// rules read them from there): whichever path a dot took (the loop, or the full path for a new decay, a
    /// grey or smearing dot, a row not yet made, a start before the last end), they are the firing's.
    /// </summary>
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void A_dot_keeps_its_last_firings_start_and_position_whichever_path_it_took(int seed)
    {
        const int dots = 64;
        var curve = PaperSensitivity.Standard;
        var model = new PaperModel(dots, 250, curve);
        var paper = new PaperStrip(48);
        var random = new Random(seed);
        var list = new int[dots];
        var ratios = new double[dots];
        var start = new long[dots];
        var end = new long[dots];
        var position = new long[dots];
        Array.Fill(start, PaperModel.NoPosition);
        Array.Fill(end, PaperModel.NoPosition);
        Array.Fill(position, PaperModel.NoPosition);
        long now = 1_000_000;
        for (int firing = 0; firing < 500; firing++)
        {
            int count = 0;
            for (int d = 0; d < dots; d++)
            {
                if (random.Next(3) > 0)
                {
                    list[count++] = d;
                }
            }
            now += random.Next(4) == 0 ? -150_000 : 150_000 + random.Next(3) * 125_000;
            long stop = now + 300_000;
            long at = firing * 2 + random.Next(2);
            double delivered = random.Next(4) switch { 0 => 40, 1 => 400, _ => 180 + random.NextDouble() * 40 };
            switch (random.Next(3))
            {
                case 0:
                    model.Fire(list, 0, count, now, stop, delivered, 30, ratios, at);
                    break;
                default:
                    model.FireAndMark(list, 0, count, now, stop, delivered, 30, random.Next(2) == 0 ? null : ratios, paper, random.Next(-1, 3) + firing / 20, 0.5, at);
                    break;
            }
            for (int i = 0; i < count; i++)
            {
                start[list[i]] = now;
                end[list[i]] = stop;
                position[list[i]] = at;
            }
            for (int d = 0; d < dots; d++)
            {
                model.LastFiring(d, out long startNanos, out long endNanos, out long heatPosition);
                Assert.True((startNanos, endNanos, heatPosition) == (start[d], end[d], position[d]),
                    $"seed {seed}, firing {firing}, dot {d}: {startNanos}/{endNanos}/{heatPosition} against {start[d]}/{end[d]}/{position[d]}");
            }
            now = stop;
        }
    }

    /// <summary>
    /// A firing's first dot has its new decay time kept and its row made before the loop starts, as the full
    /// path would for it: a first dot off the row makes no row (the paper stays as long as one dot at a time
    /// leaves it), and a first dot on it makes the row the loop then marks.
    /// </summary>
    [Fact]
    public void The_first_dot_makes_its_row_only_when_it_is_on_the_row()
    {
        var curve = PaperSensitivity.Standard;
        var model = new PaperModel(16, 250, curve);
        var paper = new PaperStrip(8);
        var ratios = new double[16];
        // Dots past the strip's edge only: the row below is not made.
        model.FireAndMark(new[] { 9, 10, 11 }, 0, 3, 1_000_000, 1_300_000, 200, 30, ratios, paper, 4, 0.5);
        Assert.Equal(0, paper.Height);
        // A first dot on the strip: its row is made and every dot on the strip marked, after a fresh decay time.
        model.FireAndMark(new[] { 2, 3, 9 }, 0, 3, 1_700_000, 2_000_000, 200, 30, ratios, paper, 4, 0.5);
        Assert.Equal(5, paper.Height);
        Assert.Equal(0.5, paper.DarknessAt(4, 2));
        Assert.Equal(0.5, paper.DarknessAt(4, 3));
        Assert.Equal(0.0, paper.DarknessAt(4, 4));
        model.FireAndMark(new[] { 9, 2, 3 }, 0, 3, 2_400_000, 2_700_000, 200, 30, ratios, paper, 6, 0.5);
        Assert.Equal(7, paper.Height);
        Assert.Equal(0.5, paper.DarknessAt(6, 2));
    }

    /// <summary>
    /// The loop tells black and smearing dots by their climb against bounds worked out once, not by dividing
    /// each into a ratio: at the head temperatures where a dot turns from grey to black, and from clean to
    /// smearing (found here by bisection on what one dot at a time gives), the marks and counts must be those
    /// of one dot at a time, the last bit of the temperature either way.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dots_right_at_the_black_and_smear_edges_leave_what_one_at_a_time_leaves(bool smearEdge)
    {
        var curve = PaperSensitivity.Standard;
        const double delivered = 120;
        // Whether a dot fired alone at this head temperature is past the edge (black, or smearing).
        bool Past(double celsius)
        {
            double ratio = new PaperModel(1, 250, curve).Fire(0, 1_000_000, 1_300_000, delivered, celsius);
            return smearEdge ? ratio / curve.SmearRatio - 1.0 > 0 : curve.Darkness(ratio) >= 1;
        }
        double below = -200;
        double above = 400;
        Assert.True(!Past(below) && Past(above), "the edge must lie between the temperatures searched");
        while (Math.BitIncrement(below) < above)
        {
            double middle = below + (above - below) / 2;
            if (middle <= below || middle >= above)
            {
                middle = Math.BitIncrement(below);
            }
            if (Past(middle))
            {
                above = middle;
            }
            else
            {
                below = middle;
            }
        }
        double celsius = below;
        for (int i = 0; i < 4; i++)
        {
            celsius = Math.BitDecrement(celsius);
        }
        var dots = new[] { 0, 1, 2, 3 };
        for (int step = 0; step < 9; step++, celsius = Math.BitIncrement(celsius))
        {
            var together = new PaperModel(4, 250, curve);
            var alone = new PaperModel(4, 250, curve);
            var togetherPaper = new PaperStrip(4);
            var alonePaper = new PaperStrip(4);
            together.FireAndMark(dots, 0, dots.Length, 1_000_000, 1_300_000, delivered, celsius, null, togetherPaper, 0, 0.5);
            foreach (int dot in dots)
            {
                double ratio = alone.Fire(dot, 1_000_000, 1_300_000, delivered, celsius);
                alonePaper.Mark(0, dot, curve.Darkness(ratio), 0.5, ratio / curve.SmearRatio - 1.0);
            }
            Assert.Equal((alonePaper.Height, alonePaper.Firings, alonePaper.Faded, alonePaper.Smears),
                (togetherPaper.Height, togetherPaper.Firings, togetherPaper.Faded, togetherPaper.Smears));
            for (int row = 0; row < alonePaper.Height; row++)
            {
                foreach (int dot in dots)
                {
                    Assert.True(BitConverter.SingleToInt32Bits((float)alonePaper.DarknessAt(row, dot)) == BitConverter.SingleToInt32Bits((float)togetherPaper.DarknessAt(row, dot)),
                        $"{celsius:R} degC, row {row}, dot {dot}: {togetherPaper.DarknessAt(row, dot)} against {alonePaper.DarknessAt(row, dot)}");
                }
            }
        }
    }
}
