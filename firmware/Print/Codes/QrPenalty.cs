namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// The mask penalty of ISO/IEC 18004:2015 §7.8.3.1 (N1 runs of five or more, N2 2x2 blocks, N3 finder-like
    /// 1011101 with four light modules on one side, N4 dark share) over a symbol packed in bits: size rows of
    /// `words` 64-bit words, module x of a row in bit x % 64 of word x / 64, a set bit dark, bits past the row's
    /// end clear. The rules are counted for 64 places at once: along a row, bit i of "the row shifted by k" is
    /// module i + k; down the columns, the rows y..y+10 are the modules below one another. "Modules i..i+4
    /// alike" or "1011101 starts at i" is then a few word operations and a bit count, with no branch per module.
    /// </summary>
    public static class QrPenalty
    {
        /// <summary>N1 + N2 + N3 + N4 of the symbol.</summary>
        public static int Score(ulong[] dark, int size, int words)
        {
            int penalty = 0;
            int darkModules = 0;
            for (int y = 0; y < size; y++)
            {
                penalty += Row(dark, y * words, words, size);
                for (int w = 0; w < words; w++)
                {
                    darkModules += BitCount(dark[y * words + w]);
                }
            }
            for (int w = 0; w < words; w++)
            {
                penalty += Columns(dark, w, words, size);
            }
            return penalty + Blocks(dark, size, words) + Balance(darkModules, size * size);
        }

        // N1 and N3 along one row.
        private static int Row(ulong[] dark, int start, int words, int size)
        {
            int penalty = 0;
            for (int w = 0; w < words; w++)
            {
                ulong c = dark[start + w];
                ulong n = w + 1 < words ? dark[start + w + 1] : 0UL;
                // Bit i of sK is module i + k of the row.
                ulong s1 = (c >> 1) | (n << 63);
                ulong s2 = (c >> 2) | (n << 62);
                ulong s3 = (c >> 3) | (n << 61);
                ulong s4 = (c >> 4) | (n << 60);
                ulong s5 = (c >> 5) | (n << 59);
                ulong five = ~(c ^ s1) & ~(s1 ^ s2) & ~(s2 ^ s3) & ~(s3 ^ s4) & Places(w, size, 5);
                ulong ends = five & ((s4 ^ s5) | LastPlace(w, size, 5));
                penalty += Runs(five, ends);
                ulong s6 = (c >> 6) | (n << 58);
                ulong s7 = (c >> 7) | (n << 57);
                ulong s8 = (c >> 8) | (n << 56);
                ulong s9 = (c >> 9) | (n << 55);
                ulong s10 = (c >> 10) | (n << 54);
                penalty += Finders(c, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, Places(w, size, 11));
            }
            return penalty;
        }

        // N1 and N3 down the 64 columns of word w of every row, the rows y..y+10 held as they slide down.
        private static int Columns(ulong[] dark, int w, int words, int size)
        {
            ulong columns = Places(w, size, 1);
            ulong r0 = dark[w];
            ulong r1 = dark[words + w];
            ulong r2 = dark[2 * words + w];
            ulong r3 = dark[3 * words + w];
            ulong r4 = dark[4 * words + w];
            ulong r5 = dark[5 * words + w];
            ulong r6 = dark[6 * words + w];
            ulong r7 = dark[7 * words + w];
            ulong r8 = dark[8 * words + w];
            ulong r9 = dark[9 * words + w];
            ulong r10 = dark[10 * words + w];
            int penalty = 0;
            for (int y = 0; y + 5 <= size; y++)
            {
                ulong five = ~(r0 ^ r1) & ~(r1 ^ r2) & ~(r2 ^ r3) & ~(r3 ^ r4) & columns;
                ulong ends = five & (y + 5 == size ? ulong.MaxValue : r4 ^ r5);
                penalty += Runs(five, ends);
                if (y + 11 <= size)
                {
                    penalty += Finders(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, columns);
                }
                r0 = r1;
                r1 = r2;
                r2 = r3;
                r3 = r4;
                r4 = r5;
                r5 = r6;
                r6 = r7;
                r7 = r8;
                r8 = r9;
                r9 = r10;
                r10 = y + 11 < size ? dark[(y + 11) * words + w] : 0UL;
            }
            return penalty;
        }

        // N1 from the places where five modules are alike: a run of L >= 5 holds L - 4 of them and scores
        // 3 + (L - 5) = (L - 4) + 2, so each place scores 1 and the place where the run ends 2 more.
        private static int Runs(ulong five, ulong ends)
        {
            return five == 0 ? 0 : BitCount(five) + 2 * BitCount(ends);
        }

        // N3 from eleven modules m0..m10 at each place: 0000 1011101 or 1011101 0000, 40 points each.
        private static int Finders(ulong m0, ulong m1, ulong m2, ulong m3, ulong m4, ulong m5, ulong m6, ulong m7, ulong m8, ulong m9, ulong m10, ulong places)
        {
            ulong lightFirst = ~(m0 | m1 | m2 | m3) & m4 & ~m5 & m6 & m7 & m8 & ~m9 & m10;
            ulong lightLast = m0 & ~m1 & m2 & m3 & m4 & ~m5 & m6 & ~(m7 | m8 | m9 | m10);
            ulong finders = (lightFirst | lightLast) & places;
            return finders == 0 ? 0 : 40 * BitCount(finders);
        }

        // N2: 3 for each 2x2 block of one colour, blocks overlapping.
        private static int Blocks(ulong[] dark, int size, int words)
        {
            int blocks = 0;
            for (int y = 0; y + 1 < size; y++)
            {
                int top = y * words;
                int bottom = top + words;
                for (int w = 0; w < words; w++)
                {
                    ulong t = dark[top + w];
                    ulong b = dark[bottom + w];
                    bool last = w + 1 == words;
                    ulong t1 = (t >> 1) | (last ? 0UL : dark[top + w + 1] << 63);
                    ulong b1 = (b >> 1) | (last ? 0UL : dark[bottom + w + 1] << 63);
                    // Column i alike top to bottom, column i + 1 alike, and the two tops alike.
                    blocks += BitCount(~(t ^ b) & ~(t1 ^ b1) & ~(t ^ t1) & Places(w, size, 2));
                }
            }
            return 3 * blocks;
        }

        // N4: 10 points for each full 5 % the dark share is away from 50 %.
        private static int Balance(int dark, int total)
        {
            int deviation = dark * 20 - total * 10;
            if (deviation < 0)
            {
                deviation = -deviation;
            }
            int steps = (deviation + total - 1) / total - 1;
            return steps < 0 ? 0 : steps * 10;
        }

        // Bits of word w for the places i where `length` modules from i fit in the line (i + length <= size).
        private static ulong Places(int w, int size, int length)
        {
            int places = size - length + 1 - (w << 6);
            if (places >= 64)
            {
                return ulong.MaxValue;
            }
            return places <= 0 ? 0UL : (1UL << places) - 1;
        }

        // The bit of word w for the line's last place i = size - length, if it lies in that word.
        private static ulong LastPlace(int w, int size, int length)
        {
            int last = size - length;
            return (last >> 6) == w ? 1UL << (last & 63) : 0UL;
        }

        private static int BitCount(ulong v)
        {
            v -= (v >> 1) & 0x5555555555555555UL;
            v = (v & 0x3333333333333333UL) + ((v >> 2) & 0x3333333333333333UL);
            v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0FUL;
            return (int)((v * 0x0101010101010101UL) >> 56);
        }
    }
}
