namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// The mask penalty of ISO/IEC 18004:2015 §7.8.3.1 over a size-by-size symbol (bit 0 of each module dark):
    /// N1 runs of five or more, N2 2x2 blocks, N3 finder-like 1011101 with four light modules on one side,
    /// N4 dark share. Runs are counted as they grow (a run of five scores 3, each module more 1), so a
    /// change of colour costs no branch; the encoder scores eight masks a symbol with it.
    /// </summary>
    public static class QrPenalty
    {
        // The last 11 modules of a line, newest in bit 0: 0000 1011101 (light side first) or 1011101 0000.
        private const int FinderLightFirst = 0x05D;
        private const int FinderLightLast = 0x5D0;
        private const int WindowMask = 0x7FF;

        /// <summary>N1 + N2 + N3 + N4 of the symbol.</summary>
        public static int Score(byte[] modules, int size)
        {
            int penalty = 0;
            for (int line = 0; line < size; line++)
            {
                penalty += Line(modules, line * size, 1, size) + Line(modules, line, size, size);
            }
            return penalty + Blocks(modules, size) + Balance(modules, size);
        }

        // N1 and N3 along one row (step 1) or column (step size).
        private static int Line(byte[] modules, int at, int step, int size)
        {
            int penalty = 0;
            int previous = modules[at] & 1;
            int run = 1;
            int window = previous;
            at += step;
            for (int i = 1; i < size; i++, at += step)
            {
                int c = modules[at] & 1;
                // Same colour: the run grows (-1 keeps it whole); a change starts a new one (0 clears it).
                int same = 1 ^ c ^ previous;
                run = (run & -same) + 1;
                previous = c;
                penalty += ((4 - run) >> 31) & (run == 5 ? 3 : 1);
                window = ((window << 1) | c) & WindowMask;
                if (i >= 10 && (window == FinderLightFirst || window == FinderLightLast))
                {
                    penalty += 40;
                }
            }
            return penalty;
        }

        // N2: 3 for each 2x2 block of one colour, blocks overlapping.
        private static int Blocks(byte[] modules, int size)
        {
            int blocks = 0;
            for (int y = 0; y + 1 < size; y++)
            {
                int at = y * size;
                int left = modules[at] ^ modules[at + size];
                int leftTop = modules[at];
                for (int x = 1; x < size; x++)
                {
                    int top = modules[at + x];
                    int right = top ^ modules[at + x + size];
                    // One colour: the two columns each of one colour, and the tops alike.
                    blocks += ~(left | right | (top ^ leftTop)) & 1;
                    left = right;
                    leftTop = top;
                }
            }
            return 3 * blocks;
        }

        // N4: 10 points for each full 5 % the dark share is away from 50 %.
        private static int Balance(byte[] modules, int size)
        {
            int dark = 0;
            int total = size * size;
            for (int i = 0; i < total; i++)
            {
                dark += modules[i] & 1;
            }
            int deviation = dark * 20 - total * 10;
            if (deviation < 0)
            {
                deviation = -deviation;
            }
            int steps = (deviation + total - 1) / total - 1;
            return steps < 0 ? 0 : steps * 10;
        }
    }
}
