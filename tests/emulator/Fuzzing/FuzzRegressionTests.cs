using System.Text.RegularExpressions;
using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Fuzzing;
using Xunit;

namespace PosFirmware.Tests.Emulator.Fuzzing;

/// <summary>
/// The fuzz targets' regression set: every input the fuzzer ever found failing (committed under
/// tests/emulator/Fuzzing/Crashes/TARGET/) and every seed is replayed through the same contract the
/// fuzzer checks, so a parser bug found once stays fixed and the corpus itself stays clean.
/// </summary>
public class FuzzRegressionTests
{
    private static readonly string Root = FuzzCorpus.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("tests run inside the repo");

    public static TheoryData<string, string> Regressions()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.All)
        {
            foreach (string file in FuzzCorpus.Regressions(target, Root))
            {
                data.Add(target.Name, Path.GetFileName(file));
            }
        }
        return data;
    }

    public static TheoryData<string> TargetNames()
    {
        var data = new TheoryData<string>();
        foreach (var target in FuzzTargets.All)
        {
            data.Add(target.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Regressions))]
    public void A_found_failure_stays_fixed(string targetName, string file)
    {
        var target = FuzzTargets.Find(targetName)!;
        byte[] input = File.ReadAllBytes(Path.Combine(Root, FuzzCorpus.RegressionFolder, targetName, file));
        Assert.Null(FuzzRunner.Replay(target, input));
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Every_seed_keeps_the_contract(string targetName)
    {
        var target = FuzzTargets.Find(targetName)!;
        var seeds = FuzzCorpus.Seeds(target, Root);
        Assert.NotEmpty(seeds);
        foreach (var (name, bytes) in seeds)
        {
            Assert.True(FuzzRunner.Replay(target, bytes) == null, $"{targetName} seed {name}: {FuzzRunner.Replay(target, bytes)}");
        }
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Every_target_has_a_dictionary_afl_can_read(string targetName)
    {
        string path = FuzzCorpus.DictionaryPath(FuzzTargets.Find(targetName)!, Root);
        var entry = new Regex(@"^[A-Za-z0-9_]+=""([^""\\]|\\x[0-9a-fA-F]{2}|\\\\|\\"")*""$");
        int entries = 0;
        foreach (string line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            Assert.Matches(entry, line);
            entries++;
        }
        Assert.True(entries >= 8, $"{path}: {entries} tokens");
    }

    [Fact]
    public void Target_names_are_unique_and_every_regression_folder_names_a_target()
    {
        var names = FuzzTargets.All.Select(t => t.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        string folder = Path.Combine(Root, FuzzCorpus.RegressionFolder);
        foreach (string dir in Directory.GetDirectories(folder))
        {
            Assert.Contains(Path.GetFileName(dir), names);
        }
    }

    [Fact]
    public void The_runner_reports_an_escaping_exception_and_a_blown_allocation_budget()
    {
        Assert.Contains("IndexOutOfRangeException", FuzzRunner.Replay(new ThrowingTarget(), [1, 2, 3]));
        Assert.Contains("bytes allocated", FuzzRunner.Replay(new AllocatingTarget(), [1]));
        Assert.Null(FuzzRunner.Replay(new AllocatingTarget(), []));
    }

    [Fact]
    public void A_scalar_acquirer_config_is_an_error_not_a_stack_overflow()
    {
        // The scalar-root document made YamlDotNet call AcquirerConfig.Parse on itself until the stack
        // overflowed; the fixed parser names the problem instead.
        var e = Assert.Throws<PosFirmware.Emulator.Acquirer.AcquirerConfigException>(() => PosFirmware.Emulator.Acquirer.AcquirerConfig.Parse("hello"));
        Assert.Contains("mapping", e.Message);
    }

    [Fact]
    public void The_command_lists_targets_and_refuses_unknown_ones()
    {
        var output = new StringWriter();
        Assert.Equal(0, FuzzCommand.Fuzz("list", 1, "out/fuzz", 2000, output));
        foreach (var target in FuzzTargets.All)
        {
            Assert.Contains(target.Name, output.ToString());
        }
        Assert.Equal(2, FuzzCommand.Fuzz("no-such-parser", 1, "out/fuzz", 2000, new StringWriter()));
        string file = Path.Combine(Root, FuzzCorpus.RegressionFolder, "acquirer-config", "scalar-root-stack-overflow.yaml");
        var replay = new StringWriter();
        Assert.Equal(0, FuzzCommand.Replay("acquirer-config", [file], replay));
        Assert.Contains(": ok", replay.ToString());
    }

    private sealed class ThrowingTarget : FuzzTarget
    {
        public override string Name => "throwing";

        public override string Summary => "indexes past its input";

        public override void Run(byte[] input) => _ = input[input.Length];
    }

    private sealed class AllocatingTarget : FuzzTarget
    {
        public override string Name => "allocating";

        public override string Summary => "allocates a megabyte per input byte";

        public override long MaxAllocatedBytes => 512 * 1024;

        public override void Run(byte[] input)
        {
            for (int i = 0; i < input.Length; i++)
            {
                GC.KeepAlive(new byte[1024 * 1024]);
            }
        }
    }
}
