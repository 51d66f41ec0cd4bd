using System;

namespace PosFirmware.PrintHead
{
    /// <summary>
    /// Splits a dot line into strobe passes. Dynamic: the fewest passes the current cap allows,
    /// ceil(black / max), balanced to within one dot, each a contiguous run of the line; a white line has no
    /// pass, so white costs nothing (the dynamic division of the APS/Fujitsu manuals, docs/print-head.md, heating in blocks).
    /// Fixed: every strobe block in turn, as the datasheets' fixed division (the baseline).
    /// The work goes a byte at a time through lookup tables (black dots, first and last black dot of a byte):
    /// on the device each loop iteration is interpreted, so only the byte where a pass ends is walked dot by dot.
    /// </summary>
    public static class StrobePlanner
    {
        private static readonly byte[] BitCounts = MakeBitCounts();
        private static readonly byte[] FirstBit = MakeFirstBits();
        private static readonly byte[] LastBit = MakeLastBits();

        /// <summary>
        /// The lowest set bit of a non-zero block mask (block k = bit k), a byte at a time through a table: a
        /// byte's last black dot (0 = MSB) is its lowest set bit counted from the other end, so the dots' table
        /// serves without a second 256-byte one.
        /// </summary>
        public static int LowestBlock(int mask)
        {
            int shift = 0;
            while ((mask & 0xFF) == 0)
            {
                mask >>= 8;
                shift += 8;
            }
            return shift + 7 - LastBit[mask & 0xFF];
        }

        /// <summary>Set bits in a block mask, a byte at a time through a table.</summary>
        public static int CountBlocks(int mask)
        {
            int n = 0;
            for (int m = mask; m != 0; m = (int)((uint)m >> 8))
            {
                n += BitCounts[m & 0xFF];
            }
            return n;
        }

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
        /// Each byte is read once to count the line (over the kept passes' ranges, or over the line as one
        /// pass, which is then the plan when one pass is enough) and at most once more to cut new passes,
        /// which counts their dots, blocks and black extents on the way.
        /// </summary>
        public static void PlanDynamic(byte[] line, int offset, int dotsPerLine, int dotsPerBlock, int maxDots, StrobePlan plan, bool keepBoundaries)
        {
            PlanDynamic(line, offset, dotsPerLine, dotsPerBlock, maxDots, plan, keepBoundaries, false);
        }

        /// <summary>
        /// As above; with alignToBlocks, each cut between two passes moves to the strobe-block edge next to it
        /// (the one before, else the one after) when the passes stay within the cap and their number the same:
        /// two passes then share no block, so every block of a pass is white in the data latched for the pass
        /// before it, and its strobe can be sent ahead of the latch. The passes are then balanced per block, not
        /// per dot.
        /// </summary>
        public static void PlanDynamic(byte[] line, int offset, int dotsPerLine, int dotsPerBlock, int maxDots, StrobePlan plan, bool keepBoundaries, bool alignToBlocks)
        {
            Plan(line, offset, dotsPerLine, dotsPerBlock, maxDots, plan, keepBoundaries, alignToBlocks);
            plan.Repeatable = false;
        }

        /// <summary>
        /// As PlanDynamic, but a line whose bytes and settings are those of the line planned last, when that
        /// planning would give the same plan again (see StrobePlan.Repeatable), keeps the plan as it is: its
        /// passes and its byte and dot steps, which still say what planning the line costs. Barcode and QR
        /// module rows and blank feed repeat the line before, so most lines of a receipt are compared, not
        /// scanned. The bytes are compared up to the first that differs and copied from there on.
        /// </summary>
        public static void PlanDynamicUnlessRepeated(byte[] line, int offset, int dotsPerLine, int dotsPerBlock, int maxDots, StrobePlan plan, bool keepBoundaries, bool alignToBlocks)
        {
            byte[] planned = plan.PlannedLine;
            int bytes = dotsPerLine >> 3;
            int same = 0;
            if (plan.Repeatable && plan.PlannedDotsPerLine == dotsPerLine && plan.PlannedDotsPerBlock == dotsPerBlock
                && plan.PlannedMaxDots == maxDots && plan.PlannedKeepBoundaries == keepBoundaries && plan.PlannedAlignToBlocks == alignToBlocks)
            {
                while (same < bytes && line[offset + same] == planned[same])
                {
                    same++;
                }
                if (same == bytes)
                {
                    return;
                }
            }
            Array.Copy(line, offset + same, planned, same, bytes - same);
            plan.Repeatable = Plan(line, offset, dotsPerLine, dotsPerBlock, maxDots, plan, keepBoundaries, alignToBlocks);
            plan.PlannedDotsPerLine = dotsPerLine;
            plan.PlannedDotsPerBlock = dotsPerBlock;
            plan.PlannedMaxDots = maxDots;
            plan.PlannedKeepBoundaries = keepBoundaries;
            plan.PlannedAlignToBlocks = alignToBlocks;
        }

