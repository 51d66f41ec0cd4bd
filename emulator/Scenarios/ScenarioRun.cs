using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Network;
using PosFirmware.Emulator.Payment;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.Emulator.Reports;
using PosFirmware.Payment;

namespace PosFirmware.Emulator.Scenarios;

/// <summary>
/// A scenario in progress: the rig, and what each boot of the terminal showed and printed, kept across power
/// cuts (a reboot builds a new board, so the runner archives the old one's display frames, paper and timing
/// violations, and puts the scenario's environment back on the new one).
/// </summary>
public sealed class ScenarioRun : IDisposable
{
    private VirtualTerminal _watched;

    /// <summary>Starts a terminal and acquirer for a scenario.</summary>
    public ScenarioRun(ulong seed)
    {
        Rig = new TerminalRig(seed);
        _watched = Rig.Terminal;
        Watch(_watched);
    }

    /// <summary>The terminal and acquirer.</summary>
    public TerminalRig Rig { get; }

    /// <summary>Display frames of every boot, oldest first (current boot's frames appended by Frames()).</summary>
    public List<DisplayFrame> ArchivedFrames { get; } = new();

    /// <summary>Paper of earlier boots: (width, height, gray rows).</summary>
    public List<(int Width, int Height, byte[] Gray)> ArchivedPaper { get; } = new();

    /// <summary>Timing violations of earlier boots.</summary>
    public List<TimingViolation> ArchivedViolations { get; } = new();

    /// <summary>Paper loaded (the scenario's environment, re-applied after a reboot).</summary>
    public bool PaperIn { get; set; } = true;

    /// <summary>Platen open (re-applied after a reboot).</summary>
    public bool PlatenOpen { get; set; }

    /// <summary>Network faults in force (re-applied after a reboot).</summary>
    public NetworkFaults Network { get; set; } = NetworkFaults.None();

    /// <summary>Open-circuit print-head supply in millivolts set by the scenario, or 0 for the printer's own.</summary>
    public int SupplyMillivolts { get; set; }

    /// <summary>Air temperature around the head set by the scenario, or NaN for the printer's own (the head relaxes toward it).</summary>
    public double AmbientCelsius { get; set; } = double.NaN;

    /// <summary>Head temperature and supply sampled between loop passes, every boot.</summary>
    private readonly HeadSeries _sampled = new();

    /// <summary>Strobes, motor and current read off the traces of earlier boots.</summary>
    private readonly HeadSeries _archivedTrace = new();

    /// <summary>The boards of earlier boots, kept for their signal traces (the first <see cref="MaxArchivedBoards"/>).</summary>
    public List<VirtualBoard> ArchivedBoards { get; } = new();

    /// <summary>Most earlier boots whose traces are kept (each may hold a long trace); later ones are let go.</summary>
    public const int MaxArchivedBoards = 16;

    /// <summary>Receipts torn off in earlier boots.</summary>
    public List<PaperImage> ArchivedReceipts { get; } = new();

    private ReceiptRoll _roll = null!;

    /// <summary>Virtual nanoseconds now.</summary>
    public long NowNanos => Rig.Terminal.Board.Clock.NowNanos;

    /// <summary>How long the scanner keeps reading after a trigger that found nothing (0: only what is presented at the trigger).</summary>
    public long ScannerReadSessionNanos { get; set; }

    /// <summary>Puts the environment on the running terminal.</summary>
    public void ApplyEnvironment()
    {
        var t = Rig.Terminal;
        t.Scanner.ReadSessionNanos = ScannerReadSessionNanos;
        t.Printer.Head.PaperPresent = PaperIn;
        t.Printer.Head.PlatenOpen = PlatenOpen;
        t.Board.Network.Faults = Network;
        if (!double.IsNaN(AmbientCelsius))
        {
            t.Printer.Thermal.AmbientCelsius = AmbientCelsius;
        }
        if (SupplyMillivolts > 0)
        {
            // The supply itself, open-circuit: the head's physics and the firmware's divider both follow it.
            t.Printer.Head.SupplyOpenVolts = SupplyMillivolts / 1000.0;
        }
    }

