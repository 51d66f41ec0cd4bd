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
            // All light data modules: the mask's words turn dark exactly the modules it inverts.
            var packed = Pack(new byte[size * size], size);
            QrMaskPattern.Change(packed.Dark, packed.Function, size, packed.Words, QrMaskPattern.None, mask);
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    Assert.True(QrMaskPattern.Formula(mask, x, y) == packed.IsDark(x, y), $"mask {mask} at ({x}, {y})");
                }
            }
            Assert.True(packed.PastEndClear(), $"mask {mask} left the bits past the rows' end clear");
        }
    }

    [Fact]
    public void Changing_masks_flips_data_modules_only_and_comes_back()
    {
        foreach (int size in new[] { 57, 129 })
        {
            var random = new Random(7);
            var modules = new byte[size * size];
            for (int i = 0; i < modules.Length; i++)
            {
                modules[i] = (byte)random.Next(4);
            }
            var packed = Pack(modules, size);
            var original = (ulong[])packed.Dark.Clone();
            QrMaskPattern.Change(packed.Dark, packed.Function, size, packed.Words, QrMaskPattern.None, 3);
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    int at = y * size + x;
                    bool function = (modules[at] & 2) != 0;
                    bool dark = (modules[at] & 1) != 0;
                    bool expected = function || !QrMaskPattern.Formula(3, x, y) ? dark : !dark;
                    Assert.True(expected == packed.IsDark(x, y), $"size {size} at ({x}, {y})");
                }
            }
            QrMaskPattern.Change(packed.Dark, packed.Function, size, packed.Words, 3, 6);
            QrMaskPattern.Change(packed.Dark, packed.Function, size, packed.Words, 6, QrMaskPattern.None);
            Assert.Equal(original, packed.Dark);
        }
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
            var packed = Pack(modules, size);
            int fast = QrPenalty.Score(packed.Dark, size, packed.Words);
            Assert.True(PlainPenalty(modules, size) == fast, $"seed {seed}, size {size}: plain {PlainPenalty(modules, size)}, fast {fast}");
        }
    }

    [Fact]
    public void Penalty_of_every_mask_agrees_with_the_plain_rules_on_the_masked_modules()
    {
        for (int seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            int size = 4 * random.Next(1, 41) + 17;
            var modules = new byte[size * size];
            for (int i = 0; i < modules.Length; i++)
            {
                modules[i] = (byte)(random.Next(2) | (random.Next(5) == 0 ? 2 : 0));
            }
            var packed = Pack(modules, size);
            for (int mask = 0; mask < 8; mask++)
            {
                QrMaskPattern.Change(packed.Dark, packed.Function, size, packed.Words, mask == 0 ? QrMaskPattern.None : mask - 1, mask);
                var masked = new byte[modules.Length];
                for (int y = 0; y < size; y++)
                {
                    for (int x = 0; x < size; x++)
                    {
                        int m = modules[y * size + x];
                        bool flip = (m & 2) == 0 && QrMaskPattern.Formula(mask, x, y);
                        masked[y * size + x] = (byte)(flip ? m ^ 1 : m);
                    }
                }
                int fast = QrPenalty.Score(packed.Dark, size, packed.Words);
                Assert.True(PlainPenalty(masked, size) == fast, $"seed {seed}, size {size}, mask {mask}: plain {PlainPenalty(masked, size)}, fast {fast}");
            }
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
        int chequer = QrPenalty.Score(Pack(modules, size).Dark, size, 1);
        Assert.Equal(PlainPenalty(modules, size), chequer);
        // ...and 0000 1011101 written into row 0 and column 20 adds finder-like patterns and runs.
        int[] finder = { 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1 };
        for (int i = 0; i < finder.Length; i++)
        {
            modules[i] = (byte)finder[i];
            modules[(i + 5) * size + 20] = (byte)finder[i];
        }
        int score = QrPenalty.Score(Pack(modules, size).Dark, size, 1);
        Assert.True(score >= chequer + 80);
        Assert.Equal(PlainPenalty(modules, size), score);
    }

    /// <summary>Modules packed as the encoder keeps them: rows of 64-bit words, function bits past each row's end.</summary>
    private sealed class Packed
    {
        public required ulong[] Dark;
        public required ulong[] Function;
        public int Words;
        public int Size;

        public bool IsDark(int x, int y) => ((Dark[y * Words + (x >> 6)] >> (x & 63)) & 1) != 0;

        public bool PastEndClear()
        {
            for (int y = 0; y < Size; y++)
            {
                for (int x = Size; x < Words * 64; x++)
                {
                    if (IsDark(x, y))
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private static Packed Pack(byte[] modules, int size)
    {
        int words = (size + 63) / 64;
        var packed = new Packed { Dark = new ulong[size * words], Function = new ulong[size * words], Words = words, Size = size };
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < words * 64; x++)
            {
                int at = y * words + x / 64;
                ulong bit = 1UL << (x % 64);
                if (x >= size || (modules[y * size + x] & 2) != 0)
                {
                    packed.Function[at] |= bit;
                }
                if (x < size && (modules[y * size + x] & 1) != 0)
                {
                    packed.Dark[at] |= bit;
                }
            }
        }
        return packed;
    }

    private static bool DarkAt(byte[] modules, int size, int x, int y) => (modules[y * size + x] & 1) != 0;

    /// <summary>The penalty by the rules as written (bit 0 of each module dark), for the encoder's tests too.</summary>
    internal static int PlainPenalty(byte[] modules, int size)
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
