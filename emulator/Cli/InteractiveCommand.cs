using System.CommandLine;
using System.Diagnostics;
using System.Text;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Emulator.Scenarios;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu interactive`: play with the terminal. On a terminal it is a full-screen UI (<see cref="InteractiveScreen"/>):
/// keys for the keypad, scans, paper, platen, network and power, at wall-clock speed with a fast-forward key.
/// With --lines, or when input or output is not a terminal, it reads lines instead: each line is one scenario step without its
/// time ("keys: X1234E", "scan: 134567890123456789", "sale: {amount: 1234}", "paper: out", "power: cut",
/// "network: down", "acquirer: drop-response"), or "wait SECONDS", "receipt" (the paper as a half-block
/// preview) or "quit". After each line the terminal runs on (3 virtual seconds, or "wait" seconds; at
/// wall-clock pace with --realtime) and the display and new log lines are shown. On quit, or at the end
/// of input, the output folder gets the run's report, receipts and ledger. With --scanner-port a real
/// scanner's codes are shown to the terminal as they arrive (taken every 50 ms of virtual time).
/// </summary>
public static class InteractiveCommand
{
    /// <summary>Virtual seconds the terminal runs after each step.</summary>
    public const double StepSeconds = 3;

    /// <summary>
    /// How long the scanner, once triggered, keeps looking for a code held up to it (a person is slower than
    /// a script). UNCONFIRMED for the GM65 (its read time per trigger is a setting of the engine).
    /// </summary>
    public const long ScannerReadSessionNanos = 30_000_000_000;

    /// <summary>Longest wait one line may ask for, in virtual seconds.</summary>
    public const double MaxWaitSeconds = 3600;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var seed = new Option<ulong>("--seed") { Description = "seed for every random draw", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string>("--out") { Description = "folder for the report, receipts and ledger written on quit", DefaultValueFactory = _ => "out-interactive" };
        var realtime = new Option<bool>("--realtime") { Description = "run virtual time at wall-clock pace (default: as fast as it goes)" };
        var scannerPort = new Option<string?>("--scanner-port") { Description = "a real scanner's serial port (e.g. /dev/ttyUSB0): each code it reads is shown to the emulated terminal" };
        var scannerBaud = new Option<int>("--scanner-baud") { Description = "the scanner port's baud rate", DefaultValueFactory = _ => 9600 };
        var lines = new Option<bool>("--lines") { Description = "read one step per line instead of the full-screen UI (the default when input or output is not a terminal)" };
        var command = new Command("interactive", "Key amounts, scan codes, pull the paper, cut the network or the power, and watch the terminal") { seed, outDir, realtime, scannerPort, scannerBaud, lines };
        command.SetAction(parse =>
        {
            bool fullScreen = !parse.GetValue(lines) && !Console.IsInputRedirected && !Console.IsOutputRedirected;
            return fullScreen
                ? RunScreen(parse.GetValue(seed), parse.GetValue(outDir)!, Console.Out, parse.GetValue(scannerPort), parse.GetValue(scannerBaud))
                : Run(parse.GetValue(seed), parse.GetValue(outDir)!, parse.GetValue(realtime), Console.In, Console.Out, parse.GetValue(scannerPort), parse.GetValue(scannerBaud));
        });
        return command;
    }

    /// <summary>Runs the full-screen UI until its quit key, then writes the report folder; returns the exit code.</summary>
    public static int RunScreen(ulong seed, string outDir, TextWriter output, string? scannerPort = null, int scannerBaud = 9600)
    {
        if (!TryOpenScanner(scannerPort, scannerBaud, output, out var scanner))
        {
            return 2;
        }
        using var scannerLease = scanner;
        var result = new ScenarioResult { Scenario = Scenario.Parse("steps: []\n", "interactive") };
        using var run = StartRun(seed);
        new InteractiveScreen(run, outDir, () => scanner != null && scanner.TryTake(out string code) ? code : null).Run();
        output.WriteLine($"seed={seed}");
        return Finish(run, result, outDir, output);
    }

    private static bool TryOpenScanner(string? port, int baud, TextWriter output, out SerialScannerBridge? scanner)
    {
        scanner = null;
        if (port == null)
        {
            return true;
        }
        try
        {
            scanner = new SerialScannerBridge(port, baud);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            output.WriteLine($"error: --scanner-port {port}: {e.Message}");
            return false;
        }
    }

    // The terminal booted, with a scanner that keeps looking after a trigger, as a person at it expects.
    private static ScenarioRun StartRun(ulong seed)
    {
        var run = new ScenarioRun(seed) { ScannerReadSessionNanos = ScannerReadSessionNanos };
        run.Rig.Boot();
        run.ApplyEnvironment();
        return run;
    }

    /// <summary>
    /// Applies one scenario step without its time ("keys: 12E", "scan: CODE", "paper: out", ...): an event
    /// happens now and null is returned; an expectation is checked now and its verdict returned. Throws
    /// <see cref="ScenarioException"/> on a bad step.
    /// </summary>
    public static string? Apply(ScenarioRun run, string text)
    {
        var step = Scenario.Parse("steps:\n  - at: 0\n    " + text + "\n", "input").Steps[0];
        if (step.Apply == null)
        {
            return "check: " + (step.Check!(run) ?? "holds");
        }
        step.Apply(run);
        return null;
    }

    private static int Finish(ScenarioRun run, ScenarioResult result, string outDir, TextWriter output)
    {
        result.VirtualSeconds = run.NowNanos / 1e9;
        result.PowerCuts = run.Rig.PowerCuts;
        ScenarioOutput.Write(outDir, run, result, "interactive");
        output.WriteLine($"{run.Receipts().Count} receipts, {run.LogLines().Count} log lines, {result.VirtualSeconds:F1} s virtual; wrote {Path.Combine(outDir, "report.html")}");
        return 0;
    }

    /// <summary>Runs the session on the given input and output; returns the exit code.</summary>
    public static int Run(ulong seed, string outDir, bool realtime, TextReader input, TextWriter output, string? scannerPort = null, int scannerBaud = 9600)
    {
        if (!TryOpenScanner(scannerPort, scannerBaud, output, out var scanner))
        {
            return 2;
        }
        using var scannerLease = scanner;
        output.WriteLine($"seed={seed}");
        output.WriteLine("posemu interactive: keys: X1234E | scan: CODE | sale: {amount: 1234} | paper: out|in | platen: open|closed | network: down|ok | power: cut | acquirer: FAULT | wait S | receipt | quit");
        var scenario = Scenario.Parse("steps: []\n", "interactive");
        var result = new ScenarioResult { Scenario = scenario };
        using var run = StartRun(seed);
        int logShown = 0;
        var wall = Stopwatch.StartNew();
        void RunFor(double seconds)
        {
            long until = run.NowNanos + (long)(seconds * 1e9);
            while (run.NowNanos < until)
            {
                // At wall-clock pace, run in 50 ms slices and wait for the wall clock to catch up.
                long slice = realtime || scanner != null ? Math.Min(until, run.NowNanos + 50_000_000) : until;
                TakeScans();
                run.RunTo(slice);
                if (realtime)
                {
                    long ahead = (long)(run.NowNanos / 1e6 - wall.Elapsed.TotalMilliseconds);
                    if (ahead > 0)
                    {
                        Thread.Sleep((int)Math.Min(ahead, 1000));
                    }
                }
            }
        }
        void TakeScans()
        {
            while (scanner != null && scanner.TryTake(out string code))
            {
                output.WriteLine("scanner: " + code);
                run.Rig.Terminal.Scanner.Present(ScanItem.Of(code));
            }
        }
        void Show()
        {
            var lines = run.Rig.Terminal.Display.Lines;
            output.WriteLine($"+{new string('-', 20)}+  {run.NowNanos / 1e9:F3} s");
            foreach (string line in lines)
            {
                output.WriteLine("|" + line.PadRight(20)[..20] + "|");
            }
            output.WriteLine($"+{new string('-', 20)}+");
            var log = run.LogLines();
            for (; logShown < log.Count; logShown++)
            {
                output.WriteLine("log: " + log[logShown]);
            }
            output.Write("> ");
            output.Flush();
        }
        RunFor(1);
        Show();
        string? text;
        while ((text = input.ReadLine()) != null)
        {
            text = text.Trim();
            if (text is "quit" or "exit")
            {
                break;
            }
            if (text.Length == 0)
            {
                RunFor(StepSeconds);
            }
            else if (text.StartsWith("wait", StringComparison.Ordinal))
            {
                if (double.TryParse(text[4..].Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double s) && s > 0 && s <= MaxWaitSeconds)
                {
                    RunFor(s);
                }
                else
                {
                    output.WriteLine($"error: wait takes seconds from 0 to {MaxWaitSeconds}");
                }
            }
            else if (text == "receipt")
            {
                var paper = run.Paper();
                output.Write(paper.Count == 0 ? "(nothing printed)\n" : HalfBlocks(paper[^1].Width, paper[^1].Height, paper[^1].Gray, 96));
            }
            else
            {
                try
                {
                    string? check = Apply(run, text);
                    if (check != null)
                    {
                        output.WriteLine(check);
                    }
                    else
                    {
                        RunFor(StepSeconds);
                    }
                }
                catch (ScenarioException e)
                {
                    output.WriteLine("error: " + e.Message.Replace("input:3: ", "", StringComparison.Ordinal));
                }
            }
            Show();
        }
        output.WriteLine();
        return Finish(run, result, outDir, output);
    }

    /// <summary>A picture as text: each character cell is 2 rows of one column block, drawn with half blocks.</summary>
    public static string HalfBlocks(int width, int height, byte[] gray, int columns)
    {
        int scale = Math.Max(1, width / columns);
        var text = new StringBuilder();
        for (int row = 0; row < height; row += 2 * scale)
        {
            for (int col = 0; col + scale <= width; col += scale)
            {
                bool top = Dark(gray, width, height, row, col, scale);
                bool bottom = Dark(gray, width, height, row + scale, col, scale);
                text.Append(top ? bottom ? '█' : '▀' : bottom ? '▄' : ' ');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    // A block is dark when a quarter of its dots are: small text stays legible at a quarter of the width.
    private static bool Dark(byte[] gray, int width, int height, int row, int col, int scale)
    {
        int dark = 0;
        for (int y = row; y < Math.Min(height, row + scale); y++)
        {
            for (int x = col; x < col + scale; x++)
            {
                dark += gray[y * width + x] < 128 ? 1 : 0;
            }
        }
        return dark * 4 >= scale * scale;
    }
}
