namespace PosFirmware.PrintHead
{
    /// <summary>
    /// How one dot line is fired: a list of passes, each a range of dots [FirstDot, EndDot) whose black dots
    /// are energised together, the strobe blocks it needs, and its black-dot count. Preallocated for the
    /// worst case (one pass per dot) so planning a line allocates nothing.
    /// </summary>
    public class StrobePlan
    {
        /// <summary>Passes planned for the current line.</summary>
        public int PassCount;

        /// <summary>Black dots in the line.</summary>
        public int BlackDots;

        /// <summary>First dot of each pass.</summary>
        public readonly int[] FirstDot;

        /// <summary>One past the last dot of each pass.</summary>
        public readonly int[] EndDot;

        /// <summary>Black dots of each pass.</summary>
        public readonly int[] Dots;

        /// <summary>Strobe blocks each pass fires, as a bit mask (block k = bit k).</summary>
        public readonly int[] BlockMask;

        /// <summary>The first black dot of each pass (its FirstDot when it has none).</summary>
        public readonly int[] FirstBlack;

        /// <summary>One past the last black dot of each pass (its FirstDot when it has none).</summary>
        public readonly int[] EndBlack;

        /// <summary>Black dots in each strobe block of the line (filled when passes are cut on block edges).</summary>
        public readonly int[] BlockDots;

        /// <summary>The first black dot of each block (filled with BlockDots).</summary>
        public readonly int[] BlockFirstBlack;

        /// <summary>One past the last black dot of each block (filled with BlockDots).</summary>
        public readonly int[] BlockEndBlack;

        /// <summary>Byte-loop iterations the last planning took (what the device CPU's cost model charges).</summary>
        public int ByteSteps;

        /// <summary>Dot-loop iterations the last planning took.</summary>
        public int DotSteps;

        /// <summary>
        /// The line this plan was last made from by StrobePlanner.PlanDynamicUnlessRepeated (its bytes, copied:
        /// the caller's buffer may change), valid while Repeatable is set.
        /// </summary>
        internal readonly byte[] PlannedLine;

        /// <summary>
        /// True when planning PlannedLine again with the same settings would give this plan again, byte and dot
        /// steps included: the planning kept its boundaries, or made a plan the next call does not keep.
        /// </summary>
        internal bool Repeatable;

        // The settings the plan was made with, compared before it is kept for a repeated line.
        internal int PlannedDotsPerLine;
        internal int PlannedDotsPerBlock;
        internal int PlannedMaxDots;
        internal bool PlannedKeepBoundaries;
        internal bool PlannedAlignToBlocks;

        /// <summary>Creates a plan sized for a line of dotsPerLine dots.</summary>
        public StrobePlan(int dotsPerLine)
        {
            PlannedLine = new byte[(dotsPerLine + 7) / 8];
            FirstDot = new int[dotsPerLine];
            EndDot = new int[dotsPerLine];
            Dots = new int[dotsPerLine];
            BlockMask = new int[dotsPerLine];
            FirstBlack = new int[dotsPerLine];
            EndBlack = new int[dotsPerLine];
            // Blocks are whole bytes: at most one per byte.
            BlockDots = new int[dotsPerLine / 8];
            BlockFirstBlack = new int[dotsPerLine / 8];
            BlockEndBlack = new int[dotsPerLine / 8];
        }

        /// <summary>The most dots any pass holds.</summary>
        public int MaxDotsInAPass()
        {
            int max = 0;
            for (int i = 0; i < PassCount; i++)
            {
                if (Dots[i] > max)
                {
                    max = Dots[i];
                }
            }
            return max;
        }
    }
}
