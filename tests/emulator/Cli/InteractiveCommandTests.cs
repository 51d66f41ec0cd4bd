using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.Cli;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

/// <summary>`posemu interactive`: a person at a terminal completes a sale; driven through tmux, a real pseudo-terminal.</summary>
public class InteractiveCommandTests
{
    private static string Tmux(params string[] args)
    {
        var result = ExternalTool.Run("tmux", args, 20_000);
        Assert.True(result.ExitCode == 0, "tmux " + string.Join(" ", args) + ": " + result.StdErr);
        return result.StdOut;
    }

    private static string WaitForScreen(string session, string text, int seconds = 60)
    {
        var wall = Stopwatch.StartNew();
        string screen = "";
        while (wall.Elapsed.TotalSeconds < seconds)
        {
            screen = Tmux("capture-pane", "-p", "-t", session, "-S", "-200");
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }
            Thread.Sleep(200);
        }
        Assert.Fail($"'{text}' never appeared on the terminal:\n{screen}");
        return screen;
    }

    private static double VirtualSeconds(string screen) =>
        double.Parse(Regex.Match(screen, @"posemu interactive +([0-9.]+) s virtual").Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void A_sale_completes_in_the_full_screen_terminal_driven_through_tmux()
    {
        string outDir = Directory.CreateTempSubdirectory("interactive").FullName;
        string session = "posemu-interactive-" + Environment.ProcessId;
        string posemu = Path.Combine(AppContext.BaseDirectory, "posemu.dll");
        Tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50", $"dotnet {posemu} interactive --out {outDir}; sleep 30");
        try
        {
            // The full screen: display, transaction log and printer side by side, at wall-clock speed.
            string screen = WaitForScreen(session, "READY");
            Assert.Contains("Transaction log", screen);
            Assert.Contains("Printer", screen);
            Assert.Contains("wall-clock speed", screen);
            // The merchant keys 12.34 and OK on the keypad keys.
            foreach (string key in new[] { "1", "2", "3", "4", "Enter" })
            {
                Tmux("send-keys", "-t", session, key);
            }
            WaitForScreen(session, "SCAN PAYMENT CODE");
            // A product barcode picked from the list of codes is refused; then the customer's WeChat code.
            Tmux("send-keys", "-t", session, "s");
            WaitForScreen(session, "product barcode (EAN-13)");
            Tmux("send-keys", "-t", session, "4");
            WaitForScreen(session, "Unknown code type");
            Tmux("send-keys", "-t", session, "s");
            WaitForScreen(session, "1 WeChat payment code");
            Tmux("send-keys", "-t", session, "1");
            WaitForScreen(session, "approved, ref");
            // Fast-forward: x10 then x100; virtual time now runs well ahead of the wall clock.
            Tmux("send-keys", "-t", session, "f");
            Tmux("send-keys", "-t", session, "f");
            double before = VirtualSeconds(WaitForScreen(session, "fast-forward x100"));
            var wall = Stopwatch.StartNew();
            screen = WaitForScreen(session, "receipt copy 2 of 000001/000002 printed");
            Thread.Sleep(3000);
            double after = VirtualSeconds(Tmux("capture-pane", "-p", "-t", session));
            Assert.True(after - before > 2 * wall.Elapsed.TotalSeconds, $"{after - before:F1} virtual s in {wall.Elapsed.TotalSeconds:F1} wall s at x100");
            // The printer panel shows the paper in half blocks, and each receipt is a PNG as soon as it is torn off.
            Assert.Contains("█", screen);
            WaitForScreen(session, "2 receipts torn off");
            Assert.True(File.Exists(Path.Combine(outDir, "receipts", "receipt-02.png")));
            Tmux("send-keys", "-t", session, "q");
            WaitForScreen(session, "wrote ");
        }
        finally
        {
            ExternalTool.Run("tmux", new[] { "kill-session", "-t", session });
        }
        Assert.Contains("1234 fen", File.ReadAllText(Path.Combine(outDir, "transactions.txt")));
        Assert.Contains("PAID", File.ReadAllText(Path.Combine(outDir, "ledger.txt")));
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
        PngWriter.ReadGray(Path.Combine(outDir, "receipts", "receipt-01.png"), out int width, out _);
        Assert.Equal(384, width);
    }

    private static ConsoleKeyInfo Press(char c) => new(c, char.IsDigit(c) ? ConsoleKey.D0 + (c - '0') : ConsoleKey.A + (char.ToUpperInvariant(c) - 'A'), false, false, false);

    private static ConsoleKeyInfo Press(ConsoleKey key) => new(key == ConsoleKey.Enter ? '\r' : '\0', key, false, false, false);

    [Fact]
    public void The_screen_keys_reach_the_terminal_and_the_world_around_it()
    {
        string outDir = Directory.CreateTempSubdirectory("interactive-keys").FullName;
        using var run = new PosFirmware.Emulator.Scenarios.ScenarioRun(5) { ScannerReadSessionNanos = InteractiveCommand.ScannerReadSessionNanos };
        run.Rig.Boot();
        run.ApplyEnvironment();
        var screen = new InteractiveScreen(run, outDir, () => null);
        screen.Advance(1);
        // Keypad: 12.34 and OK; then a code typed by hand: a product barcode, which the terminal refuses.
        foreach (char c in "1234")
        {
            screen.Key(Press(c));
        }
        screen.Key(Press(ConsoleKey.Enter));
        screen.Advance(1);
        Assert.Contains(run.Rig.Terminal.Display.Lines, l => l.Contains("CNY 12.34", StringComparison.Ordinal));
        screen.Key(Press('t'));
        foreach (char c in "6901234567892")
        {
            screen.Key(Press(c));
        }
        screen.Key(Press(ConsoleKey.Enter));
        screen.Advance(2);
        Assert.Contains(run.Frames(), f => f.Lines.Any(l => l.Contains("Unknown code type", StringComparison.Ordinal)));
        // The world: paper pulled and loaded, platen opened, network cut, power cut.
        screen.Key(Press('p'));
        Assert.False(run.Rig.Terminal.Printer.Head.PaperPresent);
        screen.Key(Press('p'));
        Assert.True(run.Rig.Terminal.Printer.Head.PaperPresent);
        screen.Key(Press('o'));
        Assert.True(run.Rig.Terminal.Printer.Head.PlatenOpen);
        screen.Key(Press('n'));
        Assert.Equal(1, run.Rig.Terminal.Board.Network.Faults.ConnectRefusedProbability);
        screen.Key(Press('w'));
        screen.Advance(1);
        Assert.Equal(1, run.Rig.PowerCuts);
        // After the reboot the world is as it was left: platen still open, network still down.
        Assert.True(run.Rig.Terminal.Printer.Head.PlatenOpen);
        Assert.Equal(1, run.Rig.Terminal.Board.Network.Faults.ConnectRefusedProbability);
    }

    [Fact]
    public void Bad_lines_are_refused_and_the_session_goes_on()
    {
        string outDir = Directory.CreateTempSubdirectory("interactive").FullName;
        var output = new StringWriter();
        var input = new StringReader("dance: now\nwait -1\npaper: sideways\nsale: {amount: 700}\nledger: {amount: 700, state: PAID}\n");
        Assert.Equal(0, InteractiveCommand.Run(3, outDir, false, input, output));
        string text = output.ToString();
        Assert.Contains("error: unknown key 'dance'", text);
        Assert.Contains("error: wait takes seconds", text);
        Assert.Contains("expected in or out, found 'sideways'", text);
        Assert.Contains("check: holds", text);
    }

    [Fact]
    public void Half_block_preview_draws_two_rows_per_character()
    {
        // 4 x 4 picture, one column per dot: top-left dark, bottom-right dark.
        byte[] gray = { 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0 };
        Assert.Equal("▀   \n   ▄\n", InteractiveCommand.HalfBlocks(4, 4, gray, 4));
    }
}
