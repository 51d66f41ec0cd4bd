using System.Diagnostics;
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

    [Fact]
    public void A_sale_completes_in_the_interactive_terminal_driven_through_tmux()
    {
        string outDir = Directory.CreateTempSubdirectory("interactive").FullName;
        string session = "posemu-interactive-" + Environment.ProcessId;
        string posemu = Path.Combine(AppContext.BaseDirectory, "posemu.dll");
        Tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", $"dotnet {posemu} interactive --out {outDir}; sleep 30");
        try
        {
            WaitForScreen(session, "READY");
            // The customer holds up the phone (the scanner reads it at its next trigger), the merchant keys.
            Tmux("send-keys", "-t", session, "scan: 134567890123456789", "Enter");
            WaitForScreen(session, "> ");
            Tmux("send-keys", "-t", session, "keys: X1234E", "Enter");
            WaitForScreen(session, "APPROVED");
            Tmux("send-keys", "-t", session, "wait 5", "Enter");
            WaitForScreen(session, "receipt copy 2 of 000001/000002 printed");
            Tmux("send-keys", "-t", session, "receipt", "Enter");
            WaitForScreen(session, "█");
            Tmux("send-keys", "-t", session, "quit", "Enter");
            WaitForScreen(session, "wrote ");
        }
        finally
        {
            ExternalTool.Run("tmux", new[] { "kill-session", "-t", session });
        }
        Assert.Contains("1234 fen", File.ReadAllText(Path.Combine(outDir, "transactions.txt")));
        Assert.Contains("PAID", File.ReadAllText(Path.Combine(outDir, "ledger.txt")));
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "receipts", "receipt-01.png")));
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
