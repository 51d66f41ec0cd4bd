using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Asks for a paper row from memory ahead of its use: a strip's rows (1.5 KB each at 384 dots) were written or
/// given back long before and sit in memory, not in the cache, and whatever uses a row first otherwise waits for
/// it. A prefetch reads nothing into the program and cannot fault; on a processor without SSE it does nothing.
/// The row's length comes from the caller (every row of a strip is as wide as the strip): reading it from the
/// array would wait on the very memory being asked for. The lines are asked into the second-level cache, not
/// the first: a row is some 25 lines, more than the first level has misses in flight, so a prefetch into it
/// held the program up at the prefetch itself until earlier lines came in; into the second level the asks
/// retire at once, and the row's first use (a clear, a scan) finds its lines a few cycles away.
/// </summary>
public static class RowPrefetch
{
    /// <summary>Asks for every cache line of a row of the given length (nothing for no row).</summary>
    public static unsafe void Ask(float[]? row, int length)
    {
        if (row == null || !Sse.IsSupported)
        {
            return;
        }
        // The address only: nothing is read from the row, and a prefetch of an address the collector has since
        // moved is harmless.
        byte* first = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(row));
        // From the line of the array's header (the 16 bytes before its first float) to that of its last float,
        // 64 bytes to a line.
        byte* last = first + (long)length * sizeof(float) - 1;
        for (byte* line = (byte*)((nuint)(first - 16) & ~(nuint)63); line <= last; line += 64)
        {
            Sse.Prefetch1(line);
        }
    }
}
