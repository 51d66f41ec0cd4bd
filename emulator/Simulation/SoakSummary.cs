using System.Text.Json;

namespace PosFirmware.Emulator.Simulation;

/// <summary>The figures of many runs added up: what `posemu soak` prints and writes as JSON.</summary>
public sealed class SoakSummary
{
    /// <summary>Runs done.</summary>
    public int Runs { get; private set; }

    /// <summary>Sales keyed over all runs.</summary>
    public long Sales { get; private set; }

    /// <summary>Faults injected, by kind.</summary>
    public SortedDictionary<string, long> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>Power cuts taken.</summary>
    public long PowerCuts { get; private set; }

    /// <summary>Sales that ended reversed.</summary>
    public long Reversals { get; private set; }

    /// <summary>Sales left on the unresolved list.</summary>
    public long Unresolved { get; private set; }

    /// <summary>Receipts read back off the paper.</summary>
    public long ReceiptsRead { get; private set; }

    /// <summary>Invariant breaks over all runs.</summary>
    public long InvariantBreaks { get; private set; }

    /// <summary>Seeds of the runs that broke an invariant.</summary>
    public List<ulong> FailedSeeds { get; } = new();

    /// <summary>Virtual seconds simulated.</summary>
    public double VirtualSeconds { get; private set; }

    /// <summary>Where the wall time of the runs went.</summary>
    public WallTime Wall { get; } = new();

    /// <summary>Wall seconds spent.</summary>
    public double WallSeconds { get; set; }

    /// <summary>Sales per wall second.</summary>
    public double SalesPerWallSecond => WallSeconds > 0 ? Sales / WallSeconds : 0;

    /// <summary>Adds one run's figures.</summary>
    public void Add(SimulationResult result)
    {
        Runs++;
        Wall.Add(result.Wall);
        Sales += result.Sales;
        PowerCuts += result.PowerCuts;
        Reversals += result.Reversals;
        Unresolved += result.Unresolved;
        ReceiptsRead += result.ReceiptsRead;
        VirtualSeconds += result.VirtualNanos / 1e9;
        foreach (var (kind, count) in result.Faults)
        {
            Faults[kind] = Faults.GetValueOrDefault(kind) + count;
        }
        if (result.Breaks.Count > 0)
        {
            InvariantBreaks += result.Breaks.Count;
            FailedSeeds.Add(result.Seed);
        }
    }

    /// <summary>The figures as JSON (snake_case keys).</summary>
    public string ToJson()
    {
        var figures = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["runs"] = Runs,
            ["sales"] = Sales,
            ["faults"] = Faults,
            ["faults_injected"] = Total(Faults),
            ["power_cuts"] = PowerCuts,
            ["reversals"] = Reversals,
            ["unresolved"] = Unresolved,
            ["receipts_read"] = ReceiptsRead,
            ["invariant_breaks"] = InvariantBreaks,
            ["failed_seeds"] = FailedSeeds,
            ["virtual_seconds"] = Math.Round(VirtualSeconds, 3),
            ["wall_seconds"] = Math.Round(WallSeconds, 3),
            ["wall_share"] = WallShares(),
            ["loop_passes_printing"] = Wall.PrintPasses,
            ["loop_passes_other"] = Wall.OtherPasses,
            ["clock_actions"] = Wall.ClockActions,
            ["sales_per_wall_second"] = Math.Round(SalesPerWallSecond, 2),
        };
        return JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Share of the runs' wall time in each part: printing passes, other passes, reboots, paper decoding, the rest.</summary>
    public SortedDictionary<string, double> WallShares()
    {
        double total = Math.Max(1, Wall.TotalTicks);
        long rest = Wall.TotalTicks - Wall.PrintTicks - Wall.OtherTicks - Wall.RebootTicks - Wall.DecodeTicks;
        var shares = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["printing_passes"] = Math.Round(Wall.PrintTicks / total, 3),
            ["other_passes"] = Math.Round(Wall.OtherTicks / total, 3),
            ["reboots"] = Math.Round(Wall.RebootTicks / total, 3),
            ["paper_decoding"] = Math.Round(Wall.DecodeTicks / total, 3),
            ["rest"] = Math.Round(rest / total, 3),
        };
        foreach (var (job, ticks) in Wall.OtherTicksByJob)
        {
            shares["other_passes/" + job] = Math.Round(ticks / total, 3);
        }
        return shares;
    }

    private static long Total(SortedDictionary<string, long> faults)
    {
        long total = 0;
        foreach (var count in faults.Values)
        {
            total += count;
        }
        return total;
    }
}
