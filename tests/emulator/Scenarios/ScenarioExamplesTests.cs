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
    public void Example_scenario_passes_through_posemu_run_with_junit(string name)
    {
        string junit = Path.Combine(Directory.CreateTempSubdirectory("scenario-junit").FullName, "junit.xml");
        var output = new StringWriter();
        int exit = PosFirmware.Emulator.Cli.RunCommand.Run(new[] { Path.Combine(ExamplesFolder, name) }, junit, output);
        Assert.True(exit == 0, output.ToString());
        var suite = System.Xml.Linq.XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.Equal("1", suite.Attribute("tests")!.Value);
        Assert.Equal("0", suite.Attribute("failures")!.Value);
        Assert.Equal("0", suite.Attribute("errors")!.Value);
        var checkedCount = System.Text.RegularExpressions.Regex.Match(suite.Element("testcase")!.Element("system-out")!.Value, "^([0-9]+) expectations checked");
        Assert.True(int.Parse(checkedCount.Groups[1].Value) >= 4, "checks something: " + output);
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
