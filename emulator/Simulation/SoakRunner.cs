namespace PosFirmware.Emulator.Simulation;

/// <summary>
/// Runs many seeds on several worker threads and hands the results back in seed order, so a soak's
/// figures, traces and failure list are the same whatever the number of workers. Runs share nothing, so
/// they need no locking of their own; only the hand-over is synchronised. Workers run at most
/// MaxAheadPerWorker seeds ahead of the result being handed back, which bounds the results held.
/// </summary>
public static class SoakRunner
{
    /// <summary>How many seeds each worker may run ahead of the oldest result not yet handed back.</summary>
    public const int MaxAheadPerWorker = 32;

    /// <summary>
    /// Runs seeds from, from + 1, ... (count of them) on the given number of workers; calls inSeedOrder on the
    /// calling thread with each result, in seed order. An exception in a run is rethrown here.
    /// </summary>
    public static void Run(ulong from, int count, SimulationConfig config, int workers, Action<SimulationResult> inSeedOrder)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        workers = Math.Clamp(workers, 1, Math.Max(1, count));
        var slots = new SimulationResult?[count];
        var gate = new object();
        int taken = 0;
        int handedBack = 0;
        Exception? failure = null;
        int window = MaxAheadPerWorker * workers;

        void Work()
        {
            while (true)
            {
                int i;
                lock (gate)
                {
                    while (taken < count && taken >= handedBack + window && failure == null)
                    {
                        Monitor.Wait(gate);
                    }
                    if (taken >= count || failure != null)
                    {
                        return;
                    }
                    i = taken++;
                }
                SimulationResult result;
                try
                {
                    result = SimulationRun.Run(from + (ulong)i, config);
                }
                catch (Exception e)
                {
                    lock (gate)
                    {
                        failure ??= new InvalidOperationException($"seed {from + (ulong)i} threw: {e.Message}", e);
                        Monitor.PulseAll(gate);
                    }
                    return;
                }
                lock (gate)
                {
                    slots[i] = result;
                    Monitor.PulseAll(gate);
                }
            }
        }

        var threads = new Thread[workers];
        for (int w = 0; w < workers; w++)
        {
            threads[w] = new Thread(Work) { IsBackground = true, Name = $"soak worker {w + 1}" };
            threads[w].Start();
        }
        for (int i = 0; i < count; i++)
        {
            SimulationResult next;
            lock (gate)
            {
                while (slots[i] == null && failure == null)
                {
                    Monitor.Wait(gate);
                }
                if (slots[i] == null)
                {
                    break;
                }
                next = slots[i]!;
                slots[i] = null;
                handedBack = i + 1;
                Monitor.PulseAll(gate);
            }
            inSeedOrder(next);
        }
        foreach (var thread in threads)
        {
            thread.Join();
        }
        if (failure != null)
        {
            throw failure;
        }
    }
}
