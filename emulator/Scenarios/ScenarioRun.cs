using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Network;
using PosFirmware.Emulator.Payment;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Emulator.PrintHead;
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

    /// <summary>Virtual nanoseconds between samples of the head temperature and the supply.</summary>
    public const long SampleNanos = 10_000_000;

    /// <summary>Most samples kept of each series (a day at 10 ms); later ones are dropped.</summary>
    public const int MaxSamples = 200_000;

    /// <summary>Head temperature samples: (virtual s, degrees C).</summary>
    public List<(double Seconds, double Value)> HeadCelsius { get; } = new();

    /// <summary>Print-head supply samples: (virtual s, volts).</summary>
    public List<(double Seconds, double Value)> SupplyVolts { get; } = new();

    /// <summary>The motor's pull-in limit at the supply of the moment: (virtual s, steps per second).</summary>
    public List<(double Seconds, double Value)> MotorLimit { get; } = new();

    /// <summary>Strobe pulses: (virtual s at the rising edge, width in microseconds), every boot.</summary>
    public List<(double Seconds, double Value)> StrobeMicros { get; } = new();

    /// <summary>Motor steps: (virtual s, steps per second from the interval since the step before), every boot.</summary>
    public List<(double Seconds, double Value)> MotorStepsPerSecond { get; } = new();

    /// <summary>A gap between steps longer than this is the motor standing, not a slow step.</summary>
    public const long MotorStoppedNanos = 100_000_000;

    private long _nextSampleNanos;

    /// <summary>Virtual nanoseconds now.</summary>
    public long NowNanos => Rig.Terminal.Board.Clock.NowNanos;

    /// <summary>Puts the environment on the running terminal.</summary>
    public void ApplyEnvironment()
    {
        var t = Rig.Terminal;
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

    /// <summary>Runs the firmware until the virtual time reaches atNanos, archiving each boot that ends.</summary>
    public void RunTo(long atNanos)
    {
        while (NowNanos < atNanos)
        {
            Rig.StepOnce();
            Sample();
            if (!ReferenceEquals(Rig.Terminal, _watched))
            {
                Archive(_watched);
                _watched = Rig.Terminal;
                ApplyEnvironment();
            }
        }
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

    private void Sample()
    {
        var printer = Rig.Terminal.Printer;
        while (_nextSampleNanos <= NowNanos && HeadCelsius.Count < MaxSamples)
        {
            HeadCelsius.Add((_nextSampleNanos / 1e9, printer.Thermal.HeadCelsiusAt(_nextSampleNanos)));
            SupplyVolts.Add((_nextSampleNanos / 1e9, printer.Head.HeadVolts));
            MotorLimit.Add((_nextSampleNanos / 1e9, printer.Physics.MaxPps(printer.Head.HeadVolts)));
            _nextSampleNanos += SampleNanos;
        }
    }

    /// <summary>Reads the strobe widths and motor step rate of a boot off its signal trace.</summary>
    public void CollectPulses(VirtualTerminal terminal)
    {
        var trace = terminal.Board.Trace;
        var strobes = new HashSet<int>(terminal.Printer.Strobes.Select(s => trace.Find(terminal.Printer.Options.Scope, s.Name)?.Index ?? -1));
        var phases = new HashSet<int>(terminal.Printer.MotorPhases.Select(p => trace.Find(terminal.Printer.Options.Scope, p.Name)?.Index ?? -1));
        var rising = new Dictionary<int, long>();
        long lastStep = -1;
        foreach (var change in trace.Changes)
        {
            if (strobes.Contains(change.SignalIndex))
            {
                if (change.Value > 0.5)
                {
                    rising[change.SignalIndex] = change.AtNanos;
                }
                else if (rising.Remove(change.SignalIndex, out long start) && StrobeMicros.Count < MaxSamples)
                {
                    StrobeMicros.Add((start / 1e9, (change.AtNanos - start) / 1e3));
                }
            }
            else if (phases.Contains(change.SignalIndex) && change.AtNanos != lastStep)
            {
                // Each step moves the phases at one instant: one step per distinct time of a phase change.
                if (lastStep >= 0 && change.AtNanos - lastStep < MotorStoppedNanos && MotorStepsPerSecond.Count < MaxSamples)
                {
                    MotorStepsPerSecond.Add((change.AtNanos / 1e9, 1e9 / (change.AtNanos - lastStep)));
                }
                lastStep = change.AtNanos;
            }
        }
    }

    private void Archive(VirtualTerminal old)
    {
        CollectPulses(old);
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
