using System.Diagnostics;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.Reports;
using PosFirmware.Emulator.Scenarios;
using Spectre.Console;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// The full-screen terminal of `posemu interactive` (a Spectre.Console live layout): the terminal's display,
/// the transaction log and the printer, whose paper is drawn in half-block characters as it comes out. Keys
/// act as the merchant's keypad and as the world around the terminal: a code scanned (picked from a list of
/// valid and invalid ones, or typed), the paper pulled, the platen opened, the network or the power cut.
/// Virtual time keeps to the wall clock, faster with the fast-forward key. Each receipt torn off is written
/// as a PNG in the output folder as it is cut; quitting writes the run's report folder.
/// </summary>
public sealed class InteractiveScreen
{
    /// <summary>Wall milliseconds between screen updates (and key polls).</summary>
    public const int FrameMillis = 50;

    /// <summary>Speeds the fast-forward key steps through, in virtual seconds per wall second.</summary>
    public static readonly int[] Speeds = { 1, 10, 100 };

    /// <summary>Most virtual seconds run per screen update, so a slow machine still answers keys.</summary>
    public const double MaxSecondsPerFrame = 5;

    /// <summary>Log lines kept on the screen.</summary>
    public const int LogLines = 200;

    /// <summary>Longest code typed by hand.</summary>
    public const int MaxTypedCode = 64;

    private enum Mode { Keypad, Pick, Type }

    private readonly ScenarioRun _run;
    private readonly string _outDir;
    private readonly Func<string?> _scannerPort;
    private readonly List<(string Label, string Step)> _codes = new();
    private Mode _mode = Mode.Keypad;
    private int _picked;
    private string _typed = "";
    private int _speed;
    private string _status = "";
    private int _receiptsWritten;
    private bool _quit;

    /// <summary>A screen on a run; receipts go under outDir/receipts; scannerPort gives a real scanner's next code, or null.</summary>
    public InteractiveScreen(ScenarioRun run, string outDir, Func<string?> scannerPort)
    {
        _run = run;
        _outDir = outDir;
        _scannerPort = scannerPort;
        NewCodes();
    }

    /// <summary>Runs until the quit key; the console must be a terminal.</summary>
    public void Run()
    {
        var layout = new Layout("root").SplitRows(
            new Layout("header").Size(4),
            new Layout("body").SplitColumns(
                new Layout("left").Ratio(2).SplitRows(new Layout("display").Size(6), new Layout("controls")),
                new Layout("log").Ratio(3),
                new Layout("printer").Ratio(3)));
        AnsiConsole.AlternateScreen(() =>
        {
            AnsiConsole.Live(layout).AutoClear(false).Overflow(VerticalOverflow.Crop).Cropping(VerticalOverflowCropping.Top).Start(context =>
            {
                var wall = Stopwatch.StartNew();
                double last = 0;
                while (!_quit)
                {
                    while (Console.KeyAvailable && !_quit)
                    {
                        Key(Console.ReadKey(intercept: true));
                    }
                    double now = wall.Elapsed.TotalSeconds;
                    Advance(Math.Min(MaxSecondsPerFrame, (now - last) * Speeds[_speed]));
                    last = now;
                    Draw(layout);
                    context.Refresh();
                    Thread.Sleep(FrameMillis);
                }
            });
        });
    }

    /// <summary>Runs the terminal for a span of virtual time, feeding it a real scanner's codes and cutting receipts.</summary>
    public void Advance(double seconds)
    {
        string? code;
        while ((code = _scannerPort()) != null)
        {
            Step("scan: " + code);
        }
        _run.RunTo(_run.NowNanos + (long)(seconds * 1e9));
        WriteNewReceipts();
    }

