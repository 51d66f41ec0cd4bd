using System.Text;
using PosFirmware.Emulator.Cli;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// A demo scenario file through DemoScenario.Parse. Contract: a scenario or a FormatException naming the
/// line, nothing else; the steps it describes (one normalised line each) parse again to the same steps.
/// </summary>
public sealed class ScenarioTarget : FuzzTarget
{
    /// <inheritdoc />
    public override string Name => "scenario";

    /// <inheritdoc />
    public override string Summary => "DemoScenario.Parse on a scenario file, described and parsed again";

    /// <inheritdoc />
    public override IReadOnlyList<string> SeedFiles => ["emulator/Scenarios/*.scenario"];

    /// <inheritdoc />
    public override IEnumerable<byte[]> BuiltSeeds()
    {
        yield return "at 0.5 keys 1234E every 0.15\npresent dropped 134567890123456789 3\npresent noread\nfaults 0.3\n"u8.ToArray();
    }

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        string text = Encoding.UTF8.GetString(input);
        DemoScenario scenario;
        try
        {
            scenario = DemoScenario.Parse(text);
        }
        catch (FormatException e)
        {
            Require(e.Message.StartsWith("scenario line ", StringComparison.Ordinal), "an error that names no line: " + e.Message);
            return;
        }
        string described = string.Join("\n", scenario.Description);
        DemoScenario again;
        try
        {
            again = DemoScenario.Parse(described);
        }
        catch (FormatException e)
        {
            throw new FuzzContractException("the scenario's own description does not parse: " + e.Message);
        }
        Require(again.Description.SequenceEqual(scenario.Description), "the description parses to different steps");
    }
}
