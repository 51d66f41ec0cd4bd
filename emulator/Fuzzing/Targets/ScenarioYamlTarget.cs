using System.Text;
using PosFirmware.Emulator.Scenarios;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// A YAML scenario file (`posemu run`) through Scenario.Parse. Contract: a scenario or a ScenarioException
/// naming the file and a line, nothing else (YamlDotNet's own odd exception types must not escape); a
/// scenario has a positive duration and its steps in file order.
/// </summary>
public sealed class ScenarioYamlTarget : FuzzTarget
{
    /// <inheritdoc />
    public override string Name => "scenario-yaml";

    /// <inheritdoc />
    public override string Summary => "Scenario.Parse on a YAML scenario file";

    /// <inheritdoc />
    public override IReadOnlyList<string> SeedFiles => ["emulator/Scenarios/Examples/*.yaml"];

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        string text = Encoding.UTF8.GetString(input);
        Scenario scenario;
        try
        {
            scenario = Scenario.Parse(text, "fuzz.yaml");
        }
        catch (ScenarioException e)
        {
            Require(e.Message.Contains("fuzz.yaml", StringComparison.Ordinal), "an error that names no file: " + e.Message);
            return;
        }
        Require(scenario.DurationNanos > 0, "duration " + scenario.DurationNanos);
        Require(scenario.Steps.Count <= input.Length, scenario.Steps.Count + " steps from " + input.Length + " bytes");
    }
}