    /// <summary>
    /// Runs the firmware until the virtual time reaches atNanos, archiving each boot that ends. The firmware
    /// sleeps until its own next deadline (up to a second): a wake at atNanos stops it there, so a caller
    /// pacing the run to the wall clock, or feeding input at a given time, is not overrun.
    /// </summary>
    public void RunTo(long atNanos)
    {
        if (NowNanos >= atNanos)
        {
            return;
        }
        var board = Rig.Terminal.Board;
        var stop = board.Clock.ScheduleAt(atNanos, board.Wake.Signal);
        while (NowNanos < atNanos)
        {
            Rig.StepOnce();
            if (!ReferenceEquals(Rig.Terminal, _watched))
            {
                Archive(_watched);
                _watched = Rig.Terminal;
                Watch(_watched);
                ApplyEnvironment();
            }
            _roll.Observe();
            _sampled.Sample(Rig.Terminal.Printer);
        }
        stop.Cancel();
    }

    /// <summary>Every display frame so far, every boot.</summary>
    public List<DisplayFrame> Frames()
    {
        var all = new List<DisplayFrame>(ArchivedFrames);
        all.AddRange(Rig.Terminal.Display.History);
        return all;
    }

    /// <summary>Every timing violation so far, every boot.</summary>
    public List<TimingViolation> Violations()
    {
        var all = new List<TimingViolation>(ArchivedViolations);
        all.AddRange(Rig.Terminal.Printer.Violations);
        return all;
    }

    /// <summary>Every piece of paper printed so far: earlier boots' and this one's.</summary>
    public List<(int Width, int Height, byte[] Gray)> Paper()
    {
        var all = new List<(int, int, byte[])>(ArchivedPaper);
        var paper = Rig.Terminal.Printer.Paper;
        if (paper.Height > 0)
        {
            all.Add((paper.Width, paper.Height, paper.ToGray()));
        }
        return all;
    }

    /// <summary>The journal's records, newest last.</summary>
    public List<TxnRecord> Journal()
    {
        var journal = Rig.Flow.Journal;
        var records = new List<TxnRecord>();
        for (int i = 0; i < journal.Count; i++)
        {
            records.Add(journal.At(i));
        }
        return records;
    }

    /// <summary>The transaction log so far, every boot.</summary>
    public List<string> LogLines()
    {
        Rig.CollectLog();
        return Rig.Log;
    }

    /// <summary>The acquirer's ledger now.</summary>
    public LedgerSnapshot Ledger() => Rig.Host.Snapshot();

    /// <summary>The print head over time, every boot: sampled temperature and supply, and what the traces show.</summary>
    public HeadSeries Series()
    {
        var series = new HeadSeries();
        series.Append(_sampled);
        series.Append(_archivedTrace);
        series.ReadTrace(Rig.Terminal.Printer, analogFromTrace: false);
        return series;
    }

    /// <summary>The receipts torn off so far, every boot, one per cut.</summary>
    public List<PaperImage> Receipts()
    {
        var all = new List<PaperImage>(ArchivedReceipts);
        all.AddRange(_roll.Pieces());
        return all;
    }

    // A new boot: its receipts are cut as its print queue finishes jobs, and its head's current is traced.
    private void Watch(VirtualTerminal terminal)
    {
        _roll = new ReceiptRoll(terminal.Printer, () => terminal.App.Printer);
        HeadSeries.TraceAnalog(terminal.Printer);
    }

    private void Archive(VirtualTerminal old)
    {
        _archivedTrace.ReadTrace(old.Printer, analogFromTrace: false);
        if (ArchivedBoards.Count < MaxArchivedBoards)
        {
            ArchivedBoards.Add(old.Board);
        }
        ArchivedReceipts.AddRange(_roll.Pieces());
        ArchivedFrames.AddRange(old.Display.History);
        ArchivedViolations.AddRange(old.Printer.Violations);
        if (old.Printer.Paper.Height > 0)
        {
            ArchivedPaper.Add((old.Printer.Paper.Width, old.Printer.Paper.Height, old.Printer.Paper.ToGray()));
        }
    }

    /// <inheritdoc />
    public void Dispose() => Rig.Dispose();
}
