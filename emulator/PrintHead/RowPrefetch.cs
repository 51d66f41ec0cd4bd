using System.Runtime.Intrinsics.X86;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Asks for a paper row from memory ahead of its use: a strip's rows (1.5 KB each at 384 dots) were written or
/// given back long before and sit in memory, not in the cache, and whatever uses a row first otherwise waits for
/// it. A prefetch reads nothing into the program and cannot fault; on a processor without SSE it does nothing.
/// </summary>
internal static class RowPrefetch
{
    /// <summary>Asks for every cache line of a row (nothing for no row).</summary>
    public static unsafe void Ask(float[]? row)
    {
        if (row == null || !Sse.IsSupported)
        {
            return;
        }
        fixed (float* first = row)
        {
            // 16 floats to a 64-byte line.
            for (int i = 0; i < row.Length; i += 16)
            {
                Sse.Prefetch0(first + i);
            }
        }
    }
}
