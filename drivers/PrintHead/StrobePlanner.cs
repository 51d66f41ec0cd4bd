namespace PosFirmware.PrintHead
{
    /// <summary>
    /// Splits a dot line into strobe passes. Dynamic: the fewest passes the current cap allows,
    /// ceil(black / max), balanced to within one dot, each a contiguous run of the line; a white line has no
    /// pass, so white costs nothing (the dynamic division of the APS/Fujitsu manuals, docs/print-head.md, heating in blocks).
    /// Fixed: every strobe block in turn, as the datasheets' fixed division (the baseline).
    /// </summary>
    public static class StrobePlanner
    {
        private static readonly byte[] BitCounts = MakeBitCounts();

        /// <summary>Black dots in count bytes from offset.</summary>
        public static int CountBlack(byte[] line, int offset, int count)
        {
            int black = 0;
            for (int i = 0; i < count; i++)
            {
                black += BitCounts[line[offset + i]];
            }
            return black;
        }

        /// <summary>True when dot (0-based, MSB of byte 0 first) is black.</summary>
        public static bool IsBlack(byte[] line, int offset, int dot)
        {
            return (line[offset + (dot >> 3)] & (0x80 >> (dot & 7))) != 0;
        }

        /// <summary>
        /// Plans the fewest passes of at most maxDots black dots each. With keepBoundaries, the plan's previous
        /// pass boundaries are kept when they give the same number of passes and still respect the cap: each
        /// dot then keeps its place in the firing order, so a dot fired late last time is not fired first
        /// this time and gets the whole period to rest. Otherwise the passes are balanced to within one dot.
        /// </summary>
        public static void PlanDynamic(byte[] line, int offset, int dotsPerLine, int dotsPerBlock, int maxDots, StrobePlan plan, bool keepBoundaries)
        {
            int black = CountBlack(line, offset, dotsPerLine / 8);
            int passes = (black + maxDots - 1) / maxDots;
            plan.BlackDots = black;
            if (keepBoundaries && passes > 1 && plan.PassCount == passes && Recount(line, offset, dotsPerBlock, maxDots, plan))
            {
                return;
            }
            plan.PassCount = 0;
            if (black == 0)
            {
                return;
            }
            int baseSize = black / passes;
            int larger = black % passes;
            int dot = 0;
            for (int k = 0; k < passes; k++)
            {
                int want = baseSize + (k < larger ? 1 : 0);
                int first = dot;
                int got = 0;
                int mask = 0;
                while (dot < dotsPerLine && got < want)
                {
                    if (IsBlack(line, offset, dot))
                    {
                        got++;
                        mask |= 1 << (dot / dotsPerBlock);
                    }
                    dot++;
                }
                if (k == passes - 1)
                {
                    dot = dotsPerLine;
                }
                plan.FirstDot[k] = first;
                plan.EndDot[k] = dot;
                plan.Dots[k] = got;
                plan.BlockMask[k] = mask;
            }
            plan.PassCount = passes;
        }

        private static bool Recount(byte[] line, int offset, int dotsPerBlock, int maxDots, StrobePlan plan)
        {
            for (int k = 0; k < plan.PassCount; k++)
            {
                int got = 0;
                for (int dot = plan.FirstDot[k]; dot < plan.EndDot[k]; dot++)
                {
                    if (IsBlack(line, offset, dot))
                    {
                        got++;
                    }
                }
                if (got == 0 || got > maxDots)
                {
                    return false;
                }
            }
            for (int k = 0; k < plan.PassCount; k++)
            {
                int got = 0;
                int mask = 0;
                for (int dot = plan.FirstDot[k]; dot < plan.EndDot[k]; dot++)
                {
                    if (IsBlack(line, offset, dot))
                    {
                        got++;
                        mask |= 1 << (dot / dotsPerBlock);
                    }
                }
                plan.Dots[k] = got;
                plan.BlockMask[k] = mask;
            }
            return true;
        }

        /// <summary>Plans one pass per strobe block, white blocks included (the fixed-block baseline).</summary>
        public static void PlanFixed(byte[] line, int offset, int dotsPerLine, int blocks, StrobePlan plan)
        {
            int dotsPerBlock = dotsPerLine / blocks;
            plan.BlackDots = CountBlack(line, offset, dotsPerLine / 8);
            for (int k = 0; k < blocks; k++)
            {
                plan.FirstDot[k] = k * dotsPerBlock;
                plan.EndDot[k] = (k + 1) * dotsPerBlock;
                plan.Dots[k] = CountBlack(line, offset + k * dotsPerBlock / 8, dotsPerBlock / 8);
                plan.BlockMask[k] = 1 << k;
            }
            plan.PassCount = blocks;
        }

        private static byte[] MakeBitCounts()
        {
            byte[] counts = new byte[256];
            for (int i = 0; i < 256; i++)
            {
                int n = 0;
                for (int b = i; b != 0; b >>= 1)
                {
                    n += b & 1;
                }
                counts[i] = (byte)n;
            }
            return counts;
        }
    }
}
