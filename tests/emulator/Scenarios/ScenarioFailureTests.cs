using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Scenarios;
using Xunit;

namespace PosFirmware.Tests.Emulator.Scenarios;

/// <summary>A wrong expectation fails and says where; a bad file is refused naming its line.</summary>
public class ScenarioFailureTests
{
    private static string Example(string name) => File.ReadAllText(Path.Combine(ScenarioExamplesTests.ExamplesFolder, name));

    private static int LineOf(string text, string fragment) =>
        text.Replace("\r", "").Split('\n').Select((l, i) => (l, i)).Single(x => x.l.Contains(fragment, StringComparison.Ordinal)).i + 1;

    [Theory]
    [InlineData("ledger: {amount: 1234, state: PAID, debited: 1234}", "ledger: {amount: 1234, state: PAID, debited: 1235}", "debited 1234 fen, not 1235")]
    [InlineData("display: PRINTER FAULT", "display: PAPER JAM", "never showed \"PAPER JAM\"")]
    [InlineData("receipt: {qr: \"TRACE:000002\"}", "receipt: {qr: \"TRACE:000009\"}", "TRACE:000002")]
    [InlineData("journal: {amount: 1234, state: Approved, receipt: Started}", "journal: {amount: 1234, state: Declined, receipt: Started}", "transaction is Approved, not Declined")]
    public void A_wrong_expectation_fails_naming_file_line_and_virtual_time(string right, string wrong, string found)
    {
        string text = Example("paper-out-then-reprint.yaml");
        Assert.Contains(right, text);
        string mutated = text.Replace(right, wrong);
        int line = LineOf(mutated, wrong) - 1; // the step starts on the line with its time
        var result = ScenarioRunner.Run(Scenario.Parse(mutated, "wrong.yaml"));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(line, failure.Line);
        Assert.StartsWith($"wrong.yaml:{line}: at ", failure.ToString());
        Assert.Contains(" s virtual: expected ", failure.ToString());
        Assert.Contains(found, failure.ToString());
    }

    [Fact]
    public void Posemu_run_exits_non_zero_and_writes_junit_with_the_failure()
    {
        string folder = Directory.CreateTempSubdirectory("scenario-run").FullName;
        string good = Path.Combine(folder, "good.yaml");
        string bad = Path.Combine(folder, "bad.yaml");
        File.WriteAllText(good, Example("lost-response-reversal.yaml"));
        File.WriteAllText(bad, Example("lost-response-reversal.yaml").Replace("state: Reversed}", "state: Approved}"));
        string junit = Path.Combine(folder, "junit.xml");
        var output = new StringWriter();
        Assert.Equal(1, RunCommand.Run(new[] { good, bad }, junit, output));
        Assert.Contains("PASS " + good, output.ToString());
        Assert.Contains("FAIL " + bad, output.ToString());
        // The summary table: one row per file with its result.
        Assert.Matches("[│|] lost response and its reversal +[│|] PASS +[│|] 6 ", output.ToString());
        Assert.Matches("[│|] lost response and its reversal +[│|] FAIL +[│|] 6 +[│|] 1 ", output.ToString());
        Assert.EndsWith("1 of 2 scenarios passed" + Environment.NewLine, output.ToString());
        var doc = System.Xml.Linq.XDocument.Load(junit);
        var suite = doc.Root!.Element("testsuite")!;
        Assert.Equal("2", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        var failure = Assert.Single(doc.Descendants("failure"));
        Assert.Contains($"{bad}:{LineOf(File.ReadAllText(bad), "state: Approved}") - 1}: at ", failure.Attribute("message")!.Value);
        Assert.Equal(0, RunCommand.Run(new[] { good }, null, new StringWriter()));
    }

    [Fact]
    public void The_same_scenario_runs_the_same_twice()
    {
        string text = Example("pays-on-phone.yaml");
        string Run()
        {
            string outDir = Directory.CreateTempSubdirectory("scenario-det").FullName;
            var result = ScenarioRunner.Run(Scenario.Parse(text, "det.yaml"), (run, r) => ScenarioOutput.Write(outDir, run, r));
            Assert.True(result.Passed);
            // Every file of the folder, report page and summary included, byte for byte.
            return string.Concat(Directory.GetFiles(outDir, "*", SearchOption.AllDirectories).Order()
                .Select(f => Path.GetRelativePath(outDir, f) + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))) + "\n"));
        }
        string first = Run();
        Assert.Contains("receipts/receipt-01.png:", first);
        Assert.Contains("report.html:", first);
        Assert.Equal(first, Run());
    }

    [Theory]
    [InlineData("steps:\n  - at: 1\n    dance: now\n", 3, "unknown key 'dance'")]
    [InlineData("steps:\n  - at: x\n    keys: 1\n", 2, "'x' is not a time")]
    [InlineData("steps:\n  - before: 1\n    keys: 1\n", 2, "'keys' is an event")]
    [InlineData("steps:\n  - at: 1\n    keys: 1Q\n", 3, "unknown key 'Q'")]
    [InlineData("steps:\n  - at: 1\n    acquirer: eat-it\n", 3, "unknown acquirer fault 'eat-it'")]
    [InlineData("steps:\n  - at: 1\n    scan: \"noise 0\"\n", 3, "'0' is not a count")]
    [InlineData("steps:\n  - at: 1\n    journal: {amount: 5, state: Lost}\n", 3, "unknown journal state 'Lost'")]
    [InlineData("steps:\n  - at: 1\n    ledger: {amount: 1.5}\n", 3, "is not a whole number")]
    [InlineData("steps:\n  - at: 1\n    paper: maybe\n", 3, "expected in or out")]
    [InlineData("steps:\n  - at: 1\n    keys: 1\n    paper: in\n", 4, "one verb")]
    [InlineData("name: x\nsteps: [\n", 3, "not valid YAML")]
    [InlineData("seed: -1\nsteps: []\n", 1, "seed is a whole number")]
    [InlineData("duration: 1\nsteps:\n  - at: 5\n    keys: 1\n", 1, "ends before the last step")]
    public void A_bad_file_is_refused_naming_its_line(string text, int line, string message)
    {
        var e = Assert.Throws<ScenarioException>(() => Scenario.Parse(text, "bad.yaml"));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"bad.yaml:{line}: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Posemu_run_reports_a_file_it_cannot_read_as_an_error()
    {
        var output = new StringWriter();
        Assert.Equal(1, RunCommand.Run(new[] { "/nonexistent/x.yaml" }, null, output));
        Assert.Contains("ERROR /nonexistent/x.yaml", output.ToString());
    }
}
