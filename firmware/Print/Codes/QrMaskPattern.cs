namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// The eight QR data masks (ISO/IEC 18004:2015 Table 10) as words over a row of modules packed in bits
    /// (module x of a row in bit x % 64 of word x / 64). Every mask repeats every 6 columns and 12 rows (x mod 2,
    /// x mod 3 and x / 3 mod 2 repeat every 6; y / 2 mod 2 every 4), so a row's words are a table lookup, and the
    /// encoder changes masks without division, one AND and one XOR a word, from one mask to the next.
    /// </summary>
    public static class QrMaskPattern
    {
        /// <summary>Stands for "no mask" as a from or to of Change.</summary>
        public const int None = 8;

        /// <summary>Most 64-bit words across a row: 177 modules, the largest symbol.</summary>
        public const int MaxWords = 3;

        private const int Columns = 6;
        private const int Rows = 12;

        // [(mask * Rows + y % Rows) * MaxWords + word]: bits set where the mask inverts; the ninth (None) is all 0.
        private static readonly ulong[] Inverts = Build();

        /// <summary>True if the mask (0..7) inverts the module at column x, row y, by the standard's formula.</summary>
        public static bool Formula(int mask, int x, int y)
        {
            switch (mask)
            {
                case 0: return (x + y) % 2 == 0;
                case 1: return y % 2 == 0;
                case 2: return x % 3 == 0;
                case 3: return (x + y) % 3 == 0;
                case 4: return (x / 3 + y / 2) % 2 == 0;
                case 5: return x * y % 2 + x * y % 3 == 0;
                case 6: return (x * y % 2 + x * y % 3) % 2 == 0;
                default: return ((x + y) % 2 + x * y % 3) % 2 == 0;
            }
        }

        /// <summary>
        /// Takes the size rows of dark modules (words a row, a set bit dark) from mask `from` to mask `to`
        /// (either may be None): each module flipped where exactly one of the two inverts, except where its bit
        /// in function is set (function modules, and the bits past the row's end).
        /// </summary>
        public static void Change(ulong[] dark, ulong[] function, int size, int words, int from, int to)
        {
            ulong[] inverts = Inverts;
            int phase = 0;
            int at = 0;
            for (int y = 0; y < size; y++)
            {
                int a = (from * Rows + phase) * MaxWords;
                int b = (to * Rows + phase) * MaxWords;
                for (int w = 0; w < words; w++, at++)
                {
                    dark[at] ^= (inverts[a + w] ^ inverts[b + w]) & ~function[at];
                }
                phase = phase == Rows - 1 ? 0 : phase + 1;
            }
        }

        // Each word is the mask's six-column pattern from the word's first column, doubled until it fills 64 bits.
        private static ulong[] Build()
        {
            var inverts = new ulong[(None + 1) * Rows * MaxWords];
            for (int mask = 0; mask < None; mask++)
            {
                for (int y = 0; y < Rows; y++)
                {
                    for (int w = 0; w < MaxWords; w++)
                    {
                        int first = (w << 6) % Columns;
                        ulong word = 0;
                        for (int k = 0; k < Columns; k++)
                        {
                            if (Formula(mask, first + k, y))
                            {
                                word |= 1UL << k;
                            }
                        }
                        for (int shift = Columns; shift < 64; shift <<= 1)
                        {
                            word |= word << shift;
                        }
                        inverts[(mask * Rows + y) * MaxWords + w] = word;
                    }
                }
            }
            return inverts;
        }
    }
}
