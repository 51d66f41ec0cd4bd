namespace PosFirmware.Emulator.Simulation;

/// <summary>
/// The knobs of one simulated day: how many sales, how hard each model misbehaves (each run draws its own
/// rates up to these ceilings from its seed, so some days are calm and some are storms), and the bounds on
/// waiting, recovery and settlement. Every loop of the runner is bounded by a value named here.
/// </summary>
public sealed class SimulationConfig
{
    /// <summary>Sales keyed in one run.</summary>
    public int SalesPerRun { get; set; } = 6;

    /// <summary>Virtual seconds a sale may take before the next one is keyed anyway.</summary>
    public double SaleBoundSeconds { get; set; } = 150;

    /// <summary>Virtual seconds the terminal gets, with power and network healthy, to finish what is open.</summary>
    public double RecoverySeconds { get; set; } = 900;

    /// <summary>Settlement attempts (M3) after recovery, and the virtual seconds each may take.</summary>
    public int SettlementAttempts { get; set; } = 3;

    /// <summary>Virtual seconds one settlement attempt may take.</summary>
    public double SettlementBoundSeconds { get; set; } = 120;

    /// <summary>Ceiling of each acquirer fault's per-request probability.</summary>
    public double MaxAcquirerFault { get; set; } = 0.08;

    /// <summary>Ceiling of each network fault's per-message probability.</summary>
    public double MaxNetworkFault { get; set; } = 0.04;

    /// <summary>Chance that a sale is hit by a power cut (at a random moment or a random flash write).</summary>
    public double PowerCutPerSale { get; set; } = 0.25;

    /// <summary>Chance that the paper runs out, or the platen is opened, during a sale.</summary>
    public double PrinterFaultPerSale { get; set; } = 0.15;

    /// <summary>Chance that the scanner garbles the first read of a sale (noise, truncated, dropped bytes, no read).</summary>
    public double ScannerFaultPerSale { get; set; } = 0.2;

    /// <summary>Share of sales with an amount the acquirer treats specially (user paying, declined).</summary>
    public double SpecialAmountShare { get; set; } = 0.3;

    /// <summary>
    /// The firmware's loop period and network receive poll, in microseconds (both are firmware config; 1000 is
    /// the device's): the pace of a busy loop. An idle loop sleeps to its next due time or input event
    /// whatever the period, so a longer one only thins out the busy passes, at the cost of coarser timing.
    /// </summary>
    public int LoopPeriodMicros { get; set; } = 1000;

    /// <summary>
    /// Record every pin edge of the board (the VCD trace) as the terminal runs. Off in a soak: the head's
    /// strobes, latch and motor make millions of edges a day, and holding them is most of a run's memory
    /// and garbage-collection time. The models, the timing checker and the paper are the same either way.
    /// </summary>
    public bool RecordSignals { get; set; }

    /// <summary>Keep every torn-off piece of paper in the result (for a second decoder to read).</summary>
    public bool KeepPaper { get; set; }

    /// <summary>Print the merchant copy too (two receipts per sale); the soak prints only the customer's.</summary>
    public bool PrintMerchantCopy { get; set; }

    /// <summary>
    /// Called at the end of each run with its rig, still alive, and its result, checked: the soak's report
    /// reads a failing run's journal, ledger, display and trace there. Null: nothing is called.
    /// </summary>
    public Action<PosFirmware.Emulator.Payment.TerminalRig, SimulationResult>? Finished { get; set; }
}
