using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Network;
using PosFirmware.Emulator.Payment;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Emulator.Printing;
using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using PosFirmware.Terminal;

namespace PosFirmware.Emulator.Simulation;

/// <summary>
/// One seed, one faulty day: the real firmware on the virtual terminal against the acquirer simulator, a
/// stream of sales, and faults drawn from the seed in every model (acquirer, network, power, printer,
/// scanner). Then power and network are made healthy for a bounded recovery, the batch is settled, and
/// the invariants are checked against the ledger, the journal and the paper. Everything random comes from
/// the seed, so a seed replays byte for byte.
/// </summary>
public sealed class SimulationRun
{
    private static readonly AcquirerFault[] AcquirerFaultKinds =
    [
        AcquirerFault.DropRequest, AcquirerFault.DropResponse, AcquirerFault.Late, AcquirerFault.Duplicate,
        AcquirerFault.CorruptMac, AcquirerFault.ResetMidFrame, AcquirerFault.PayDuringReversal,
    ];

    private static readonly string[] Schemes = ["WeChat", "Alipay", "UnionPay"];

    private readonly SimulationConfig _config;
    private readonly SimRandom _random;
    private readonly SimulationResult _result;
    private readonly List<PaperReceipt> _paper = new();
    private TerminalRig _rig = null!;
    private ReceiptRoll _roll = null!;
    private NetworkFaults _networkFaults = NetworkFaults.None();
    private ScheduledAction? _pendingCut;
    private int _mostRecords;
    private int _mostFileBytes;
    private readonly long[] _otherTicksByJob = new long[Enum.GetValues<FlowJob>().Length];

    private SimulationRun(ulong seed, SimulationConfig config)
    {
        _config = config;
        _random = new SimRandom(seed).Fork("simulation");
        _result = new SimulationResult
        {
            Seed = seed,
            ReplayCommand = $"posemu soak --seeds 1 --from {seed} --sales {config.SalesPerRun} --loop-micros {config.LoopPeriodMicros} --trace",
        };
    }

    /// <summary>
    /// Runs one seed and checks it. afterPowerLoss, when given, is called on the flash after each power cut,
    /// before the firmware boots again: tests use it to break the flow on purpose (a lost journal write, a
    /// dropped record) and show that the checker notices. The runner itself passes null.
    /// </summary>
    public static SimulationResult Run(ulong seed, SimulationConfig? config = null, Action<FlashFileStore, TerminalConfig>? afterPowerLoss = null)
    {
        var run = new SimulationRun(seed, config ?? new SimulationConfig());
        return run.Execute(afterPowerLoss);
    }