        /// <summary>
        /// Plans the line (PlanDynamic); true when planning the same line again from the plan it leaves would
        /// take the same path and give the same plan and steps: kept boundaries that still fit, or a fresh
        /// plan that the next call plans fresh again (one pass or none, or boundaries not kept).
        /// </summary>
        private static bool Plan(byte[] line, int offset, int dotsPerLine, int dotsPerBlock, int maxDots, StrobePlan plan, bool keepBoundaries, bool alignToBlocks)
        {
            plan.ByteSteps = 0;
            plan.DotSteps = 0;
            int black = 0;
            bool fresh = false;
            if (keepBoundaries && plan.PassCount > 1)
            {
                bool fits = true;
                ClearBlocks(dotsPerLine / dotsPerBlock, plan);
                for (int k = 0; k < plan.PassCount; k++)
                {
                    Scan(line, offset, dotsPerBlock, plan, k, true);
                    black += plan.Dots[k];
                    fits = fits && plan.Dots[k] > 0 && plan.Dots[k] <= maxDots;
                }
                plan.BlackDots = black;
                if (fits && (black + maxDots - 1) / maxDots == plan.PassCount)
                {
                    return true;
                }
            }
            else
            {
                plan.FirstDot[0] = 0;
                plan.EndDot[0] = dotsPerLine;
                if (alignToBlocks)
                {
                    ScanBlocks(line, offset, dotsPerLine, dotsPerBlock, plan);
                }
                else
                {
                    ClearBlocks(dotsPerLine / dotsPerBlock, plan);
                    Scan(line, offset, dotsPerBlock, plan, 0, true);
                }
                black = plan.Dots[0];
                plan.BlackDots = black;
                if (black <= maxDots)
                {
                    plan.PassCount = black == 0 ? 0 : 1;
                    return true;
                }
                // Whole blocks per pass straight from the blocks' counts, with no second walk, when they fit.
                if (alignToBlocks && GroupBlocks(dotsPerLine / dotsPerBlock, dotsPerBlock, maxDots, (black + maxDots - 1) / maxDots, plan))
                {
                    return !keepBoundaries;
                }
                fresh = true;
            }
            int passes = (black + maxDots - 1) / maxDots;
            plan.PassCount = 0;
            if (black == 0)
            {
                return false;
            }
            int dot = 0;
            int left = black;
            for (int k = 0; k < passes; k++)
            {
                // Balanced within one dot over the passes still to cut (the first ones take the odd dots).
                int want = (left + passes - k - 1) / (passes - k);
                int first = dot;
                int got = 0;
                int mask = 0;
                int firstBlack = -1;
                int lastBlack = -1;
                // The pass's dots before the block the walk is in (so its dots in that block are known).
                int gotBeforeBlock = 0;
                // Whole bytes while they fit in the pass, then the dots of the byte where it ends.
                while (dot < dotsPerLine && got < want)
                {
                    if (dot % dotsPerBlock == 0)
                    {
                        gotBeforeBlock = got;
                    }
                    // A whole block the pass takes entire (or passes over, white) costs one look at its
                    // count from the walk that counted the line; bytes are read only in the block it ends in.
                    if (dot % dotsPerBlock == 0 && got + plan.BlockDots[dot / dotsPerBlock] <= want)
                    {
                        int blk = dot / dotsPerBlock;
                        int n = plan.BlockDots[blk];
                        plan.ByteSteps++;
                        if (n == 0)
                        {
                            dot += dotsPerBlock;
                            continue;
                        }
                        got += n;
                        mask |= 1 << blk;
                        if (firstBlack < 0)
                        {
                            firstBlack = plan.BlockFirstBlack[blk];
                        }
                        lastBlack = plan.BlockEndBlack[blk] - 1;
                        dot = got == want ? lastBlack + 1 : dot + dotsPerBlock;
                        continue;
                    }
                    int b = dot >> 3;
                    int bits = line[offset + b] & (0xFF >> (dot & 7));
                    int count = BitCounts[bits];
                    plan.ByteSteps++;
                    if (count == 0)
                    {
                        dot = (b + 1) << 3;
                        continue;
                    }
                    mask |= 1 << ((b << 3) / dotsPerBlock);
                    if (firstBlack < 0)
                    {
                        firstBlack = (b << 3) + FirstBit[bits];
                    }
                    if (got + count <= want)
                    {
                        got += count;
                        lastBlack = (b << 3) + LastBit[bits];
                        // A pass that ends with this byte ends just after its last black dot.
                        dot = got == want ? lastBlack + 1 : (b + 1) << 3;
                        continue;
                    }
                    while (got < want)
                    {
                        if ((bits & (0x80 >> (dot & 7))) != 0)
                        {
                            got++;
                            lastBlack = dot;
                        }
                        dot++;
                        plan.DotSteps++;
                    }
                }
                if (k == passes - 1)
                {
                    dot = dotsPerLine;
                }
                plan.FirstDot[k] = first;
                plan.EndDot[k] = dot;
                plan.Dots[k] = got;
                plan.BlockMask[k] = mask;
                plan.FirstBlack[k] = firstBlack < 0 ? first : firstBlack;
                plan.EndBlack[k] = lastBlack < 0 ? first : lastBlack + 1;
                if (alignToBlocks && k < passes - 1 && dot % dotsPerBlock != 0)
                {
                    dot = AlignToBlock(line, offset, dotsPerBlock, maxDots, plan, k, left - got, passes - k - 1, got - gotBeforeBlock);
                }
                left -= plan.Dots[k];
            }
            plan.PassCount = passes;
            // Cut fresh, the next call plans fresh again unless it keeps these boundaries (more than one
            // pass, kept); after kept ones that no longer fit, it would plan from the new ones instead.
            return fresh && (!keepBoundaries || passes <= 1);
        }

