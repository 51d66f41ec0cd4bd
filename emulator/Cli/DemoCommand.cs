using System.CommandLine;
using System.Diagnostics;
using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Network;
using PosFirmware.Emulator.Payment;
using PosFirmware.Emulator.Printing;
using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Operator;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Emulator.Reports;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu demo`: boots the firmware on the virtual terminal and runs a short day in a shop through the
/// real payment flow against the acquirer simulator (in process, or over TCP with --acquirer), in virtual
/// time. Writes what a person checks: the receipts the firmware printed (one PNG per tear, read from the
/// paper model), the display history, the transaction log, the journal, the acquirer's ledger, the VCD
/// trace and the print-head test pages. Prints the seed first so any run can be replayed.
/// </summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var seed = new Option<ulong>("--seed") { Description = "seed for every random draw", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string>("--out") { Description = "folder for the outputs", DefaultValueFactory = _ => "out" };
        var seconds = new Option<double>("--seconds") { Description = "virtual seconds to run (default: the whole shop day, 120 s)", DefaultValueFactory = _ => ShopDay.LengthSeconds };
        var timescale = new Option<long>("--timescale-ns") { Description = "VCD timescale in ns (1, 10, 100, 1000, ...)", DefaultValueFactory = _ => 1000 };
        var scenario = new Option<string?>("--scenario") { Description = "key presses and scans to run instead of the shop day (see emulator/Scenarios)" };
        var acquirer = new Option<string?>("--acquirer") { Description = "HOST:PORT of an acquirer over real TCP (e.g. posemu acquirer --listen) instead of the in-process simulator" };
        var command = new Command("demo", "Run a day in a shop on the virtual terminal: sales, reversal, user paying, paper out, reprint, settlement") { seed, outDir, seconds, timescale, scenario, acquirer };
        command.SetAction(parse =>
        {
            var options = new DemoOptions(
                parse.GetValue(seed),
                parse.GetValue(outDir)!,
                parse.GetValue(seconds),
                parse.GetValue(timescale),
                parse.GetValue(scenario),
                parse.GetValue(acquirer));
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
        (string Host, int Port)? tcp = null;
        if (options.Acquirer != null)
        {
            tcp = ParseEndpoint(options.Acquirer);
            if (tcp == null)
            {
                output.WriteLine($"error: --acquirer {options.Acquirer}: expected HOST:PORT");
                return 2;
            }
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
        string ledgerPath = Path.Combine(options.OutDir, "acquirer.db");
        if (!OutputFolder.TryClaim(options.OutDir, "demo", output))
        {
            return 2;
        }
        try
        {
            // A new day: the previous run's ledger and receipts would mix with this one's.
            File.Delete(ledgerPath);
            string receiptDir = Path.Combine(options.OutDir, "receipts");
            if (Directory.Exists(receiptDir))
            {
                Directory.Delete(receiptDir, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: --out {options.OutDir}: {e.Message}");
            return 2;
        }
        var wall = Stopwatch.StartNew();
        var terminal = tcp == null
            ? new VirtualTerminal(options.Seed)
            : new VirtualTerminal(options.Seed, network: board => new TcpNetworkLink(board.Clock, board.Power, tcp.Value.Host, tcp.Value.Port));
        VirtualAcquirer? acquirer = tcp == null ? VirtualAcquirer.Attach(terminal, ledgerPath: ledgerPath) : null;
        try
        {
            return RunDay(terminal, acquirer, scenario, options, output, wall);
        }
        finally
        {
            acquirer?.Host.Ledger.Dispose();
        }
    }

    private static int RunDay(VirtualTerminal terminal, VirtualAcquirer? acquirer, DemoScenario? scenario, DemoOptions options, TextWriter output, Stopwatch wall)
    {
        output.WriteLine(acquirer != null ? "acquirer: in-process simulator" : $"acquirer: {options.Acquirer} over TCP");
        terminal.App.Boot();
        ShopDay? day = null;
        if (scenario == null)
        {
            day = new ShopDay(terminal, acquirer);
            foreach (string line in day.Script)
            {
                output.WriteLine("day: " + line);
            }
        }
        else
        {
            scenario.Apply(terminal);
            scenario.Description.ForEach(step => output.WriteLine($"scenario: {step}"));
        }
        var roll = new ReceiptRoll(terminal.Printer, () => terminal.App.Printer);
        var head = new HeadSeries();
        HeadSeries.TraceAnalog(terminal.Printer);
        long end = terminal.Board.Clock.NowNanos / 1000 + (long)(options.Seconds * 1_000_000);
        // A real acquirer keeps real time (its "user paying" orders settle after wall seconds): over TCP the
        // virtual clock is held back to the wall clock. In process, virtual time runs as fast as it can.
        bool realtime = acquirer == null;
        var pace = Stopwatch.StartNew();
        long startMicros = terminal.Board.Clock.NowNanos / 1000;
        LongRun.WithProgress(output, addTask =>
        {
            var progress = addTask($"demo, {options.Seconds:F0} virtual s", end - startMicros);
            long shown = 0;
            while (terminal.Board.Clock.NowNanos / 1000 < end)
            {
                terminal.App.Step();
                roll.Observe();
                head.Sample(terminal.Printer);
                day?.Watch();
                long now = terminal.Board.Clock.NowNanos / 1000;
                if (now - shown >= 100_000)
                {
                    shown = now;
                    progress(now - startMicros);
                }
                if (realtime)
                {
                    long ahead = now - startMicros - (long)(pace.Elapsed.TotalMilliseconds * 1000);
                    if (ahead > 2000)
                    {
                        Thread.Sleep((int)(ahead / 1000));
                    }
                }
            }
            progress(end - startMicros);
        });
        double virtualSeconds = terminal.Board.Clock.NowNanos / 1e9;
        var payment = terminal.App.Payment;
        long violations = terminal.Printer.Checker.Total;
        string receiptDir = Path.Combine(options.OutDir, RunReport.ReceiptFolder);
        WriteJournalFiles(terminal, options.OutDir);
        string vcd = Path.Combine(options.OutDir, "demo.vcd");
        terminal.Board.WriteVcd(vcd, options.TimescaleNanos);
        var record = Record(terminal, acquirer, options, roll, head, virtualSeconds);
        long pageViolations = PrintTestPages(options, output, record);
        record.Passed = violations + pageViolations == 0;
        RunReport.Write(options.OutDir, record);
        wall.Stop();

        // --seconds is the firmware's run, exactly; the test pages print on boards of their own.
        // A pass is never cut short: one that was printing a receipt at the end runs past --seconds, and says so.
        string overrun = virtualSeconds > options.Seconds + 0.002 ? $" (the last pass, printing, ended at {virtualSeconds:F3} s)" : "";
        output.WriteLine($"boot #{terminal.App.BootCount}, {terminal.App.Passes} loop passes in {options.Seconds:F3} virtual s (--seconds){overrun}, the test pages on boards of their own; {wall.Elapsed.TotalSeconds:F3} wall s");
        foreach (var (at, text) in terminal.Log.Lines)
        {
            output.WriteLine($"{at / 1e6,10:F3} s  {text}");
        }
        if (payment != null)
        {
            output.WriteLine($"payments: {payment.SalesApproved} approved, {payment.SalesDeclined} declined, {payment.Reversals} reversed, {payment.Unresolved} unresolved, {payment.ReceiptsPrinted} receipt copies, {payment.Settlements} settlements; journal: {payment.Journal.Count} records, batch {payment.Journal.Batch}");
            if (payment.Error != null)
            {
                output.WriteLine($"payment error: {payment.Error}");
            }
        }
        output.WriteLine($"receipts: {record.Receipts.Count} torn off -> {receiptDir} (and roll.png); print timing: {terminal.Printer.Checker.Summary()}");
        output.WriteLine($"trace: {terminal.Board.Trace.Changes.Count} changes on {terminal.Board.Trace.Signals.Count} signals -> {vcd}");
        if (acquirer != null)
        {
            output.WriteLine($"ledger -> {Path.Combine(options.OutDir, "acquirer.db")} (posemu acquirer dump --db FILE --json)");
        }
        output.WriteLine($"display history -> {Path.Combine(options.OutDir, "display.txt")}, transaction log -> {Path.Combine(options.OutDir, "transactions.txt")}, journal -> {Path.Combine(options.OutDir, "journal.txt")}");
        output.WriteLine($"report -> {Path.Combine(options.OutDir, "report.html")}, summary -> {Path.Combine(options.OutDir, "summary.json")}");
        LongRun.WriteTable(LongRun.Figures("demo", SummaryRows(record, wall.Elapsed.TotalSeconds)), output);
        return record.Passed ? 0 : 1;
    }

    // The summary table: the report's figures, and the wall time, which the report leaves out (it would
    // make two runs of one seed differ).
    private static IEnumerable<(string Name, string Value)> SummaryRows(RunRecord record, double wallSeconds)
    {
        foreach (var (name, value) in record.Facts)
        {
            yield return (name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        yield return ("receipts torn off", record.Receipts.Count.ToString());
        yield return ("display frames", (record.Frames?.Count ?? 0).ToString());
        yield return ("timing violations", record.Violations.Count.ToString());
        yield return ("result", record.Passed ? "PASS" : "FAIL");
        yield return ("wall s", wallSeconds.ToString("F2"));
    }

    private static RunRecord Record(VirtualTerminal terminal, VirtualAcquirer? acquirer, DemoOptions options, ReceiptRoll roll, HeadSeries head, double virtualSeconds)
    {
        head.ReadTrace(terminal.Printer, analogFromTrace: false);
        var payment = terminal.App.Payment;
        var record = new RunRecord
        {
            Command = "demo",
            Title = $"posemu demo, seed {options.Seed}",
            About = (options.Scenario != null ? $"Scenario {options.Scenario}" : "A day in a shop") +
                $" on the virtual terminal, {options.Seconds:F3} virtual s, acquirer: " + (acquirer != null ? "in-process simulator." : $"{options.Acquirer} over TCP."),
            Frames = new List<DisplayFrame>(terminal.Display.History),
            Journal = JournalDump.Text(terminal.Board.Flash, terminal.Config.Payment.Journal),
            Ledger = acquirer?.Host.Ledger.DumpText(),
            Roll = roll.Roll(),
            Head = head,
            TimingSummary = terminal.Printer.Checker.Summary(),
            Vcd = "demo.vcd",
        };
        record.Receipts.AddRange(roll.Pieces());
        record.Facts["seed"] = options.Seed;
        record.Facts["virtualSeconds"] = Math.Round(virtualSeconds, 6);
        record.Facts["boot"] = terminal.App.BootCount;
        record.Facts["loopPasses"] = terminal.App.Passes;
        if (payment != null)
        {
            record.Facts["salesApproved"] = payment.SalesApproved;
            record.Facts["salesDeclined"] = payment.SalesDeclined;
            record.Facts["reversals"] = payment.Reversals;
            record.Facts["unresolved"] = payment.Unresolved;
            record.Facts["receiptCopies"] = payment.ReceiptsPrinted;
            record.Facts["settlements"] = payment.Settlements;
            record.Facts["journalRecords"] = payment.Journal.Count;
            if (payment.Error != null)
            {
                record.Failures.Add("payment error: " + payment.Error);
            }
        }
        foreach (var (at, text) in terminal.Log.Lines)
        {
            record.Log.Add($"{(at / 1e6).ToString("F6", System.Globalization.CultureInfo.InvariantCulture),12} s  {text}");
        }
        record.Violations.AddRange(terminal.Printer.Violations.Select(v => v.ToString()));
        return record;
    }

    // The journal as the flash holds it (the raw files); its text, one record a line, no key material, is in the report.
    private static void WriteJournalFiles(VirtualTerminal terminal, string outDir)
    {
        var flash = terminal.Board.Flash.Snapshot();
        var config = terminal.Config.Payment.Journal;
        foreach (string name in new[] { config.FileA, config.FileB })
        {
            if (flash.TryGetValue(name, out var bytes))
            {
                File.WriteAllBytes(Path.Combine(outDir, name), bytes);
            }
        }
    }

    private static long PrintTestPages(DemoOptions options, TextWriter output, RunRecord record)
    {
        long violations = 0;
        foreach (string name in new[] { ProfileLibrary.Primary, ProfileLibrary.Second })
        {
            var board = new VirtualBoard(options.Seed);
            var printer = new VirtualPrinter(board, ProfileLibrary.Load(name));
            violations += PrintTestPage(printer, options, output, record);
            if (name == ProfileLibrary.Second)
            {
                board.WriteVcd(Path.Combine(options.OutDir, $"testpage-{name}.vcd"), options.TimescaleNanos);
            }
        }
        return violations;
    }

    /// <summary>Prints the test page on a printer, writes its PNG and reports speed and timing violations.</summary>
    private static long PrintTestPage(VirtualPrinter printer, DemoOptions options, TextWriter output, RunRecord record)
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
        record.Images.Add((Path.GetFileName(png), $"test page on the {printer.Profile.Name}: {page.Length} lines at {mm / seconds:F1} mm/s, {printer.Checker.Summary()}"));
        record.Violations.AddRange(printer.Violations.Select(v => $"test page {printer.Profile.Name}: {v}"));
        output.WriteLine($"test page {printer.Profile.Name}: {page.Length} lines, {mm / seconds:F1} mm/s, {printer.Checker.Summary()} -> {png}");
        foreach (var v in printer.Violations.Take(10))
        {
            output.WriteLine("  " + v);
        }
        return printer.Checker.Total;
    }

    private static (string Host, int Port)? ParseEndpoint(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
        {
            return null;
        }
        return (text[..colon], port);
    }
}

/// <summary>What the demo was asked to do.</summary>
public sealed record DemoOptions(ulong Seed, string OutDir, double Seconds, long TimescaleNanos, string? Scenario = null, string? Acquirer = null);