    /// <summary>Handles one key.</summary>
    public void Key(ConsoleKeyInfo key)
    {
        switch (_mode)
        {
            case Mode.Pick:
                PickKey(key);
                return;
            case Mode.Type:
                TypeKey(key);
                return;
        }
        string? keypad = key.Key switch
        {
            ConsoleKey.Enter => "E",
            ConsoleKey.Escape => "X",
            ConsoleKey.Backspace => "B",
            ConsoleKey.Delete => "C",
            ConsoleKey.UpArrow => "U",
            ConsoleKey.DownArrow => "D",
            _ => key.KeyChar is >= '0' and <= '9' ? key.KeyChar.ToString() : null,
        };
        if (keypad != null)
        {
            Step("keys: " + keypad);
            return;
        }
        switch (char.ToLowerInvariant(key.KeyChar))
        {
            case 'm':
                Step("keys: M");
                break;
            case 's':
                NewCodes();
                _mode = Mode.Pick;
                _picked = 0;
                break;
            case 't':
                _mode = Mode.Type;
                _typed = "";
                break;
            case 'p':
                Step(_run.PaperIn ? "paper: out" : "paper: in");
                break;
            case 'o':
                Step(_run.PlatenOpen ? "platen: closed" : "platen: open");
                break;
            case 'n':
                Step(NetworkDown ? "network: ok" : "network: down");
                break;
            case 'w':
                Step("power: cut");
                break;
            case 'f':
                _speed = (_speed + 1) % Speeds.Length;
                _status = $"speed x{Speeds[_speed]}";
                break;
            case 'q':
                _quit = true;
                break;
        }
    }

    private bool NetworkDown => _run.Network.ConnectRefusedProbability >= 1;

    private void PickKey(ConsoleKeyInfo key)
    {
        if (key.Key == ConsoleKey.Escape)
        {
            _mode = Mode.Keypad;
        }
        else if (key.Key == ConsoleKey.UpArrow)
        {
            _picked = (_picked + _codes.Count - 1) % _codes.Count;
        }
        else if (key.Key == ConsoleKey.DownArrow)
        {
            _picked = (_picked + 1) % _codes.Count;
        }
        else if (key.Key == ConsoleKey.Enter || key.KeyChar is >= '1' and <= '9' && key.KeyChar - '1' < _codes.Count)
        {
            int index = key.Key == ConsoleKey.Enter ? _picked : key.KeyChar - '1';
            _mode = Mode.Keypad;
            Step(_codes[index].Step);
        }
    }

    private void TypeKey(ConsoleKeyInfo key)
    {
        if (key.Key == ConsoleKey.Escape)
        {
            _mode = Mode.Keypad;
        }
        else if (key.Key == ConsoleKey.Enter)
        {
            _mode = Mode.Keypad;
            if (_typed.Length > 0)
            {
                Step("scan: " + _typed);
            }
        }
        else if (key.Key == ConsoleKey.Backspace)
        {
            _typed = _typed.Length > 0 ? _typed[..^1] : "";
        }
        else if (key.KeyChar > ' ' && key.KeyChar < 127 && _typed.Length < MaxTypedCode)
        {
            _typed += key.KeyChar;
        }
    }

    // The codes offered for a scan: a fresh payment code of each wallet (codes are single-use), and codes
    // the terminal must refuse.
    private void NewCodes()
    {
        _codes.Clear();
        foreach (string wallet in new[] { "WeChat", "Alipay", "UnionPay" })
        {
            string code = _run.Rig.NewCode(wallet);
            _codes.Add(($"{wallet} payment code {code}", "scan: " + code));
        }
        _codes.Add(("product barcode (EAN-13) 6901234567892", "scan: 6901234567892"));
        _codes.Add(("too short: 12345", "scan: 12345"));
        _codes.Add(("noise on the serial line", "scan: noise 12"));
        _codes.Add(("nothing read", "scan: noread"));
    }

    private void Step(string text)
    {
        try
        {
            _status = InteractiveCommand.Apply(_run, text) ?? text;
        }
        catch (ScenarioException e)
        {
            _status = "error: " + e.Message.Replace("input:3: ", "", StringComparison.Ordinal);
        }
    }