    private SimulationResult Execute(Action<FlashFileStore, TerminalConfig>? afterPowerLoss)
    {
        long began = System.Diagnostics.Stopwatch.GetTimestamp();
        var terminalConfig = new TerminalConfig();
        terminalConfig.Payment.PrintMerchantCopy = _config.PrintMerchantCopy;
        terminalConfig.LoopPeriodMicros = _config.LoopPeriodMicros;
        terminalConfig.Payment.ReceivePollMicros = _config.LoopPeriodMicros;
        using var rig = new TerminalRig(_result.Seed, FlashMode.LittleFs, config: terminalConfig);
        _rig = rig;
        DrawRates();
        _rig.Boot();
        Attach();
        long start = Now;
        for (int sale = 0; sale < _config.SalesPerRun; sale++)
        {
            KeySale();
            RunUntil(Quiet, start: Now, _config.SaleBoundSeconds, afterPowerLoss, terminalConfig);
        }
        Heal();
        RunUntil(Quiet, Now, _config.RecoverySeconds, afterPowerLoss, terminalConfig);
        var journal = CopyJournal();
        int batch = _rig.Flow.Journal.Batch;
        for (int attempt = 0; attempt < _config.SettlementAttempts && _rig.Flow.Journal.Batch == batch; attempt++)
        {
            _rig.Keys("XM3");
            Trace("settlement keyed (M3)");
            RunUntil(() => _rig.Flow.Journal.Batch != batch && Quiet(), Now, _config.SettlementBoundSeconds, afterPowerLoss, terminalConfig);
        }
        HarvestPaper(_rig.Terminal, _roll);
        _result.Wall.ClockActions += _rig.Terminal.Board.Clock.ActionsRun;
        _rig.CollectLog();
        _result.Trace.AddRange(_rig.Log);
        _result.PowerCuts = _rig.PowerCuts;
        _result.VirtualNanos = Now - start;
        _result.ReceiptsRead = _paper.Count;
        foreach (var record in journal)
        {
            _result.Reversals += record.State == TxnState.Reversed ? 1 : 0;
            _result.Unresolved += record.State == TxnState.Unresolved ? 1 : 0;
        }
        foreach (var (fault, count) in _rig.Host.Faults.Applied)
        {
            _result.Faults["acquirer/" + AcquirerFaults.NameOf(fault)] = count;
        }
        var records = new RunRecords
        {
            Ledger = _rig.Host.Snapshot(),
            Journal = journal,
            Paper = _paper,
            MerchantId = terminalConfig.Payment.MerchantId,
            TerminalId = terminalConfig.Payment.TerminalId,
            Batch = batch,
            MostRecords = _mostRecords,
            MaxRecords = terminalConfig.Payment.Journal.MaxRecords,
            MostFileBytes = _mostFileBytes,
            MaxFileBytes = terminalConfig.Payment.Journal.MaxFileBytes,
        };
        _result.Breaks.AddRange(InvariantChecker.Check(records));
        foreach (var job in Enum.GetValues<FlowJob>())
        {
            if (_otherTicksByJob[(int)job] > 0)
            {
                _result.Wall.OtherTicksByJob[job.ToString()] = _otherTicksByJob[(int)job];
            }
        }
        _config.Finished?.Invoke(_rig, _result);
        // The run is over and its paper read: the next run on this thread prints on the same rows.
        _rig.Terminal.Printer.Paper.Recycle();
        _result.Wall.TotalTicks = System.Diagnostics.Stopwatch.GetTimestamp() - began;
        return _result;
    }

    private long Now => _rig.Terminal.Board.Clock.NowNanos;

    // Each run draws its own weather: per-fault rates up to the configured ceilings.
    private void DrawRates()
    {
        foreach (var fault in AcquirerFaultKinds)
        {
            double p = _random.NextDouble() * _config.MaxAcquirerFault;
            _rig.Host.Faults.SetProbability(fault, p);
        }
        double n = _config.MaxNetworkFault;
        _networkFaults = new NetworkFaults
        {
            DropProbability = _random.NextDouble() * n,
            DuplicateProbability = _random.NextDouble() * n,
            LongDelayProbability = _random.NextDouble() * n,
            ResetProbability = _random.NextDouble() * n,
            ConnectRefusedProbability = _random.NextDouble() * n,
        };
    }

    // A new board (first boot or after a cut) gets the run's network weather, a fresh paper roll, and its
    // pin-level signal recording off unless asked for.
    private void Attach()
    {
        var terminal = _rig.Terminal;
        terminal.Board.Trace.Enabled = _config.RecordSignals;
        terminal.Board.Network.Faults = _networkFaults;
        _roll = new ReceiptRoll(terminal.Printer, () => terminal.App.Printer);
    }

