using System.CommandLine;
using PosFirmware.Emulator.Fuzzing;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu fuzz TARGET --seconds S`: coverage-guided fuzzing of one parser (or `all`) with AFL++ and
/// SharpFuzz; prints executions per second, paths, coverage and crashes, and where the crashing inputs
/// are. `--replay FILE...` runs inputs through the target's contract without AFL (what the regression
/// tests do); `--child` is the process afl-fuzz runs; `posemu fuzz list` names the targets.
/// </summary>
public static class FuzzCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var target = new Argument<string>("target") { Description = "a target name, 'all', or 'list'" };
        var seconds = new Option<int>("--seconds") { Description = "time budget per target in seconds", DefaultValueFactory = _ => 60 };
        var output = new Option<string>("--out") { Description = "working folder (instrumented build, seeds, AFL++ findings)", DefaultValueFactory = _ => Path.Combine("out", "fuzz") };
        var timeout = new Option<int>("--timeout-ms") { Description = "afl-fuzz -t: an input taking longer is a hang", DefaultValueFactory = _ => 2000 };
        var replay = new Option<string[]>("--replay") { Description = "run these input files through the target's contract and report each", AllowMultipleArgumentsPerToken = true };
        var child = new Option<bool>("--child") { Description = "serve afl-fuzz (used by the command itself)", Hidden = true };
        var command = new Command("fuzz", "Coverage-guided fuzzing of the parsers with AFL++ (apt-get install afl++)") { target, seconds, output, timeout, replay, child };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(target)!;
            string[]? files = parse.GetValue(replay);
            if (parse.GetValue(child))
            {
                // Reached only when Program.Main's early dispatch did not match (extra arguments).
                Console.Error.WriteLine("error: --child takes no other options");
                return 2;
            }
            if (files is { Length: > 0 })
            {
                return Replay(name, files, Console.Out);
            }
            return Fuzz(name, parse.GetValue(seconds), parse.GetValue(output)!, parse.GetValue(timeout), Console.Out);
        });
        return command;
    }

    /// <summary>Fuzzes one target or all for seconds each; exit 0 clean, 1 crashes or hangs found, 2 usage.</summary>
    public static int Fuzz(string name, int seconds, string outFolder, int timeoutMillis, TextWriter output)
    {
        if (name == "list")
        {
            foreach (var t in FuzzTargets.All)
            {
                output.WriteLine($"{t.Name,-18} {t.Summary}");
            }
            return 0;
        }
        var targets = name == "all" ? FuzzTargets.All : FuzzTargets.Find(name) is { } one ? [one] : [];
        if (targets.Count == 0)
        {
            output.WriteLine($"error: no fuzz target '{name}' (posemu fuzz list)");
            return 2;
        }
        if (seconds < 1)
        {
            output.WriteLine("error: --seconds must be at least 1");
            return 2;
        }
        string? root = FuzzCorpus.FindRoot(Directory.GetCurrentDirectory());
        if (root == null)
        {
            output.WriteLine("error: run from inside the PosFirmware repo (seeds and dictionaries are read from it)");
            return 2;
        }
        int status = 0;
        foreach (var target in targets)
        {
            var session = new AflSession(target, root, outFolder);
            string posemu = session.Prepare(output);
            int afl;
            try
            {
                afl = session.Run(posemu, seconds, timeoutMillis, output);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                output.WriteLine("error: afl-fuzz is not installed (apt-get install afl++)");
                return 2;
            }
            var stats = session.Stats();
            if (stats.Count == 0)
            {
                output.WriteLine($"{target.Name}: afl-fuzz exited {afl} without statistics; see {Path.Combine(outFolder, target.Name, "afl.log")}");
                status = Math.Max(status, 1);
                continue;
            }
            string Stat(string key) => stats.GetValueOrDefault(key, "?");
            string[] crashes = session.Failures("crashes");
            string[] hangs = session.Failures("hangs");
            output.WriteLine($"{target.Name}: {Stat("run_time")} s, {Stat("execs_done")} execs, {Stat("execs_per_sec")} execs/s, "
                + $"{Stat("corpus_count")} paths, {Stat("edges_found")}/{Stat("total_edges")} edges ({Stat("bitmap_cvg")}), "
                + $"{crashes.Length} crashes, {hangs.Length} hangs");
            foreach (string file in crashes.Concat(hangs))
            {
                output.WriteLine($"  {file}: {FuzzRunner.Replay(target, File.ReadAllBytes(file)) ?? "passes when replayed (a hang, or a crash of the process)"}");
            }
            if (crashes.Length + hangs.Length > 0)
            {
                output.WriteLine($"  add each to the regression set: cp FILE {FuzzCorpus.RegressionFolder}/{target.Name}/NAME.bin");
                status = 1;
            }
        }
        return status;
    }

    /// <summary>Replays files through a target; exit 0 if every one keeps the contract.</summary>
    public static int Replay(string name, string[] files, TextWriter output)
    {
        var target = FuzzTargets.Find(name);
        if (target == null)
        {
            output.WriteLine($"error: no fuzz target '{name}' (posemu fuzz list)");
            return 2;
        }
        int failed = 0;
        foreach (string file in files)
        {
            string? failure = FuzzRunner.Replay(target, File.ReadAllBytes(file));
            output.WriteLine($"{file}: {failure ?? "ok"}");
            failed += failure == null ? 0 : 1;
        }
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Serves afl-fuzz: runs each input it sends through the target (Program.Main calls it first thing).</summary>
    public static int Child(string name)
    {
        var target = FuzzTargets.Find(name);
        if (target == null)
        {
            Console.Error.WriteLine($"error: no fuzz target '{name}'");
            return 2;
        }
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            FuzzRunner.Execute(target, copy.ToArray());
        });
        return 0;
    }
}