    private void WriteNewReceipts()
    {
        var receipts = _run.Receipts();
        for (; _receiptsWritten < receipts.Count; _receiptsWritten++)
        {
            string folder = Path.Combine(_outDir, RunReport.ReceiptFolder);
            Directory.CreateDirectory(folder);
            var r = receipts[_receiptsWritten];
            string file = Path.Combine(folder, $"receipt-{_receiptsWritten + 1:D2}.png");
            PngWriter.WriteGray(file, r.Width, r.Height, r.Gray);
            _status = "receipt -> " + file;
        }
    }

    private void Draw(Layout layout)
    {
        string speed = Speeds[_speed] == 1 ? "wall-clock speed" : $"fast-forward x{Speeds[_speed]}";
        string world = $"paper {(_run.PaperIn ? "in" : "OUT")} | platen {(_run.PlatenOpen ? "OPEN" : "closed")} | network {(NetworkDown ? "DOWN" : "up")} | power cuts {_run.Rig.PowerCuts}";
        layout["header"].Update(new Panel(new Markup($"[bold]posemu interactive[/]  {_run.NowNanos / 1e9:F1} s virtual, {speed}  |  {Markup.Escape(world)}\n{Markup.Escape(_status)}")).Expand());
        var lines = _run.Rig.Terminal.Display.Lines;
        layout["display"].Update(new Panel(new Text(string.Join("\n", lines.Select(l => l.PadRight(20)[..20])))).Header("Display").Expand());
        layout["controls"].Update(new Panel(Controls()).Header(_mode switch { Mode.Pick => "Scan which code?", Mode.Type => "Type a code", _ => "Keys" }).Expand());
        var log = _run.LogLines();
        layout["log"].Update(new Panel(new Text(string.Join("\n", log.Skip(Math.Max(0, log.Count - LogLines))))).Header("Transaction log").Expand());
        layout["printer"].Update(new Panel(new Text(Preview())).Header($"Printer ({_receiptsWritten} receipts torn off)").Expand());
    }

    private Markup Controls() => _mode switch
    {
        Mode.Pick => new Markup(string.Join("\n", _codes.Select((c, i) => (i == _picked ? "[reverse]" : "") + $"{i + 1} {Markup.Escape(c.Label)}" + (i == _picked ? "[/]" : "")))
            + "\n\n↑/↓ and Enter, or the number; Esc: back"),
        Mode.Type => new Markup($"code: {Markup.Escape(_typed)}_\n\nEnter: scan it; Esc: back"),
        _ => new Markup(Markup.Escape(
            "0-9 amount  Enter OK  Esc cancel\nBksp back  Del clear  ↑/↓  m menu\n" +
            "s scan a code from a list\nt type a code to scan\n" +
            "p pull/load paper  o open/close platen\nn cut/restore network  w cut power\n" +
            "f fast-forward (x1, x10, x100)  q quit")),
    };

    // The bottom of the paper, where it leaves the printer, in half blocks sized to the panel.
    private string Preview()
    {
        var paper = _run.Rig.Terminal.Printer.Paper;
        if (paper.Height == 0)
        {
            return "(nothing printed yet)";
        }
        int columns = Math.Clamp(Console.WindowWidth * 3 / 8 - 4, 24, 96);
        int scale = Math.Max(1, (paper.Width + columns - 1) / columns);
        int rows = Math.Max(4, Console.WindowHeight - 6);
        int dotRows = Math.Min(paper.Height, rows * 2 * scale);
        byte[] gray = paper.ToGray();
        var bottom = new byte[dotRows * paper.Width];
        Array.Copy(gray, (paper.Height - dotRows) * paper.Width, bottom, 0, bottom.Length);
        return InteractiveCommand.HalfBlocks(paper.Width, dotRows, bottom, paper.Width / scale).TrimEnd('\n');
    }
}
