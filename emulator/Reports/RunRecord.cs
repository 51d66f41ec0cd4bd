using PosFirmware.Emulator.Peripherals;

namespace PosFirmware.Emulator.Reports;

/// <summary>A piece of printed paper: one gray byte per dot, rows top to bottom.</summary>
public sealed record PaperImage(int Width, int Height, byte[] Gray);

/// <summary>A table on the report page (the soak's runs, its failing seeds).</summary>
public sealed record ReportTable(string Id, string Title, string[] Columns, List<string[]> Rows);

/// <summary>
/// What a run of any command (demo, run, print, soak, interactive) has to show, gathered by the command and
/// written by <see cref="RunReport"/> into one folder of one layout. Everything in it is from virtual time
/// and the seed, never the wall clock, so the same run gives the same files.
/// </summary>
public sealed class RunRecord
{
    /// <summary>The command that ran: demo, run, print, soak, interactive.</summary>
    public required string Command { get; init; }

    /// <summary>The page's heading.</summary>
    public required string Title { get; init; }

    /// <summary>True when the run found nothing wrong.</summary>
    public bool Passed { get; set; } = true;

    /// <summary>One line under the heading saying what ran.</summary>
    public string About { get; set; } = "";

    /// <summary>Figures of the run, in order: shown on the page and written to summary.json.</summary>
    public OrderedDictionary<string, object?> Facts { get; } = new();

    /// <summary>What went wrong, one entry each (failed expectations, invariant breaks, a job not all printed).</summary>
    public List<string> Failures { get; } = new();

    /// <summary>The receipts, one per cut of the paper.</summary>
    public List<PaperImage> Receipts { get; } = new();

    /// <summary>The whole roll as printed, or null when nothing was.</summary>
    public PaperImage? Roll { get; set; }

    /// <summary>Other images in the folder the page shows: (file name, caption), e.g. the demo's test pages.</summary>
    public List<(string File, string Caption)> Images { get; } = new();

    /// <summary>The display's frames with their virtual times, or null when the run has no display.</summary>
    public List<DisplayFrame>? Frames { get; set; }

    /// <summary>The transaction log, one line each with its virtual time.</summary>
    public List<string> Log { get; } = new();

    /// <summary>The journal as text (journal.txt), or null.</summary>
    public string? Journal { get; set; }

    /// <summary>The acquirer's ledger as text (ledger.txt), or null.</summary>
    public string? Ledger { get; set; }

    /// <summary>The timing checker's summary line.</summary>
    public string TimingSummary { get; set; } = "";

    /// <summary>The timing report beyond the summary (pulse widths, overlap, motor), or empty.</summary>
    public string TimingDetail { get; set; } = "";

    /// <summary>Each timing violation with its virtual time.</summary>
    public List<string> Violations { get; } = new();

    /// <summary>The print head over time, or null when nothing was traced.</summary>
    public HeadSeries? Head { get; set; }

    /// <summary>The VCD trace's file name in the folder, or null.</summary>
    public string? Vcd { get; set; }

    /// <summary>Tables shown after the facts.</summary>
    public List<ReportTable> Tables { get; } = new();

    /// <summary>Sub-folders the page links to: (folder name, caption), e.g. the soak's failing runs.</summary>
    public List<(string Folder, string Caption)> Links { get; } = new();
}
