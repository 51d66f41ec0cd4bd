using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Lists a latch's black dots in dot order, block by block, as the head model's strobe edges walk them: the
/// dot numbers, and where each strobe block's dots start in that list. Dots past the last whole block have no
/// strobe and are not listed.
/// </summary>
public static class LatchListing
{
    /// <summary>
    /// Lists the set bits of latch (dot 0 in the first byte's top bit) below blocks * dotsPerBlock into
    /// listed, and into blockStarts[b] the index of block b's first dot in that list (blockStarts[blocks] is
    /// the count); returns the count. listed must hold a dot for every dot strobed, blockStarts blocks + 1.
    /// </summary>
    public static int List(byte[] latch, int blocks, int dotsPerBlock, int[] listed, int[] blockStarts)
    {
        int strobed = Math.Max(0, blocks * dotsPerBlock);
        if (blockStarts.Length < blocks + 1 || listed.Length < Math.Min(strobed, latch.Length * 8))
        {
            throw new ArgumentException($"a listing of {listed.Length} dots and {blockStarts.Length} block starts is too short for {blocks} blocks of {dotsPerBlock} dots");
        }
        return Avx512F.IsSupported && dotsPerBlock > 0 && dotsPerBlock % 16 == 0 && strobed <= latch.Length * 8
            ? By16(latch, blocks, dotsPerBlock, listed, blockStarts)
            : ByBit(latch, blocks, dotsPerBlock, listed, blockStarts);
    }

    /// <summary>The listing a set bit at a time, 64 dots a word (any block size).</summary>
    internal static int ByBit(byte[] latch, int blocks, int dotsPerBlock, int[] listed, int[] blockStarts)
    {
        // Dots past the last whole block have no strobe (a profile whose blocks do not divide the line).
        int strobed = Math.Max(0, blocks * dotsPerBlock);
        int count = 0;
        int block = 0;
        int nextBlockFirst = dotsPerBlock;
        blockStarts[0] = 0;
        // 64 dots at a time (the first dot in the top bit), then the bytes left over.
        int words = latch.Length / 8;
        for (int w = 0; w <= words; w++)
        {
            ulong bits = 0;
            if (w < words)
            {
                bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(latch.AsSpan(w * 8, 8));
            }
            else
            {
                for (int k = 0; w * 8 + k < latch.Length; k++)
                {
                    bits |= (ulong)latch[w * 8 + k] << (56 - 8 * k);
                }
            }
            while (bits != 0)
            {
                int bit = BitOperations.LeadingZeroCount(bits);
                bits ^= 0x8000_0000_0000_0000UL >> bit;
                int d = w * 64 + bit;
                if (d >= strobed)
                {
                    // The rest of the line has no strobe: the listing ends here.
                    w = words;
                    break;
                }
                while (d >= nextBlockFirst)
                {
                    blockStarts[++block] = count;
                    nextBlockFirst += dotsPerBlock;
                }
                listed[count++] = d;
            }
        }
        while (block < blocks)
        {
            blockStarts[++block] = count;
        }
        return count;
    }

    /// <summary>
    /// The listing 16 dots at a time (blocks of whole 16-dot groups, all on the latch): the group's set dots
    /// are packed to the front of a vector of its dot numbers and stored whole at the end of the list (the
    /// lanes past its set dots land where the next groups' dots will go, or past the count).
    /// </summary>
    private static int By16(byte[] latch, int blocks, int dotsPerBlock, int[] listed, int[] blockStarts)
    {
        int strobed = blocks * dotsPerBlock;
        // Lane k is dot first + k: bit 15 - k of the group's two bytes read big-endian.
        Vector512<int> laneBits = Vector512.Create(1 << 15, 1 << 14, 1 << 13, 1 << 12, 1 << 11, 1 << 10, 1 << 9, 1 << 8,
            1 << 7, 1 << 6, 1 << 5, 1 << 4, 1 << 3, 1 << 2, 1 << 1, 1);
        Vector512<int> laneDots = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        ref int list = ref MemoryMarshal.GetArrayDataReference(listed);
        int count = 0;
        int block = 0;
        int groupsLeftInBlock = 0;
        for (int first = 0; first < strobed; first += 16)
        {
            if (groupsLeftInBlock == 0)
            {
                blockStarts[block++] = count;
                groupsLeftInBlock = dotsPerBlock / 16;
            }
            groupsLeftInBlock--;
            int word = (latch[first >> 3] << 8) | latch[(first >> 3) + 1];
            if (word == 0)
            {
                continue;
            }
            // count <= first (one entry a dot before it), and first + 16 <= strobed <= listed.Length (checked by List).
            Vector512<int> set = Vector512.Equals(Vector512.Create(word) & laneBits, laneBits);
            Avx512F.Compress(Vector512<int>.Zero, set, laneDots + Vector512.Create(first)).StoreUnsafe(ref list, (nuint)count);
            count += BitOperations.PopCount((uint)word);
        }
        blockStarts[blocks] = count;
        return count;
    }
}
