namespace PosFirmware.Emulator.Simulation;

/// <summary>What one seed did and what the checker found.</summary>
public sealed class SimulationResult
{
    /// <summary>The seed that replays this run.</summary>
    public ulong Seed { get; init; }

    /// <summary>Sales keyed.</summary>
    public int Sales { get; set; }

    /// <summary>Faults injected, by "model/kind".</summary>
    public SortedDictionary<string, int> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>Power cuts taken (reboots).</summary>
    public int PowerCuts { get; set; }

    /// <summary>Journal records that ended Reversed.</summary>
    public int Reversals { get; set; }

    /// <summary>Journal records left on the unresolved list.</summary>
    public int Unresolved { get; set; }

    /// <summary>Receipts read off the paper (QR codes decoded).</summary>
    public int ReceiptsRead { get; set; }

    /// <summary>Virtual nanoseconds the run took.</summary>
    public long VirtualNanos { get; set; }

    /// <summary>Invariant breaks, one line each; empty when the run is clean.</summary>
    public List<string> Breaks { get; } = new();

    /// <summary>The run's trace: injected faults and the firmware's transaction log, in virtual-time order.</summary>
    public List<string> Trace { get; } = new();

    /// <summary>Where the wall time went (not part of the replayed run: it differs from machine to machine).</summary>
    public WallTime Wall { get; } = new();

    /// <summary>The torn-off pieces of paper with what ZXing read on each (only when the config keeps paper).</summary>
    public List<PaperPiece> Paper { get; } = new();

    /// <summary>The command that replays this run with its trace.</summary>
    public string ReplayCommand { get; init; } = "";

    /// <summary>Counts one injected fault.</summary>
    public void Count(string fault) => Faults[fault] = Faults.GetValueOrDefault(fault) + 1;
}

/// <summary>One torn-off piece of paper: its gray image (0 black, 255 white) and the QR texts ZXing read on it.</summary>
public sealed record PaperPiece(int Width, int Height, byte[] Gray, IReadOnlyList<string> QrTexts);

/// <summary>Wall-clock ticks (Stopwatch) spent in each part of a run, and loop passes by kind.</summary>
public sealed class WallTime
{
    /// <summary>Loop passes with a print job in progress (the head, motor and paper models run in them).</summary>
    public long PrintPasses { get; set; }

    /// <summary>Loop passes with nothing printing (polling keys, scanner, network; waiting out timeouts).</summary>
    public long OtherPasses { get; set; }

    /// <summary>Actions the virtual clocks ran (model events: UART bytes, network deliveries, head and motor steps).</summary>
    public long ClockActions { get; set; }

    /// <summary>Ticks in passes that printed.</summary>
    public long PrintTicks { get; set; }

    /// <summary>Ticks in the other passes.</summary>
    public long OtherTicks { get; set; }

    /// <summary>Ticks of the passes that did not print, by what the payment flow was doing as the pass began.</summary>
    public SortedDictionary<string, long> OtherTicksByJob { get; } = new(StringComparer.Ordinal);

    /// <summary>Ticks decoding the paper with ZXing.</summary>
    public long DecodeTicks { get; set; }

    /// <summary>Ticks in reboots (new board, boot).</summary>
    public long RebootTicks { get; set; }

    /// <summary>Ticks for the whole run.</summary>
    public long TotalTicks { get; set; }

    /// <summary>Adds another run's figures.</summary>
    public void Add(WallTime other)
    {
        PrintPasses += other.PrintPasses;
        OtherPasses += other.OtherPasses;
        PrintTicks += other.PrintTicks;
        ClockActions += other.ClockActions;
        foreach (var (job, ticks) in other.OtherTicksByJob)
        {
            OtherTicksByJob[job] = OtherTicksByJob.GetValueOrDefault(job) + ticks;
        }
        OtherTicks += other.OtherTicks;
        DecodeTicks += other.DecodeTicks;
        RebootTicks += other.RebootTicks;
        TotalTicks += other.TotalTicks;
    }
}