        /// <summary>
        /// Scans the whole line as pass 0 (its dots, blocks and extent) and each block's black dots and extent,
        /// a block at a time: a byte belongs to the block of its first dot, so each block's bytes run up to the
        /// first byte whose first dot is past it, and its counts are written once, with no division per byte.
        /// </summary>
        private static void ScanBlocks(byte[] line, int offset, int dotsPerLine, int dotsPerBlock, StrobePlan plan)
        {
            int got = 0;
            int mask = 0;
            int firstBlack = -1;
            int lastBlack = -1;
            int bytes = dotsPerLine >> 3;
            int start = 0;
            for (int blk = 0; start < bytes; blk++)
            {
                int end = ((blk + 1) * dotsPerBlock + 7) >> 3;
                if (end > bytes)
                {
                    end = bytes;
                }
                int count = 0;
                int first = -1;
                int last = -1;
                // The block's first and last bytes with a black dot, found from either end (text leaves white
                // margins), then the dots between them counted a byte at a time: no test per byte in between.
                int from = start;
                while (from < end && line[offset + from] == 0)
                {
                    from++;
                }
                if (from < end)
                {
                    int to = end - 1;
                    while (line[offset + to] == 0)
                    {
                        to--;
                    }
                    first = (from << 3) + FirstBit[line[offset + from]];
                    last = (to << 3) + LastBit[line[offset + to]];
                    for (int b = from; b <= to; b++)
                    {
                        count += BitCounts[line[offset + b]];
                    }
                }
                plan.BlockDots[blk] = count;
                plan.BlockFirstBlack[blk] = first;
                if (count > 0)
                {
                    plan.BlockEndBlack[blk] = last + 1;
                    got += count;
                    mask |= 1 << blk;
                    if (firstBlack < 0)
                    {
                        firstBlack = first;
                    }
                    lastBlack = last;
                }
                start = end;
            }
            plan.ByteSteps += bytes;
            plan.Dots[0] = got;
            plan.BlockMask[0] = mask;
            plan.FirstBlack[0] = firstBlack < 0 ? 0 : firstBlack;
            plan.EndBlack[0] = lastBlack < 0 ? 0 : lastBlack + 1;
        }

        private static void ClearBlocks(int blocks, StrobePlan plan)
        {
            for (int blk = 0; blk < blocks; blk++)
            {
                plan.BlockDots[blk] = 0;
                plan.BlockFirstBlack[blk] = -1;
            }
        }

