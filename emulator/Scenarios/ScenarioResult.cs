namespace PosFirmware.Emulator.Scenarios;

/// <summary>What one scenario run came to.</summary>
public sealed class ScenarioResult
{
    /// <summary>The scenario that ran.</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>Expectations that did not hold, in the order they were checked.</summary>
    public List<ScenarioFailure> Failures { get; } = new();

    /// <summary>Expectations checked.</summary>
    public int Checked { get; set; }

    /// <summary>Virtual seconds run.</summary>
    public double VirtualSeconds { get; set; }

    /// <summary>Wall-clock seconds the run took.</summary>
    public double WallSeconds { get; set; }

    /// <summary>Power cuts taken.</summary>
    public int PowerCuts { get; set; }

    /// <summary>True when every expectation held.</summary>
    public bool Passed => Failures.Count == 0;
}
