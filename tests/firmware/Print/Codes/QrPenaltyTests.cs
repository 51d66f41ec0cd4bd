using PosFirmware.Print.Codes;
using Xunit;

namespace PosFirmware.Tests.Firmware.Print.Codes;

/// <summary>
/// The encoder's mask table and penalty, against the standard's formulas written out plainly here
/// (module by module, a run scored when it ends) on random symbols of every size.
/// </summary>
public class QrPenaltyTests
{
    [Fact]
    public void Mask_table_agrees_with_the_formulas_over_the_largest_symbol()
    {
        const int size = 177;
        for (int mask = 0; mask < 8; mask++)
        {
            // All light data modules: the mask's table turns dark exactly the modules it inverts.
            var modules = new byte[size * size];
            QrMaskPattern.Change(modules, size, QrMaskPattern.None, mask);
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    Assert.True(QrMaskPattern.Formula(mask, x, y) == (modules[y * size + x] == 1), $"mask {mask} at ({x}, {y})");
                }
            }
        }
    }

    [Fact]
    public void Changing_masks_flips_data_modules_only_and_comes_back()
    {
        var random = new Random(7);
        const int size = 57;
        var modules = new byte[size * size];
        for (int i = 0; i < modules.Length; i++)
        {
            modules[i] = (byte)random.Next(4);
        }
        var original = (byte[])modules.Clone();
        QrMaskPattern.Change(modules, size, QrMaskPattern.None, 3);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int at = y * size + x;
                bool function = (original[at] & 2) != 0;
                int expected = function || !QrMaskPattern.Formula(3, x, y) ? original[at] : original[at] ^ 1;
                Assert.Equal(expected, modules[at]);
            }
        }
        QrMaskPattern.Change(modules, size, 3, 6);
        QrMaskPattern.Change(modules, size, 6, QrMaskPattern.None);
        Assert.Equal(original, modules);
    }

    [Fact]
    public void Penalty_agrees_with_the_plain_rules_on_random_symbols()
    {
        for (int seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            int size = 4 * random.Next(1, 41) + 17;
            var modules = new byte[size * size];
            // Runs of random length, so long runs, 2x2 blocks and finder-like patterns all occur; bit 1 is noise the rules ignore.
            int dark = 0;
            double stay = random.NextDouble();
            for (int i = 0; i < modules.Length; i++)
            {
                if (random.NextDouble() > stay)
                {
                    dark ^= 1;
                }
                modules[i] = (byte)(dark | (random.Next(2) << 1));
            }
            Assert.True(PlainPenalty(modules, size) == QrPenalty.Score(modules, size), $"seed {seed}, size {size}: plain {PlainPenalty(modules, size)}, fast {QrPenalty.Score(modules, size)}");
        }
    }

    [Fact]
    public void Penalty_counts_a_finder_like_row_and_a_long_run()
    {
        const int size = 21;
        var modules = new byte[size * size];
        // Alternating rows of stripes score nothing for runs across...
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                modules[y * size + x] = (byte)((x + y) & 1);
            }
        }
        int chequer = QrPenalty.Score(modules, size);
        Assert.Equal(PlainPenalty(modules, size), chequer);
        // ...and 0000 1011101 written into row 0 adds finder-like patterns and runs.
        int[] finder = { 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1 };
        for (int x = 0; x < finder.Length; x++)
        {
            modules[x] = (byte)finder[x];
        }
        Assert.True(QrPenalty.Score(modules, size) >= chequer + 40);
        Assert.Equal(PlainPenalty(modules, size), QrPenalty.Score(modules, size));
    }

    private static bool DarkAt(byte[] modules, int size, int x, int y) => (modules[y * size + x] & 1) != 0;

    private static int PlainPenalty(byte[] modules, int size)
    {
        int penalty = 0;
        for (int line = 0; line < size; line++)
        {
            foreach (bool row in new[] { true, false })
            {
                int run = 0;
                bool colour = false;
                var seen = new List<bool>();
                for (int i = 0; i < size; i++)
                {
                    bool c = row ? DarkAt(modules, size, i, line) : DarkAt(modules, size, line, i);
                    if (i > 0 && c == colour)
                    {
                        run++;
                    }
                    else
                    {
                        penalty += run >= 5 ? 3 + (run - 5) : 0;
                        colour = c;
                        run = 1;
                    }
                    seen.Add(c);
                    if (i >= 10)
                    {
                        string last = string.Concat(seen.GetRange(i - 10, 11).Select(d => d ? '1' : '0'));
                        if (last == "00001011101" || last == "10111010000")
                        {
                            penalty += 40;
                        }
                    }
                }
                penalty += run >= 5 ? 3 + (run - 5) : 0;
            }
        }
        int dark = 0;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                dark += DarkAt(modules, size, x, y) ? 1 : 0;
                if (x + 1 < size && y + 1 < size)
                {
                    bool c = DarkAt(modules, size, x, y);
                    if (c == DarkAt(modules, size, x + 1, y) && c == DarkAt(modules, size, x, y + 1) && c == DarkAt(modules, size, x + 1, y + 1))
                    {
                        penalty += 3;
                    }
                }
            }
        }
        // N4: 10 points for each whole 5 % step the dark share is away from 50 % past the first
        // (|share - 50 %| / 5 % rounded up, less one), in whole numbers: |20 dark - 10 total| / total.
        int total = size * size;
        int deviation = Math.Abs(20 * dark - 10 * total);
        int steps = deviation == 0 ? 0 : (deviation - 1) / total;
        return penalty + steps * 10;
    }
}
