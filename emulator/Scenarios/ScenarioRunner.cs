using System.Diagnostics;

namespace PosFirmware.Emulator.Scenarios;

/// <summary>
/// Runs a scenario on the terminal and acquirer in virtual time: events are applied at their times,
/// expectations "at" a time are checked then, expectations "before" a deadline are polled until they hold or
/// the deadline passes, and at the end of the run the simulation's invariants are checked (no sale debited
/// twice). Deterministic: the same file gives the same run.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>How often a deadline expectation is polled, in virtual nanoseconds.</summary>
    public const long PollNanos = 250_000_000;

    /// <summary>Runs a scenario; the run is handed to inspect (for the output folder) before it is disposed.</summary>
    public static ScenarioResult Run(Scenario scenario, Action<ScenarioRun, ScenarioResult>? inspect = null, Action<double>? progress = null)
    {
        var wall = Stopwatch.StartNew();
        var result = new ScenarioResult { Scenario = scenario };
        using var run = new ScenarioRun(scenario.Seed);
        run.Rig.Boot();
        var timed = scenario.Steps
            .Select((step, index) => (step, index))
            .OrderBy(x => x.step.AtNanos == ScenarioStep.End ? scenario.DurationNanos : x.step.AtNanos)
            .ThenBy(x => x.step.IsDeadline ? 1 : 0)
            .ThenBy(x => x.index)
            .Select(x => x.step)
            .ToList();
        var pending = timed.Where(s => s.IsDeadline).ToList();
        foreach (var step in timed.Where(s => !s.IsDeadline))
        {
            long at = step.AtNanos == ScenarioStep.End ? scenario.DurationNanos : step.AtNanos;
            RunPolling(run, at, pending, result);
            progress?.Invoke(Math.Min(1.0, (double)run.NowNanos / Math.Max(1, scenario.DurationNanos)));
            if (step.Apply != null)
            {
                step.Apply(run);
            }
            else
            {
                Check(run, step, result);
            }
        }
        RunPolling(run, scenario.DurationNanos, pending, result);
        foreach (var step in pending)
        {
            // Deadlines past the end of the run are judged at the end.
            Check(run, step, result);
        }
        progress?.Invoke(1.0);
        CheckInvariants(run, scenario, result);
        result.VirtualSeconds = run.NowNanos / 1e9;
        result.PowerCuts = run.Rig.PowerCuts;
        inspect?.Invoke(run, result);
        result.WallSeconds = wall.Elapsed.TotalSeconds;
        return result;
    }

    // Runs to `until`, polling the deadline expectations on the way: one that holds is done, one whose
    // deadline passes without holding has failed.
    private static void RunPolling(ScenarioRun run, long until, List<ScenarioStep> pending, ScenarioResult result)
    {
        while (true)
        {
            for (int i = pending.Count - 1; i >= 0; i--)
            {
                var step = pending[i];
                string? found = step.Check!(run);
                if (found == null || run.NowNanos >= step.AtNanos)
                {
                    result.Checked++;
                    if (found != null)
                    {
                        result.Failures.Add(new ScenarioFailure(result.Scenario.File, step.Line, run.NowNanos, step.Text + $" before {step.AtNanos / 1e9:F3} s", found));
                    }
                    pending.RemoveAt(i);
                }
            }
            if (run.NowNanos >= until)
            {
                return;
            }
            long next = until;
            foreach (var step in pending)
            {
                next = Math.Min(next, Math.Max(step.AtNanos, run.NowNanos + 1));
            }
            run.RunTo(Math.Min(next, run.NowNanos + PollNanos));
        }
    }

    private static void Check(ScenarioRun run, ScenarioStep step, ScenarioResult result)
    {
        result.Checked++;
        string? found = step.Check!(run);
        if (found != null)
        {
            result.Failures.Add(new ScenarioFailure(result.Scenario.File, step.Line, run.NowNanos, step.Text, found));
        }
    }

    private static void CheckInvariants(ScenarioRun run, Scenario scenario, ScenarioResult result)
    {
        var ledger = run.Ledger();
        foreach (var sale in ledger.Sales)
        {
            result.Checked++;
            if (ledger.DebitCount(sale.Id) > 1 || ledger.NetDebitFen(sale.Id) > sale.AmountFen || ledger.NetDebitFen(sale.Id) < 0)
            {
                result.Failures.Add(new ScenarioFailure(scenario.File, 1, run.NowNanos, "no sale debited more than once (invariant)",
                    $"sale {sale.Batch}/{sale.Trace} of {sale.AmountFen} fen has {ledger.DebitCount(sale.Id)} debits, net {ledger.NetDebitFen(sale.Id)} fen"));
            }
        }
    }
}
