using PosFirmware.Emulator.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The head model ends the dots of one firing together; each batch form must give, to the bit, what the
/// one-dot form gives dot by dot, with histories that differ from dot to dot.
/// </summary>
public class FiringBatchTests
{
    [Fact]
    public void Energy_added_for_many_firings_at_once_sums_as_one_by_one()
    {
        var one = new EnergyStats();
        var many = new EnergyStats();
        var random = new Random(3);
        for (int firing = 0; firing < 200; firing++)
        {
            double delivered = 100 + random.NextDouble() * 50;
            double asked = 110 + random.NextDouble() * 30;
            int dots = random.Next(0, 40);
            for (int i = 0; i < dots; i++)
            {
                one.Add(firing, delivered, asked);
            }
            many.Add(firing, delivered, asked, dots);
        }
        Assert.Equal(one.Firings, many.Firings);
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.DeliveredJoules), BitConverter.DoubleToInt64Bits(many.DeliveredJoules));
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.MeanDeviation), BitConverter.DoubleToInt64Bits(many.MeanDeviation));
        Assert.Equal(one.WorstSigned, many.WorstSigned);
        Assert.Equal(one.WorstAtNanos, many.WorstAtNanos);
    }

    [Fact]
    public void Ratios_added_as_a_run_give_the_same_mean_and_extremes()
    {
        var one = new RatioStats();
        var many = new RatioStats();
        var random = new Random(5);
        var values = new double[1000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble() * 2;
            one.Add(values[i]);
        }
        many.Add(values, 0, 400);
        many.Add(values, 400, 1000);
        Assert.Equal(one.Count, many.Count);
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.Mean), BitConverter.DoubleToInt64Bits(many.Mean));
        Assert.Equal(one.Min, many.Min);
        Assert.Equal(one.Max, many.Max);
    }

    [Fact]
    public void Dots_fired_together_get_the_paper_response_each_would_get_alone()
    {
        const int dots = 64;
        var one = new PaperModel(dots, 250, PaperSensitivity.Standard);
        var many = new PaperModel(dots, 250, PaperSensitivity.Standard);
        var random = new Random(9);
        var ratios = new double[dots];
        var list = new int[dots];
        long start = 0;
        for (int firing = 0; firing < 300; firing++)
        {
            // Runs of neighbours that fired together, and gaps, so histories repeat and differ.
            int count = 0;
            for (int d = 0; d < dots; d++)
            {
                if (random.Next(3) > 0 || (d > 0 && count > 0 && list[count - 1] == d - 1 && random.Next(4) > 0))
                {
                    list[count++] = d;
                }
            }
            start += 250_000 + random.Next(0, 3) * 125_000;
            long end = start + 400_000;
            double delivered = 80 + random.NextDouble() * 40;
            double celsius = 20 + random.NextDouble() * 30;
            many.Fire(list, 0, count, start, end, delivered, celsius, ratios);
            for (int i = 0; i < count; i++)
            {
                double alone = one.Fire(list[i], start, end, delivered, celsius);
                Assert.Equal(BitConverter.DoubleToInt64Bits(alone), BitConverter.DoubleToInt64Bits(ratios[i]));
            }
            start = end;
        }
    }

    [Fact]
    public void Marks_made_together_leave_the_same_paper_as_one_by_one()
    {
        var one = new PaperStrip(32);
        var many = new PaperStrip(32);
        var random = new Random(13);
        var list = new int[32];
        var darkness = new double[32];
        var overdrive = new double[32];
        for (int firing = 0; firing < 200; firing++)
        {
            int row = random.Next(-1, 40);
            int count = random.Next(0, 32);
            for (int i = 0; i < count; i++)
            {
                list[i] = random.Next(-2, 34);
                darkness[i] = random.NextDouble() * 1.2;
                overdrive[i] = random.NextDouble() - 0.7;
                one.Mark(row, list[i], darkness[i], 0.5, overdrive[i]);
            }
            many.Mark(row, list, darkness, overdrive, 0, count, 0.5);
        }
        Assert.Equal(one.Height, many.Height);
        Assert.Equal((one.Firings, one.Faded, one.Smears), (many.Firings, many.Faded, many.Smears));
        Assert.Equal(one.ToGray(), many.ToGray());
        for (int row = 0; row < one.Height; row++)
        {
            for (int dot = 0; dot < 32; dot++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits((float)one.DarknessAt(row, dot)), BitConverter.SingleToInt32Bits((float)many.DarknessAt(row, dot)));
            }
        }
    }
    [Fact]
    public void Dots_fired_and_marked_in_one_pass_leave_the_history_ratios_and_paper_of_the_two_passes()
    {
        // The strip narrower than the head and rows before the paper: dots it has no pixel for still fire.
        const int dots = 48;
        const int width = 40;
        var twoPass = new PaperModel(dots, 250, PaperSensitivity.Standard);
        var onePass = new PaperModel(dots, 250, PaperSensitivity.Standard);
        var twoPaper = new PaperStrip(width);
        var onePaper = new PaperStrip(width);
        var random = new Random(17);
        var list = new int[dots];
        var ratios = new double[dots];
        var darkness = new double[dots];
        var overdrive = new double[dots];
        var oneRatios = new double[dots];
        long start = 0;
        int smeared = 0;
        for (int firing = 0; firing < 400; firing++)
        {
            int count = 0;
            for (int d = 0; d < dots; d++)
            {
                if (random.Next(3) > 0)
                {
                    list[count++] = d;
                }
            }
            // Close firings and strong ones, so dots fade, mark fully and smear into the next row.
            start += 150_000 + random.Next(0, 4) * 125_000;
            long end = start + 400_000;
            double delivered = 40 + random.NextDouble() * 360;
            double celsius = 20 + random.NextDouble() * 40;
            int row = random.Next(-2, 30);
            // The two passes: the ratios, then darkness and overdrive from the paper's curve, then the marks.
            twoPass.Fire(list, 0, count, start, end, delivered, celsius, ratios);
            for (int i = 0; i < count; i++)
            {
                darkness[i] = PaperSensitivity.Standard.Darkness(ratios[i]);
                overdrive[i] = ratios[i] / PaperSensitivity.Standard.SmearRatio - 1.0;
            }
            twoPaper.Mark(row, list, darkness, overdrive, 0, count, 0.5);
            onePass.FireAndMark(list, 0, count, start, end, delivered, celsius, firing % 2 == 0 ? oneRatios : null, onePaper, row, 0.5);
            for (int i = 0; firing % 2 == 0 && i < count; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(ratios[i]), BitConverter.DoubleToInt64Bits(oneRatios[i]));
            }
            start = end;
            smeared = (int)twoPaper.Smears;
        }
        Assert.True(smeared > 0 && twoPaper.Faded > 0 && twoPaper.Faded < twoPaper.Firings, "the run must fade, mark and smear");
        Assert.Equal(twoPaper.Height, onePaper.Height);
        Assert.Equal((twoPaper.Firings, twoPaper.Faded, twoPaper.Smears), (onePaper.Firings, onePaper.Faded, onePaper.Smears));
        for (int row = 0; row < twoPaper.Height; row++)
        {
            for (int dot = 0; dot < width; dot++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits((float)twoPaper.DarknessAt(row, dot)), BitConverter.SingleToInt32Bits((float)onePaper.DarknessAt(row, dot)));
            }
        }
        // The histories left behind are the same: one more firing of every dot gives the same ratio.
        for (int d = 0; d < dots; d++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(twoPass.Fire(d, start + 300_000, start + 700_000, 100, 30)),
                BitConverter.DoubleToInt64Bits(onePass.Fire(d, start + 300_000, start + 700_000, 100, 30)));
        }
    }
}

