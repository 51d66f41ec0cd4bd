using System.CommandLine;
using System.Diagnostics;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Operator;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Printing;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu demo`: boots the firmware on the virtual terminal, runs it in virtual time and writes what a
/// person checks: the VCD trace, and the operator display's history while the merchant keys an amount and
/// the customer's code is scanned. Prints the seed first so any run can be replayed.
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
        var scenario = new Option<string?>("--scenario") { Description = "key presses and scans to run instead of the built-in sale (see emulator/Scenarios)" };
        var command = new Command("demo", "Boot the firmware on the virtual terminal and write a VCD trace") { seed, outDir, seconds, timescale, scenario };
        command.SetAction(parse =>
        {
            var options = new DemoOptions(
                parse.GetValue(seed),
                parse.GetValue(outDir)!,
                parse.GetValue(seconds),
                parse.GetValue(timescale),
                parse.GetValue(scenario));
            return Run(options, Console.Out);
        });
        return command;
    }

    /// <summary>Runs the demo; returns the process exit code.</summary>
    public static int Run(DemoOptions options, TextWriter output)
    {
        output.WriteLine($"seed={options.Seed}");
        if (!(options.Seconds > 0 && options.Seconds <= 3600))
        {
            output.WriteLine("error: --seconds must be in (0, 3600]");
            return 2;
        }
        if (Array.IndexOf(Trace.VcdWriter.AllowedTimescalesNanos, options.TimescaleNanos) < 0)
        {
            output.WriteLine("error: --timescale-ns must be 1, 10, 100, 1000, 10000, 100000 or 1000000");
            return 2;
        }
        DemoScenario? scenario = null;
        if (options.Scenario != null)
        {
            try
            {
                scenario = DemoScenario.Parse(File.ReadAllText(options.Scenario));
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                output.WriteLine($"error: {options.Scenario}: {e.Message}");
                return 2;
            }
        }
        try
        {
            Directory.CreateDirectory(options.OutDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: --out {options.OutDir}: {e.Message}");
            return 2;
        }
        var wall = Stopwatch.StartNew();
        var terminal = new VirtualTerminal(options.Seed);
        terminal.App.Boot();
        if (scenario == null)
        {
            ScriptSale(terminal, output);
        }
        else
        {
            scenario.Apply(terminal);
            scenario.Description.ForEach(step => output.WriteLine($"scenario: {step}"));
        }
        terminal.App.RunFor((long)(options.Seconds * 1_000_000));
        long violations = PrintTestPage(terminal.Printer, options, output);
        var second = new VirtualBoard(options.Seed);
        var secondPrinter = new VirtualPrinter(second, ProfileLibrary.Load(ProfileLibrary.Second));
        violations += PrintTestPage(secondPrinter, options, output);
        second.WriteVcd(Path.Combine(options.OutDir, $"testpage-{ProfileLibrary.Second}.vcd"), options.TimescaleNanos);
        string vcd = Path.Combine(options.OutDir, "demo.vcd");
        terminal.Board.WriteVcd(vcd, options.TimescaleNanos);
        string displayFile = Path.Combine(options.OutDir, "display.txt");
        File.WriteAllText(displayFile, terminal.Display.HistoryText());
        wall.Stop();
        double virtualSeconds = terminal.Board.Clock.NowNanos / 1e9;
        output.WriteLine($"boot #{terminal.App.BootCount}, {terminal.App.Passes} loop passes, {virtualSeconds:F3} virtual s in {wall.Elapsed.TotalSeconds:F3} wall s");
        output.WriteLine($"trace: {terminal.Board.Trace.Changes.Count} changes on {terminal.Board.Trace.Signals.Count} signals -> {vcd}");
        ReportSale(terminal, output);
        string receipts = Path.Combine(options.OutDir, "receipts");
        output.WriteLine($"receipts: {Printing.SampleReceipts.WriteAll(receipts)} sample receipts (ESC/POS .bin and .png) -> {receipts}");
        output.Write(terminal.Display.HistoryText());
        output.WriteLine($"display history -> {displayFile}");
        return violations == 0 ? 0 : 1;
    }

    /// <summary>Prints the test page on a printer, writes its PNG and reports speed and timing violations.</summary>
    private static long PrintTestPage(VirtualPrinter printer, DemoOptions options, TextWriter output)
    {
        var page = TestPages.TestPage(printer.Profile, printer.Options, options.Seed);
        long start = printer.Board.Clock.NowNanos;
        foreach (var line in page)
        {
            var status = printer.PrintLineWaiting(line, 0);
            if (status != PrintStatus.Ok)
            {
                output.WriteLine($"test page {printer.Profile.Name}: stopped with {status}");
                return Math.Max(1, printer.Checker.Total);
            }
        }
        double seconds = (printer.Board.Clock.NowNanos - start) / 1e9;
        printer.Driver.Feed(8);
        string png = Path.Combine(options.OutDir, $"testpage-{printer.Profile.Name}.png");
        printer.SavePng(png);
        double mm = page.Length * printer.Profile.DotPitchMicrons / 1000.0;
        output.WriteLine($"test page {printer.Profile.Name}: {page.Length} lines, {mm / seconds:F1} mm/s, {printer.Checker.Summary()} -> {png}");
        foreach (var v in printer.Violations.Take(10))
        {
            output.WriteLine("  " + v);
        }
        return printer.Checker.Total;
    }

    /// <summary>When the merchant starts keying, and the gap between key presses.</summary>
    private const long FirstKeyNanos = 500_000_000;
    private const long KeyGapNanos = 150_000_000;

    // The merchant keys CNY 12.34 and ENTER; the customer first shows something that is not a payment
    // code (refused on the display), then a WeChat payment code drawn from the seed.
    private static void ScriptSale(VirtualTerminal terminal, TextWriter output)
    {
        var random = terminal.Board.Random.Fork("demo");
        string wechat = (10 + random.Next(6)).ToString() + random.NextInRange(0, 10_000_000_000_000_000).ToString("D16");
        const string keys = "1234E";
        long last = terminal.Keypad.Type(keys, FirstKeyNanos, KeyGapNanos);
        terminal.Scanner.Present(ScanItem.Of("6901234567892"));
        terminal.Scanner.Present(ScanItem.Of(wechat));
        output.WriteLine($"script: keys \"{keys}\" from {FirstKeyNanos / 1e9:F3} s to {last / 1e9:F3} s; scanner shows an EAN-13 product code, then WeChat code {wechat}");
    }

    private static void ReportSale(VirtualTerminal terminal, TextWriter output)
    {
        foreach (string line in terminal.Scanner.Log)
        {
            output.WriteLine($"scanner: {line}");
        }
        if (terminal.App.ScannerError != null)
        {
            output.WriteLine($"scanner error: {terminal.App.ScannerError}");
        }
        var request = new ConsoleRequest();
        if (terminal.App.Console != null && terminal.App.Console.TakeRequest(request) && request.Kind == ConsoleRequestKind.Sale)
        {
            output.WriteLine($"sale request for the payment flow: {AmountText.Format(request.AmountFen)}, {request.Scheme} code {request.Code}");
        }
        else
        {
            output.WriteLine("no sale request (run longer: --seconds 3)");
        }
    }
}

/// <summary>What the demo was asked to do.</summary>
public sealed record DemoOptions(ulong Seed, string OutDir, double Seconds, long TimescaleNanos, string? Scenario = null);