    private void KeySale()
    {
        long now = Now;
        long amount = Amount();
        string code = _rig.NewCode(Schemes[_random.Next(Schemes.Length)]);
        if (_random.Chance(_config.ScannerFaultPerSale))
        {
            var item = _random.Next(4) switch
            {
                0 => ScanItem.Noise(1 + _random.Next(12)),
                1 => ScanItem.Truncated(code, 1 + _random.Next(code.Length - 1)),
                2 => ScanItem.Dropped(code, 1 + _random.Next(3)),
                _ => ScanItem.NoRead(),
            };
            _rig.Terminal.Scanner.PresentAt(now + 1_000_000, item);
            Fault("scanner/" + item.Fault.ToString().ToLowerInvariant(), item.ToString());
        }
        _rig.Sale(amount, code);
        _result.Sales++;
        Trace($"sale {_result.Sales}: {amount} fen, code {code}");
        if (_random.Chance(_config.PowerCutPerSale))
        {
            if (_random.Next(2) == 0)
            {
                long at = now + _random.NextInRange(1_000_000, 15_000_000_000);
                var board = _rig.Terminal.Board;
                _pendingCut?.Cancel();
                _pendingCut = board.Clock.ScheduleAt(at, () => board.Power.Cut(at, "simulated power cut"));
                Fault("power/cut-at-time", $"at {at / 1e9:F6} s");
            }
            else
            {
                int point = _rig.Flash.WritePoints + _random.Next(12);
                var phase = _random.Next(2) == 0 ? CutPhase.Before : CutPhase.After;
                _rig.Flash.PlanCut(point, phase);
                Fault("power/cut-at-write", $"write point {point} {phase}");
            }
        }
        if (_random.Chance(_config.PrinterFaultPerSale))
        {
            long at = now + _random.NextInRange(500_000_000, 8_000_000_000);
            long back = at + _random.NextInRange(1_000_000_000, 30_000_000_000);
            var printer = _rig.Terminal.Printer;
            if (_random.Next(2) == 0)
            {
                printer.LoadPaperAt(at, false);
                printer.LoadPaperAt(back, true);
                Fault("printer/paper-out", $"{at / 1e9:F3} s to {back / 1e9:F3} s");
            }
            else
            {
                printer.OpenPlatenAt(at, true);
                printer.OpenPlatenAt(back, false);
                Fault("printer/platen-open", $"{at / 1e9:F3} s to {back / 1e9:F3} s");
            }
        }
    }

    private long Amount()
    {
        long yuan = 1 + _random.Next(500);
        if (_random.Chance(_config.SpecialAmountShare))
        {
            // The acquirer's rules: ...88 user paying then paid, ...77 user paying then cancelled, ...51/...61 declined.
            int[] endings = [88, 77, 51, 61];
            return yuan * 100 + endings[_random.Next(endings.Length)];
        }
        long fen = _random.Next(100);
        return fen is 88 or 77 or 51 or 61 ? yuan * 100 : yuan * 100 + fen;
    }

    // Power and network come back for good; the paper is loaded and the platen closed.
    private void Heal()
    {
        _pendingCut?.Cancel();
        _pendingCut = null;
        _rig.Flash.PlanCut(-1, CutPhase.Before);
        _networkFaults = NetworkFaults.None();
        _rig.Terminal.Board.Network.Faults = _networkFaults;
        foreach (var fault in AcquirerFaultKinds)
        {
            _rig.Host.Faults.SetProbability(fault, 0);
        }
        var printer = _rig.Terminal.Printer;
        printer.LoadPaperAt(Now, true);
        printer.OpenPlatenAt(Now, false);
        Trace("healed: power and network healthy, paper loaded, platen closed");
    }

    private void RunUntil(Func<bool> done, long start, double boundSeconds, Action<FlashFileStore, TerminalConfig>? afterPowerLoss, TerminalConfig config)
    {
        long end = start + (long)(boundSeconds * 1e9);
        // Let the keys and the scan reach the flow before asking whether it is quiet.
        long settle = start + 2_000_000_000;
        while (Now < end && (Now < settle || !done()))
        {
            Step(afterPowerLoss, config);
        }
    }

