namespace PosFirmware.Emulator.Scenarios;

/// <summary>An expectation that did not hold: where it is written, when it was checked, and what was found.</summary>
public sealed record ScenarioFailure(string File, int Line, long AtNanos, string Expectation, string Found)
{
    /// <summary>"file:line: at 12.345 s virtual: expected display: APPROVED; the display shows ...".</summary>
    public override string ToString() => $"{File}:{Line}: at {AtNanos / 1e9:F3} s virtual: expected {Expectation}; {Found}";
}
