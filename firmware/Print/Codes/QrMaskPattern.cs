namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// The eight QR data masks (ISO/IEC 18004:2015 Table 10) as a table: every mask repeats every 6 columns
    /// and 12 rows (x mod 2, x mod 3 and x / 3 mod 2 repeat every 6; y / 2 mod 2 every 4), so the encoder
    /// changes masks by table lookups, without division, in one pass from one mask to the next.
    /// </summary>
    public static class QrMaskPattern
    {
        /// <summary>Stands for "no mask" as a from or to of Change.</summary>
        public const int None = 8;

        private const int Columns = 6;
        private const int Rows = 12;
        private const int PerMask = Columns * Rows;

        // [mask * PerMask + (y % Rows) * Columns + x % Columns] = 1 where the mask inverts; the ninth (None) is all 0.
        private static readonly byte[] Inverts = Build();

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
        /// Takes the size-by-size modules (bit 0 dark, bit 1 a function module the masks leave alone) from mask
        /// `from` to mask `to` (either may be None): one pass, each data module flipped where exactly one of the two inverts.
        /// </summary>
        public static void Change(byte[] modules, int size, int from, int to)
        {
            byte[] inverts = Inverts;
            int at = 0;
            for (int y = 0; y < size; y++)
            {
                int a = from * PerMask + (y % Rows) * Columns;
                int b = to * PerMask + (y % Rows) * Columns;
                int column = 0;
                for (int x = 0; x < size; x++, at++)
                {
                    int m = modules[at];
                    // A function module has bit 1 set: (m >> 1) & 1 turns the flip off for it.
                    modules[at] = (byte)(m ^ ((inverts[a + column] ^ inverts[b + column]) & ~(m >> 1) & 1));
                    column = column == Columns - 1 ? 0 : column + 1;
                }
            }
        }

        private static byte[] Build()
        {
            var inverts = new byte[(None + 1) * PerMask];
            for (int mask = 0; mask < None; mask++)
            {
                for (int y = 0; y < Rows; y++)
                {
                    for (int x = 0; x < Columns; x++)
                    {
                        inverts[mask * PerMask + y * Columns + x] = (byte)(Formula(mask, x, y) ? 1 : 0);
                    }
                }
            }
            return inverts;
        }
    }
}
