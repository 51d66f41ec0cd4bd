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
        // Written with Utf8JsonWriter rather than JsonSerializer: the same text, without compiling the
        // serializer's reflection path (a tenth of a second of a 300-seed soak's CPU).
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var (key, value) in figures)
            {
                json.WritePropertyName(key);
                WriteValue(json, value);
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case int n:
                json.WriteNumberValue(n);
                break;
            case long n:
                json.WriteNumberValue(n);
                break;
            case double x:
                json.WriteNumberValue(x);
                break;
            case SortedDictionary<string, long> counts:
                json.WriteStartObject();
                foreach (var (key, n) in counts)
                {
                    json.WriteNumber(key, n);
                }
                json.WriteEndObject();
                break;
            case SortedDictionary<string, double> shares:
                json.WriteStartObject();
                foreach (var (key, x) in shares)
                {
                    json.WriteNumber(key, x);
                }
                json.WriteEndObject();
                break;
            case List<ulong> seeds:
                json.WriteStartArray();
                foreach (ulong seed in seeds)
                {
                    json.WriteNumberValue(seed);
                }
                json.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"no JSON form for a figure of type {value.GetType().Name}");
        }
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
