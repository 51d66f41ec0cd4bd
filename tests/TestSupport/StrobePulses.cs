using PosFirmware.Emulator.PrintHead;

namespace PosFirmware.Tests.TestSupport;

/// <summary>
/// Watches a virtual printer's strobe wires pulse by pulse: each block's rise as it comes, and at its fall the
/// rise it ends (a block has one pulse at a time, so the last rise is the pulse's).
/// </summary>
public static class StrobePulses
{
    /// <summary>Calls rose(block, riseNanos) at each rise and fell(block, riseNanos, fallNanos) at each fall.</summary>
    public static void Watch(VirtualPrinter printer, Action<int, long> rose, Action<int, long, long> fell)
    {
        var rise = new long[printer.Strobes.Length];
        for (int b = 0; b < printer.Strobes.Length; b++)
        {
            int block = b;
            printer.Strobes[b].Connect((high, at) =>
            {
                if (high)
                {
                    rise[block] = at;
                    rose(block, at);
                }
                else
                {
                    fell(block, rise[block], at);
                }
            });
        }
    }
}
