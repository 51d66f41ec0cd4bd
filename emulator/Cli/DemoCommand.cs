using System.CommandLine;
using System.Diagnostics;
using PosFirmware.Emulator.Board;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu demo`: boots the firmware on the virtual terminal, runs it in virtual time and writes what a
/// person checks: the VCD trace. Prints the seed first so any run can be replayed.
/// </summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var seed = new Option<ulong>("--seed") { Description = "seed for every random draw", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string>("--out") { Description = "folder for the outputs", DefaultValueFactory = _ => "out" };
        var seconds = new Option<double>("--seconds") { Description = "virtual seconds to run", DefaultValueFactory = _ => 3.0 };
        var timescale = new Option<long>("--timescale-ns") { Description = "VCD timescale in ns (1, 10, 100, 1000, ...)", DefaultValueFactory = _ => 1000 };
        var command = new Command("demo", "Boot the firmware on the virtual terminal and write a VCD trace") { seed, outDir, seconds, timescale };
        command.SetAction(parse =>
        {
            var options = new DemoOptions(
                parse.GetValue(seed),
                parse.GetValue(outDir)!,
                parse.GetValue(seconds),
                parse.GetValue(timescale));
            return Run(options, Console.Out);
        });
        return command;
    }

    /// <summary>Runs the demo; returns the process exit code.</summary>
    public static int Run(DemoOptions options, TextWriter output)
    {
        output.WriteLine($"seed={options.Seed}");
        if (options.Seconds <= 0 || options.Seconds > 3600)
        {
            output.WriteLine("error: --seconds must be in (0, 3600]");
            return 2;
        }
        if (Array.IndexOf(Trace.VcdWriter.AllowedTimescalesNanos, options.TimescaleNanos) < 0)
        {
            output.WriteLine("error: --timescale-ns must be 1, 10, 100, 1000, 10000, 100000 or 1000000");
            return 2;
        }
        Directory.CreateDirectory(options.OutDir);
        var wall = Stopwatch.StartNew();
        var terminal = new VirtualTerminal(options.Seed);
        terminal.App.Boot();
        terminal.App.RunFor((long)(options.Seconds * 1_000_000));
        string vcd = Path.Combine(options.OutDir, "demo.vcd");
        terminal.Board.WriteVcd(vcd, options.TimescaleNanos);
        wall.Stop();
        double virtualSeconds = terminal.Board.Clock.NowNanos / 1e9;
        output.WriteLine($"boot #{terminal.App.BootCount}, {terminal.App.Passes} loop passes, {virtualSeconds:F3} virtual s in {wall.Elapsed.TotalSeconds:F3} wall s");
        output.WriteLine($"trace: {terminal.Board.Trace.Changes.Count} changes on {terminal.Board.Trace.Signals.Count} signals -> {vcd}");
        string receipts = Path.Combine(options.OutDir, "receipts");
        output.WriteLine($"receipts: {Printing.SampleReceipts.WriteAll(receipts)} sample receipts (ESC/POS .bin and .png) -> {receipts}");
        return 0;
    }
}

/// <summary>What the demo was asked to do.</summary>
public sealed record DemoOptions(ulong Seed, string OutDir, double Seconds, long TimescaleNanos);
