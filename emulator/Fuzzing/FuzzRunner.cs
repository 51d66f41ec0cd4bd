using System.Diagnostics;

namespace PosFirmware.Emulator.Fuzzing;

/// <summary>
/// Runs one input through a target with the bounds every target shares: the allocation budget of the
/// target and a time limit. The fuzzer's own timeout catches a hang; this limit makes a slow input fail
/// when it is replayed as a regression test too.
/// </summary>
public static class FuzzRunner
{
    /// <summary>Longest one input may take, replayed on a loaded machine (a hang under the fuzzer is its timeout).</summary>
    public const int MaxMillis = 10_000;

    /// <summary>Runs input through target; throws on a broken contract or any escaping exception.</summary>
    public static void Execute(FuzzTarget target, byte[] input)
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        target.Run(input);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double millis = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (allocated > target.MaxAllocatedBytes)
        {
            throw new FuzzContractException($"{target.Name}: {allocated} bytes allocated for a {input.Length}-byte input, limit {target.MaxAllocatedBytes}");
        }
        if (millis > MaxMillis)
        {
            throw new FuzzContractException($"{target.Name}: {millis:F0} ms for a {input.Length}-byte input, limit {MaxMillis}");
        }
    }

    /// <summary>Runs input and returns null, or the failure as one line (exception type and message).</summary>
    public static string? Replay(FuzzTarget target, byte[] input)
    {
        try
        {
            Execute(target, input);
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
