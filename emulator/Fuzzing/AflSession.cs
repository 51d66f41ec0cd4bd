using System.Diagnostics;
using System.Globalization;

namespace PosFirmware.Emulator.Fuzzing;

/// <summary>
/// One coverage-guided run of a target under AFL++: copies posemu's build into OUT/bin, instruments the
/// firmware, the drivers and the emulator's parsers there with SharpFuzz (so only their branches count as
/// coverage), writes the seed corpus, runs afl-fuzz for the time budget on `posemu fuzz TARGET --child`, and
/// reads its statistics. An existing OUT/TARGET/findings is resumed, so repeated runs add up.
/// </summary>
public sealed class AflSession
{
    private static readonly string[] InstrumentedAssemblies = ["PosFirmware.Firmware.dll", "PosFirmware.Drivers.dll", "posemu.dll"];

    // In posemu itself, only the parsers: the harnesses and the device models are not what is being fuzzed.
    private static readonly string[] EmulatorParsers = ["PosFirmware.Emulator.Acquirer.", "PosFirmware.Emulator.Cli.DemoScenario", "PosFirmware.Emulator.Scenarios.Scenario", "PosFirmware.Emulator.Peripherals.KeypadModel", "PosFirmware.Emulator.Iso8583.MessageFormatter"];

    private readonly FuzzTarget _target;
    private readonly string _root;
    private readonly string _work;
    private readonly string _bin;

    /// <summary>A session for target, with seeds and dictionary from the repo at root, in outFolder/TARGET (the instrumented build in outFolder/bin).</summary>
    public AflSession(FuzzTarget target, string root, string outFolder)
    {
        _target = target;
        _root = root;
        _work = Path.GetFullPath(Path.Combine(outFolder, target.Name));
        _bin = Path.GetFullPath(Path.Combine(outFolder, "bin"));
    }

    /// <summary>The folder AFL++ keeps its queue, crashes and hangs in.</summary>
    public string Findings => Path.Combine(_work, "findings", "default");

    /// <summary>Copies and instruments the build (once per work folder); returns the instrumented posemu.dll.</summary>
    public string Prepare(TextWriter log)
    {
        string bin = _bin;
        string marker = Path.Combine(bin, ".instrumented");
        string build = File.GetLastWriteTimeUtc(Path.Combine(AppContext.BaseDirectory, "posemu.dll")).Ticks.ToString(CultureInfo.InvariantCulture);
        if (!File.Exists(marker) || File.ReadAllText(marker) != build)
        {
            if (Directory.Exists(bin))
            {
                Directory.Delete(bin, recursive: true);
            }
            CopyFolder(AppContext.BaseDirectory, bin);
            foreach (string name in InstrumentedAssemblies)
            {
                Func<string, bool> matcher = name == "posemu.dll"
                    ? type => EmulatorParsers.Any(p => type.StartsWith(p, StringComparison.Ordinal))
                    : _ => true;
                int types = SharpFuzz.Fuzzer.Instrument(Path.Combine(bin, name), matcher, SharpFuzz.Options.Value).Count();
                log.WriteLine($"instrumented {name}: {types} types");
            }
            File.WriteAllText(marker, build);
        }
        string input = Path.Combine(_work, "seeds");
        Directory.CreateDirectory(input);
        var seeds = FuzzCorpus.Seeds(_target, _root);
        foreach (var (name, bytes) in seeds)
        {
            File.WriteAllBytes(Path.Combine(input, name), bytes);
        }
        log.WriteLine($"{_target.Name}: {seeds.Count} seeds in {input}, dictionary {FuzzCorpus.DictionaryPath(_target, _root)}");
        return Path.Combine(bin, "posemu.dll");
    }

    /// <summary>Runs afl-fuzz for seconds; returns its exit code (its output goes to OUT/TARGET/afl.log).</summary>
    public int Run(string posemuDll, int seconds, int timeoutMillis, TextWriter log)
    {
        bool resume = File.Exists(Path.Combine(Findings, "fuzzer_stats"));
        var start = new ProcessStartInfo("afl-fuzz")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "-i", resume ? "-" : Path.Combine(_work, "seeds"), "-o", Path.Combine(_work, "findings"),
            "-x", FuzzCorpus.DictionaryPath(_target, _root), "-t", timeoutMillis.ToString(CultureInfo.InvariantCulture),
            "-m", "none", "-V", seconds.ToString(CultureInfo.InvariantCulture),
            "--", "dotnet", posemuDll, "fuzz", _target.Name, "--child",
        })
        {
            start.ArgumentList.Add(arg);
        }
        // The target is dotnet, not a compiled-in AFL binary; this machine's CPUs are shared and scaled.
        start.Environment["AFL_SKIP_BIN_CHECK"] = "1";
        start.Environment["AFL_NO_UI"] = "1";
        start.Environment["AFL_SKIP_CPUFREQ"] = "1";
        start.Environment["AFL_NO_AFFINITY"] = "1";
        start.Environment["AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES"] = "1";
        start.Environment["AFL_FORKSRV_INIT_TMOUT"] = "120000";
        start.Environment["AFL_SHUFFLE_QUEUE"] = "0";
        log.WriteLine($"afl-fuzz {string.Join(' ', start.ArgumentList)}{(resume ? " (resuming)" : "")}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("afl-fuzz did not start");
        string logPath = Path.Combine(_work, "afl.log");
        using (var file = new StreamWriter(logPath))
        {
            var stderr = process.StandardError.ReadToEndAsync();
            file.Write(process.StandardOutput.ReadToEnd());
            file.Write(stderr.Result);
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>AFL++'s statistics for the run (fuzzer_stats as key/value), empty when it wrote none.</summary>
    public Dictionary<string, string> Stats()
    {
        var stats = new Dictionary<string, string>(StringComparer.Ordinal);
        string path = Path.Combine(Findings, "fuzzer_stats");
        if (!File.Exists(path))
        {
            return stats;
        }
        foreach (string line in File.ReadAllLines(path))
        {
            int colon = line.IndexOf(':');
            if (colon > 0)
            {
                stats[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        return stats;
    }

    /// <summary>The crashing and hanging inputs AFL++ saved.</summary>
    public string[] Failures(string kind)
    {
        string folder = Path.Combine(Findings, kind);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "id:*").Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (string dir in Directory.GetDirectories(from))
        {
            CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
