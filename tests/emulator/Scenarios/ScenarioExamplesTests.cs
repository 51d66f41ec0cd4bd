using PosFirmware.Emulator.Scenarios;
using Xunit;

namespace PosFirmware.Tests.Emulator.Scenarios;

/// <summary>Every example scenario in the repository runs and passes; each is a story a user would script.</summary>
public class ScenarioExamplesTests
{
    internal static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "PosFirmware.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, relative);
    }

    internal static string ExamplesFolder => RepoFile("emulator/Scenarios/Examples");

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(ExamplesFolder, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_scenario_passes(string name)
    {
        var scenario = Scenario.Load(Path.Combine(ExamplesFolder, name));
        var result = ScenarioRunner.Run(scenario);
        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.True(result.Checked >= 3, "checks something");
    }

    [Fact]
    public void Every_seed_story_has_an_example()
    {
        var names = Directory.GetFiles(ExamplesFolder, "*.yaml").Select(Path.GetFileName).ToList();
        foreach (string story in new[] { "paper-out-then-reprint", "lost-response-reversal", "reversal-unresolved", "pays-on-phone", "wrong-code-type", "settlement-mismatch" })
        {
            Assert.Contains(story + ".yaml", names);
        }
    }
}
