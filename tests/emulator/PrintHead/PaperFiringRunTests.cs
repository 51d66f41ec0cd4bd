using PosFirmware.Emulator.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// <see cref="PaperModel.FireAndMark"/> works most dots out in a loop of its own and leaves the others (a
/// decay factor not yet worked out, a grey or smearing dot, a row not yet made, a firing that starts before
/// a dot's last one ended) to a second path: every mix of the two must leave, to the bit, what one dot at a
/// time leaves (<see cref="PaperModel.Fire(int, long, long, double, double)"/> and <see cref="PaperStrip.Mark(int, int, double, double, double)"/>).
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
}