        /// <summary>
        /// Groups whole blocks into the given number of passes, left to right, each group ending at the block
        /// edge nearest an even share of what is left, within the cap, every pass with a black dot. False
        /// (the plan untouched past pass 0) when no such grouping is found.
        /// </summary>
        private static bool GroupBlocks(int blocks, int dotsPerBlock, int maxDots, int passes, StrobePlan plan)
        {
            int left = plan.BlackDots;
            int blk = 0;
            for (int k = 0; k < passes; k++)
            {
                int groupsLeft = passes - k;
                int target = (left + groupsLeft - 1) / groupsLeft;
                int start = blk;
                int sum = 0;
                while (blk < blocks)
                {
                    int next = sum + plan.BlockDots[blk];
                    plan.ByteSteps++;
                    if (groupsLeft > 1 && (next > maxDots || (sum > 0 && next > target && next - target > target - sum)))
                    {
                        break;
                    }
                    sum = next;
                    blk++;
                }
                if (sum == 0 || sum > maxDots || left - sum > (groupsLeft - 1) * maxDots)
                {
                    return false;
                }
                int mask = 0;
                int firstBlack = -1;
                int endBlack = -1;
                for (int b = start; b < blk; b++)
                {
                    if (plan.BlockDots[b] > 0)
                    {
                        mask |= 1 << b;
                        firstBlack = firstBlack < 0 ? plan.BlockFirstBlack[b] : firstBlack;
                        endBlack = plan.BlockEndBlack[b];
                    }
                }
                plan.FirstDot[k] = start * dotsPerBlock;
                plan.EndDot[k] = blk * dotsPerBlock;
                plan.Dots[k] = sum;
                plan.BlockMask[k] = mask;
                plan.FirstBlack[k] = firstBlack;
                plan.EndBlack[k] = endBlack;
                left -= sum;
            }
            plan.PassCount = passes;
            return true;
        }

        /// <summary>
        /// Moves the end of pass k to the block edge before it, else the one after, when the pass keeps a dot
        /// and stays within the cap and what is left still fits the passes left; returns the pass's end.
        /// </summary>
        private static int AlignToBlock(byte[] line, int offset, int dotsPerBlock, int maxDots, StrobePlan plan, int k, int leftAfter, int passesAfter, int dotsInLastBlock)
        {
            int end = plan.EndDot[k];
            int before = end - end % dotsPerBlock;
            int after = before + dotsPerBlock;
            // When the pass holds the whole of its last block up to its end (whole bytes per block, so the
            // walk stepped on the block's edge), its dots there and the block's count give both counts.
            bool known = plan.FirstDot[k] <= before && dotsPerBlock % 8 == 0;
            if (known)
            {
                plan.ByteSteps++;
            }
            if (before > plan.FirstDot[k])
            {
                int moved = known ? dotsInLastBlock : CountRange(line, offset, before, end, plan);
                int dots = plan.Dots[k] - moved;
                if (dots > 0 && leftAfter + moved <= passesAfter * maxDots && leftAfter + moved >= passesAfter)
                {
                    return EndAt(line, offset, dotsPerBlock, plan, k, before);
                }
            }
            int taken = known ? plan.BlockDots[before / dotsPerBlock] - dotsInLastBlock : CountRange(line, offset, end, after, plan);
            if (plan.Dots[k] + taken <= maxDots && leftAfter - taken >= passesAfter)
            {
                return EndAt(line, offset, dotsPerBlock, plan, k, after);
            }
            return end;
        }

        private static int EndAt(byte[] line, int offset, int dotsPerBlock, StrobePlan plan, int k, int end)
        {
            plan.EndDot[k] = end;
            if (plan.FirstDot[k] % dotsPerBlock == 0)
            {
                // A pass of whole blocks: its counts from the blocks' (the walk that counted the line made them).
                FromBlocks(plan, k, plan.FirstDot[k] / dotsPerBlock, end / dotsPerBlock);
            }
            else
            {
                Scan(line, offset, dotsPerBlock, plan, k);
            }
            return end;
        }

        /// <summary>Fills pass k's black dots, strobe blocks and black extent from the counts of its whole blocks.</summary>
        private static void FromBlocks(StrobePlan plan, int k, int firstBlock, int endBlock)
        {
            int got = 0;
            int mask = 0;
            int firstBlack = -1;
            int endBlack = -1;
            for (int blk = firstBlock; blk < endBlock; blk++)
            {
                plan.ByteSteps++;
                if (plan.BlockDots[blk] == 0)
                {
                    continue;
                }
                got += plan.BlockDots[blk];
                mask |= 1 << blk;
                if (firstBlack < 0)
                {
                    firstBlack = plan.BlockFirstBlack[blk];
                }
                endBlack = plan.BlockEndBlack[blk];
            }
            plan.Dots[k] = got;
            plan.BlockMask[k] = mask;
            plan.FirstBlack[k] = firstBlack < 0 ? plan.FirstDot[k] : firstBlack;
            plan.EndBlack[k] = endBlack < 0 ? plan.FirstDot[k] : endBlack;
        }

