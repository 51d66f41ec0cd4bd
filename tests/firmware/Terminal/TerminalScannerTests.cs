using System.Text;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Emulator.Storage;
using PosFirmware.Operator;
using PosFirmware.Terminal;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Firmware.Terminal;

public class TerminalScannerTests
{
    private const string WeChat = "134567890123456789";

    [Fact]
    public void Keying_an_amount_and_scanning_a_code_gives_a_sale_request_through_the_main_loop()
    {
        var terminal = new VirtualTerminal(3);
        PosFirmware.Emulator.Acquirer.VirtualAcquirer.Attach(terminal);
        terminal.App.Boot();
        Assert.Null(terminal.App.ScannerError);
        terminal.Keypad.Type("2500E", 100_000_000, 80_000_000);
        terminal.Scanner.Present(ScanItem.Noise(9));
        terminal.Scanner.Present(ScanItem.Of(WeChat));
        terminal.App.RunFor(2_000_000);

        // The payment flow took the sale to the acquirer.
        var sale = LastSale(terminal);
        Assert.NotNull(sale);
        Assert.Equal(2500, sale!.AmountFen);
        Assert.Equal(PaymentScheme.WeChat, sale.Scheme);
        Assert.Equal(WeChat, sale.Code);
        Assert.Equal(PosFirmware.Payment.TxnState.Approved, sale.State);
        Assert.True(terminal.Display.EverShowed("PROCESSING"));
        Assert.True(terminal.Display.EverShowed("SCAN PAYMENT CODE"));
        Assert.Equal(2, terminal.Scanner.TriggersReceived);
    }

    [Fact]
    public void A_flow_screen_taking_over_mid_scan_stops_the_scanner_and_no_sale_is_made()
    {
        var terminal = new VirtualTerminal(8);
        PosFirmware.Emulator.Acquirer.VirtualAcquirer.Attach(terminal);
        terminal.App.Boot();
        terminal.Keypad.Type("500E", 100_000_000, 50_000_000);
        terminal.Scanner.Present(ScanItem.Of(WeChat));
        terminal.App.RunFor(300_000);
        Assert.True(terminal.App.Scanner.Scanning);
        Assert.True(terminal.Scanner.Reading, "the engine is decoding when the flow takes the screen");
        terminal.App.Console.ShowPrinterFault(PosFirmware.Printing.PrintStatus.PaperOut);
        terminal.App.RunFor(1_000_000);
        Assert.False(terminal.App.Scanner.Scanning);
        Assert.Equal(1, terminal.Scanner.StopsReceived);
        Assert.Equal(0, terminal.App.Console.PendingRequests);
        Assert.Null(LastSale(terminal));
        Assert.Equal("Paper out", terminal.Display.Line(1));
        Assert.Equal("Load paper", terminal.Display.Line(2));
        Assert.DoesNotContain(terminal.Scanner.Log, line => line.Contains("sent", StringComparison.Ordinal));

        // The code was never taken, so the customer's rescan after the fault is a sale, not a duplicate.
        terminal.App.Console.ShowIdle();
        terminal.Scanner.Present(ScanItem.Of(WeChat));
        terminal.Keypad.Type("500E", terminal.Board.Clock.NowNanos + 50_000_000, 50_000_000);
        terminal.App.RunFor(1_000_000);
        Assert.Equal(WeChat, LastSale(terminal)?.Code);
    }

    /// <summary>The newest sale the payment flow journaled, or null.</summary>
    internal static PosFirmware.Payment.TxnRecord? LastSale(VirtualTerminal terminal)
    {
        var journal = terminal.App.Payment!.Journal;
        return journal.Count == 0 ? null : journal.At(journal.Count - 1);
    }

    [Fact]
    public void Idle_and_scanning_loop_passes_allocate_nothing()
    {
        // Passes one loop period apart, so 200 of them span a fraction of a second of the board's models (an
        // idle terminal's sleeps would let the scanner model and the heartbeat's trace run for a minute).
        var terminal = new VirtualTerminal(9, config: new TerminalConfig { MaxSleepMicros = 1000 });
        terminal.App.Boot();
        terminal.App.RunFor(10_000);
        long Allocated(int passes)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < passes; i++)
            {
                terminal.App.Step();
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(5);
        Assert.Equal(0, Allocated(200));

        terminal.Keypad.Press(PosFirmware.Hal.KeyCode.Digit5);
        terminal.Keypad.Press(PosFirmware.Hal.KeyCode.Enter);
        terminal.App.Step();
        terminal.App.RunFor(30_000);
        Assert.True(terminal.App.Scanner.Scanning);
        Assert.Equal(0, Allocated(200));
    }

    [Fact]
    public void The_heartbeat_still_runs_beside_the_console()
    {
        var terminal = new VirtualTerminal(4);
        terminal.App.Boot();
        terminal.App.RunFor(1_100_000);
        // On at boot, then a toggle every 250 ms: at 0.25, 0.5, 0.75 and 1.0 s.
        Assert.Equal(5, terminal.StatusLed.EdgeCount);
    }

    [Fact]
    public void A_bad_profile_on_the_flash_leaves_the_terminal_running_without_a_scanner_and_says_so()
    {
        var first = new VirtualTerminal(5);
        var files = first.Board.Flash.Snapshot();
        files["scanner.profile"] = Encoding.ASCII.GetBytes("name = GM65\nmode = host\ntrigger = 7E ZZ\n");
        var flash = new FlashFileStore(FlashMode.LittleFs, new PosFirmware.Emulator.Core.SimRandom(5));
        flash.Load(files);

        var terminal = new VirtualTerminal(5, flash);
        terminal.App.Boot();
        Assert.Null(terminal.App.Scanner);
        Assert.Equal("scanner.profile: line 3, key trigger: must be hex bytes separated by spaces, e.g. 7E 00 08", terminal.App.ScannerError);
        Assert.Equal("Scanner not ready", terminal.Display.Line(2));
        terminal.Keypad.Type("100E", 100_000_000, 50_000_000);
        terminal.App.RunFor(1_000_000);
        Assert.Equal(ConsoleScreen.AmountEntry, terminal.App.Console.Screen);
        Assert.Equal("Scanner not ready", terminal.Display.Line(2));
    }

    [Fact]
    public void A_terminal_without_scanner_keypad_or_display_boots_and_loops_as_before()
    {
        var board = new VirtualBoard(6);
        var hardware = new TerminalHardware { Clock = board.Clock, StatusLed = board.OutputPin("board", "LED"), Store = board.Flash };
        var app = new TerminalApp(hardware, new TerminalConfig());
        app.Boot();
        app.RunFor(100_000);
        Assert.Null(app.Console);
        Assert.Null(app.Scanner);
        Assert.Equal(100, app.Passes);
    }

    [Fact]
    public void The_display_history_is_the_same_for_the_same_seed()
    {
        string Run()
        {
            var terminal = new VirtualTerminal(11);
            terminal.Scanner.RandomFaultChance = 0.5;
            terminal.App.Boot();
            terminal.Keypad.Type("999E", 100_000_000, 70_000_000);
            for (int i = 0; i < 4; i++)
            {
                terminal.Scanner.Present(ScanItem.Of(WeChat));
            }
            terminal.App.RunFor(3_000_000);
            return terminal.Display.HistoryText();
        }
        Assert.Equal(Run(), Run());
    }
}