    private void Step(Action<FlashFileStore, TerminalConfig>? afterPowerLoss, TerminalConfig config)
    {
        var terminal = _rig.Terminal;
        var app = terminal.App;
        bool pending = app.Printer != null && app.Printer.Pending;
        long linesBefore = app.PrintHeadDriver?.LinesPrinted ?? 0;
        var job = app.Payment?.Job ?? FlowJob.Idle;
        long began = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            app.Step();
            long spent = System.Diagnostics.Stopwatch.GetTimestamp() - began;
            // A pass prints when a job waits in the queue or a receipt went onto paper during it (the flow
            // submits a receipt from its idle pick and the queue prints it there and then).
            if (pending || (app.PrintHeadDriver?.LinesPrinted ?? 0) != linesBefore)
            {
                _result.Wall.PrintPasses++;
                _result.Wall.PrintTicks += spent;
            }
            else
            {
                _result.Wall.OtherPasses++;
                _result.Wall.OtherTicks += spent;
                _otherTicksByJob[(int)job] += spent;
            }
        }
        catch (PowerLossException)
        {
            HarvestPaper(terminal, _roll);
            // The reboot's time starts after the paper is read (that counts as decoding).
            began = System.Diagnostics.Stopwatch.GetTimestamp();
            _result.Wall.ClockActions += terminal.Board.Clock.ActionsRun;
            _pendingCut = null;
            _rig.Flash.Reboot();
            afterPowerLoss?.Invoke(_rig.Flash, config);
            _rig.Reboot();
            // The dead board's clock ran on in the reboot (bytes in flight); now it is gone, its paper read.
            terminal.Printer.Paper.Recycle();
            Attach();
            Trace($"power restored, reboot {_rig.PowerCuts}");
            _result.Wall.RebootTicks += System.Diagnostics.Stopwatch.GetTimestamp() - began;
            return;
        }
        _roll.Observe();
        var journal = _rig.Flow.Journal;
        _mostRecords = Math.Max(_mostRecords, journal.Count);
        _mostFileBytes = Math.Max(_mostFileBytes, journal.FileBytes);
    }

    private bool Quiet()
    {
        var flow = _rig.Flow;
        var journal = flow.Journal;
        for (int i = 0; i < journal.Count; i++)
        {
            var r = journal.At(i);
            if (r.State is TxnState.Prepared or TxnState.UserPaying or TxnState.ReversalPending)
            {
                return false;
            }
            if (r.Receipt is ReceiptState.Pending or ReceiptState.Started)
            {
                return false;
            }
        }
        return flow.Job == FlowJob.Idle && _rig.Terminal.App.Console!.PendingRequests == 0;
    }

    private List<TxnRecord> CopyJournal()
    {
        var copy = new List<TxnRecord>();
        var journal = _rig.Flow.Journal;
        for (int i = 0; i < journal.Count; i++)
        {
            var record = new TxnRecord();
            record.CopyFrom(journal.At(i));
            copy.Add(record);
        }
        return copy;
    }

    // The paper of a board is torn into its jobs and read before the board is gone.
    private void HarvestPaper(VirtualTerminal terminal, ReceiptRoll roll)
    {
        roll.Observe();
        var paper = terminal.Printer.Paper;
        if (paper.Height == 0)
        {
            return;
        }
        long began = System.Diagnostics.Stopwatch.GetTimestamp();
        var cuts = new List<int>(roll.Cuts);
        if (cuts.Count == 0 || cuts[^1] < paper.Height)
        {
            cuts.Add(paper.Height); // a job cut short by the power cut
        }
        int from = 0;
        foreach (int cut in cuts)
        {
            int to = Math.Min(cut, paper.Height);
            if (to <= from)
            {
                continue;
            }
            var texts = PaperReceipts.DecodeQr(paper, from, to);
            if (_config.KeepPaper)
            {
                _result.Paper.Add(new PaperPiece(paper.Width, to - from, paper.ToGray(from, to), texts));
            }
            foreach (string text in texts)
            {
                var receipt = PaperReceipts.Parse(text);
                if (receipt != null)
                {
                    _paper.Add(receipt);
                    Trace($"paper: receipt trace {receipt.Trace} ref {receipt.Reference}");
                }
            }
            from = to;
        }
        _result.Wall.DecodeTicks += System.Diagnostics.Stopwatch.GetTimestamp() - began;
    }

    private void Fault(string kind, string detail)
    {
        _result.Count(kind);
        Trace($"fault {kind}: {detail}");
    }

    private void Trace(string text)
    {
        _rig.CollectLog();
        _result.Trace.AddRange(_rig.Log);
        _rig.Log.Clear();
        _result.Trace.Add($"{Now / 1e9:F6} s sim: {text}");
    }
}