        /// <summary>Black dots in [from, to), a byte at a time (both inside one block, so a few bytes).</summary>
        private static int CountRange(byte[] line, int offset, int from, int to, StrobePlan plan)
        {
            int black = 0;
            for (int b = from >> 3; b <= (to - 1) >> 3; b++)
            {
                int bits = line[offset + b];
                if (b == from >> 3)
                {
                    bits &= 0xFF >> (from & 7);
                }
                if (b == (to - 1) >> 3)
                {
                    bits &= (0xFF00 >> (((to - 1) & 7) + 1)) & 0xFF;
                }
                black += BitCounts[bits];
                plan.ByteSteps++;
            }
            return black;
        }

        /// <summary>Fills a pass's black-dot count, strobe blocks and black extent from its range, a byte at a time.</summary>
        private static void Scan(byte[] line, int offset, int dotsPerBlock, StrobePlan plan, int k)
        {
            Scan(line, offset, dotsPerBlock, plan, k, false);
        }

        /// <summary>As above; with countBlocks, adds the range's black dots and extents to the blocks' counts too.</summary>
        private static void Scan(byte[] line, int offset, int dotsPerBlock, StrobePlan plan, int k, bool countBlocks)
        {
            int first = plan.FirstDot[k];
            int end = plan.EndDot[k];
            int got = 0;
            int mask = 0;
            int firstBlack = -1;
            int lastBlack = -1;
            if (first < end)
            {
                int lastByte = (end - 1) >> 3;
                for (int b = first >> 3; b <= lastByte; b++)
                {
                    int bits = line[offset + b];
                    if (b == first >> 3)
                    {
                        bits &= 0xFF >> (first & 7);
                    }
                    if (b == lastByte)
                    {
                        bits &= (0xFF00 >> (((end - 1) & 7) + 1)) & 0xFF;
                    }
                    plan.ByteSteps++;
                    if (bits == 0)
                    {
                        continue;
                    }
                    int blk = (b << 3) / dotsPerBlock;
                    got += BitCounts[bits];
                    mask |= 1 << blk;
                    if (firstBlack < 0)
                    {
                        firstBlack = (b << 3) + FirstBit[bits];
                    }
                    lastBlack = (b << 3) + LastBit[bits];
                    if (countBlocks)
                    {
                        plan.BlockDots[blk] += BitCounts[bits];
                        if (plan.BlockFirstBlack[blk] < 0)
                        {
                            plan.BlockFirstBlack[blk] = (b << 3) + FirstBit[bits];
                        }
                        plan.BlockEndBlack[blk] = lastBlack + 1;
                    }
                }
            }
            plan.Dots[k] = got;
            plan.BlockMask[k] = mask;
            plan.FirstBlack[k] = firstBlack < 0 ? first : firstBlack;
            plan.EndBlack[k] = lastBlack < 0 ? first : lastBlack + 1;
        }

        /// <summary>Plans one pass per strobe block, white blocks included (the fixed-block baseline).</summary>
        public static void PlanFixed(byte[] line, int offset, int dotsPerLine, int blocks, StrobePlan plan)
        {
            int dotsPerBlock = dotsPerLine / blocks;
            plan.Repeatable = false;
            plan.ByteSteps = 0;
            plan.DotSteps = 0;
            int black = 0;
            for (int k = 0; k < blocks; k++)
            {
                plan.FirstDot[k] = k * dotsPerBlock;
                plan.EndDot[k] = (k + 1) * dotsPerBlock;
                Scan(line, offset, dotsPerBlock, plan, k);
                plan.BlockMask[k] = 1 << k;
                black += plan.Dots[k];
            }
            plan.BlackDots = black;
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

        /// <summary>For each byte value, the position (0 = MSB, the first dot) of its first black dot; 8 for none.</summary>
        private static byte[] MakeFirstBits()
        {
            byte[] first = new byte[256];
            for (int i = 0; i < 256; i++)
            {
                int p = 0;
                while (p < 8 && (i & (0x80 >> p)) == 0)
                {
                    p++;
                }
                first[i] = (byte)p;
            }
            return first;
        }

        /// <summary>For each byte value, the position (0 = MSB) of its last black dot; 0 for none.</summary>
        private static byte[] MakeLastBits()
        {
            byte[] last = new byte[256];
            for (int i = 0; i < 256; i++)
            {
                int p = 7;
                while (p > 0 && (i & (0x80 >> p)) == 0)
                {
                    p--;
                }
                last[i] = (byte)p;
            }
            return last;
        }
    }
}
