using System.Globalization;
using System.Xml.Linq;

namespace PosFirmware.Emulator.Scenarios;

/// <summary>
/// The JUnit XML report CI systems display: one testsuite "posemu run", one testcase per scenario file, a
/// failure element per expectation that did not hold and an error element for a file that could not be read.
/// </summary>
public static class JUnitReport
{
    /// <summary>One scenario file's outcome: a result, or the error that kept it from running.</summary>
    public sealed record Entry(string File, ScenarioResult? Result, string? Error);

    /// <summary>Builds the report.</summary>
    public static XDocument Build(IReadOnlyList<Entry> entries)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", "posemu run"),
            new XAttribute("tests", entries.Count),
            new XAttribute("failures", entries.Count(e => e.Result is { Passed: false })),
            new XAttribute("errors", entries.Count(e => e.Error != null)),
            new XAttribute("time", Seconds(entries.Sum(e => e.Result?.WallSeconds ?? 0))));
        foreach (var entry in entries)
        {
            var testcase = new XElement("testcase",
                new XAttribute("classname", "scenarios"),
                new XAttribute("name", entry.Result?.Scenario.Name ?? Path.GetFileNameWithoutExtension(entry.File)),
                new XAttribute("file", entry.File),
                new XAttribute("time", Seconds(entry.Result?.WallSeconds ?? 0)));
            if (entry.Error != null)
            {
                testcase.Add(new XElement("error", new XAttribute("message", entry.Error), entry.Error));
            }
            foreach (var failure in entry.Result?.Failures ?? new List<ScenarioFailure>())
            {
                testcase.Add(new XElement("failure",
                    new XAttribute("message", failure.ToString().Split('\n')[0]),
                    new XAttribute("type", "expectation"),
                    failure.ToString()));
            }
            if (entry.Result != null)
            {
                testcase.Add(new XElement("system-out",
                    $"{entry.Result.Checked} expectations checked, {entry.Result.VirtualSeconds:F3} s virtual, {entry.Result.PowerCuts} power cuts"));
            }
            suite.Add(testcase);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
    }

    private static string Seconds(double s) => s.ToString("F3", CultureInfo.InvariantCulture);
}
