namespace PosFirmware.Emulator.Scenarios;

/// <summary>
/// One entry of a scenario's steps: an event applied at its virtual time, or an expectation checked at its
/// time ("at") or by its deadline ("before"). Line is the file line the entry starts on, for messages.
/// </summary>
public sealed class ScenarioStep
{
    /// <summary>The file line (1-based) the step starts on.</summary>
    public required int Line { get; init; }

    /// <summary>Virtual nanoseconds since power-on the step happens at (or its deadline); End for the end of the run.</summary>
    public required long AtNanos { get; init; }

    /// <summary>True for "before": the expectation must have held at some moment up to AtNanos.</summary>
    public bool IsDeadline { get; init; }

    /// <summary>The step's verb (keys, scan, display, ledger, ...).</summary>
    public required string Verb { get; init; }

    /// <summary>What the step says, as written, for the report.</summary>
    public required string Text { get; init; }

    /// <summary>The event's action; null for an expectation.</summary>
    public Action<ScenarioRun>? Apply { get; init; }

    /// <summary>The expectation's check: null when it holds, else what was found instead.</summary>
    public Func<ScenarioRun, string?>? Check { get; init; }

    /// <summary>The time that stands for "the end of the run".</summary>
    public const long End = long.MaxValue;
}
