using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Hal;
using PosFirmware.Operator;
using PosFirmware.Printing;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Firmware.Operator;

public class OperatorConsoleTests
{
    private readonly VirtualClock _clock = new();
    private readonly DisplayModel _display;
    private readonly OperatorConsole _console;

    public OperatorConsoleTests()
    {
        _display = new DisplayModel(_clock);
        _console = new OperatorConsole(_display, new ConsoleConfig { MinAmountFen = 100, MaxAmountFen = 500000, MaxAmountDigits = 9 });
        _console.ShowIdle();
    }

    private void Keys(string script)
    {
        foreach (KeyCode key in KeypadModel.ParseScript(script))
        {
            _clock.Advance(100_000_000);
            _console.HandleKey(key);
        }
    }

    private ConsoleRequest? Take()
    {
        var request = new ConsoleRequest();
        return _console.TakeRequest(request) ? request : null;
    }

    [Fact]
    public void Idle_shows_ready_and_a_digit_starts_amount_entry_with_that_digit()
    {
        Assert.Equal("PosFirmware   READY", _display.Line(0));
        Keys("7");
        Assert.Equal(ConsoleScreen.AmountEntry, _console.Screen);
        Assert.Equal("CNY 0.07", _display.Line(1));
    }

    [Fact]
    public void Digits_backspace_and_clear_edit_the_amount_in_fen()
    {
        Keys("E 0 0 1 2 3 4");
        Assert.Equal(1234, _console.AmountFen);
        Assert.Equal("CNY 12.34", _display.Line(1));
        Keys("B");
        Assert.Equal(123, _console.AmountFen);
        Keys("B B B B");
        Assert.Equal(0, _console.AmountFen);
        Keys("5 6 C");
        Assert.Equal(0, _console.AmountFen);
        Assert.Equal("CNY 0.00", _display.Line(1));
    }

    [Fact]
    public void Cancel_in_amount_entry_returns_to_idle_without_a_request()
    {
        Keys("1 2 X");
        Assert.Equal(ConsoleScreen.Idle, _console.Screen);
        Assert.Null(Take());
        Assert.Equal(ScannerCommand.None, _console.TakeScannerCommand());
    }

    [Fact]
    public void The_amount_field_takes_at_most_its_digit_limit()
    {
        Keys("1 2 3 4 5 6 7 8 9 1");
        Assert.Equal(123456789, _console.AmountFen);
        Assert.Equal("Too many digits", _display.Line(2));
    }

    [Theory]
    [InlineData("9 9 E", false, "Min CNY 1.00")]
    [InlineData("1 0 0 E", true, "")]
    [InlineData("5 0 0 0 0 0 E", true, "")]
    [InlineData("5 0 0 0 0 1 E", false, "Max CNY 5000.00")]
    public void Enter_checks_the_amount_bounds_on_both_sides(string keys, bool scans, string note)
    {
        Keys(keys);
        Assert.Equal(scans ? ConsoleScreen.Scanning : ConsoleScreen.AmountEntry, _console.Screen);
        Assert.Equal(scans ? ScannerCommand.Start : ScannerCommand.None, _console.TakeScannerCommand());
        Assert.Equal(note, _display.Line(2));
    }

    [Fact]
    public void A_refused_scan_is_shown_and_scanning_goes_on_then_a_read_code_becomes_a_sale_request()
    {
        Keys("1 2 3 4 E");
        Assert.Equal("SCAN PAYMENT CODE", _display.Line(0));
        _console.OnScan(ScanStatus.Refused, ScanMessages.UnknownScheme);
        Assert.Equal(ConsoleScreen.Scanning, _console.Screen);
        Assert.Equal(ScanMessages.UnknownScheme, _display.Line(2));
        _console.OnCodeRead(PaymentScheme.WeChat, "134567890123456789");
        Assert.Equal(ConsoleScreen.Processing, _console.Screen);
        Assert.Equal("WeChat", _display.Line(2));
        ConsoleRequest? sale = Take();
        Assert.NotNull(sale);
        Assert.Equal(ConsoleRequestKind.Sale, sale!.Kind);
        Assert.Equal(1234, sale.AmountFen);
        Assert.Equal(PaymentScheme.WeChat, sale.Scheme);
        Assert.Equal("134567890123456789", sale.Code);
        Assert.Null(Take());
    }

    [Fact]
    public void No_read_returns_to_amount_entry_keeping_the_amount_and_enter_scans_again()
    {
        Keys("5 0 0 E");
        _console.TakeScannerCommand();
        _console.OnScan(ScanStatus.NoRead, ScanMessages.NoRead);
        Assert.Equal(ConsoleScreen.AmountEntry, _console.Screen);
        Assert.Equal(ScanMessages.NoRead, _display.Line(2));
        Assert.Equal(500, _console.AmountFen);
        Keys("E");
        Assert.Equal(ScannerCommand.Start, _console.TakeScannerCommand());
    }

    [Fact]
    public void Cancel_while_scanning_stops_the_scanner_and_a_late_code_is_not_a_sale()
    {
        Keys("5 0 0 E");
        _console.TakeScannerCommand();
        Keys("X");
        Assert.Equal(ScannerCommand.Stop, _console.TakeScannerCommand());
        Assert.Equal("Scan cancelled", _display.Line(2));
        _console.OnCodeRead(PaymentScheme.WeChat, "134567890123456789");
        Assert.Null(Take());
    }

    [Fact]
    public void A_result_waits_for_a_key_or_its_hold_time_and_not_a_microsecond_less()
    {
        _console.ShowResult(true, 1234, "Auth 123456", _clock.NowMicros);
        Assert.Equal(new[] { "APPROVED", "CNY 12.34", "Auth 123456", "Any key to continue" }, Enumerable.Range(0, 4).Select(_display.Line));
        _console.Tick(_clock.NowMicros + 4_999_999);
        Assert.Equal(ConsoleScreen.Result, _console.Screen);
        _console.Tick(_clock.NowMicros + 5_000_000);
        Assert.Equal(ConsoleScreen.Idle, _console.Screen);

        _console.ShowResult(false, 50, "Insufficient funds", _clock.NowMicros);
        Assert.Equal("DECLINED", _display.Line(0));
        Keys("0");
        Assert.Equal(ConsoleScreen.Idle, _console.Screen);
    }

    [Theory]
    [InlineData(PrintStatus.PaperOut, "Paper out", "Load paper")]
    [InlineData(PrintStatus.PlatenOpen, "Cover open", "Close the cover")]
    [InlineData(PrintStatus.Overheat, "Print head too hot", "Please wait")]
    [InlineData(PrintStatus.ThermistorFault, "Head sensor fault", "Call service")]
    [InlineData(PrintStatus.SupplyOutOfRange, "Power out of range", "Check power supply")]
    public void A_printer_fault_says_what_and_what_to_do_and_keys_do_not_leave_it(PrintStatus status, string what, string action)
    {
        _console.ShowPrinterFault(status);
        Assert.Equal("PRINTER FAULT", _display.Line(0));
        Assert.Equal(what, _display.Line(1));
        Assert.Equal(action, _display.Line(2));
        Keys("X E 1");
        Assert.Equal(ConsoleScreen.PrinterFault, _console.Screen);
        Assert.Equal(3, _console.KeysIgnored);
    }

    [Fact]
    public void Reversal_pending_shows_the_count()
    {
        _console.ShowReversalPending(2);
        Assert.Equal("REVERSAL PENDING", _display.Line(0));
        Assert.Equal("2 to send", _display.Line(1));
    }

    [Fact]
    public void The_menu_reports_reprint_settlement_and_list_requests()
    {
        Keys("M");
        Assert.Equal("1 Reprint last", _display.Line(0));
        Keys("1");
        Assert.Equal(ConsoleScreen.Idle, _console.Screen);
        Assert.Equal("Reprint requested", _display.Line(2));
        Keys("M 3 M 4");
        Assert.Equal(ConsoleRequestKind.ReprintLast, Take()!.Kind);
        Assert.Equal(ConsoleRequestKind.Settlement, Take()!.Kind);
        Assert.Equal(ConsoleRequestKind.ListUnresolved, Take()!.Kind);
        Assert.Null(Take());
        Keys("M X");
        Assert.Equal(ConsoleScreen.Idle, _console.Screen);
    }

    [Fact]
    public void Reprint_by_trace_takes_a_bounded_nonzero_trace_number()
    {
        Keys("M 2");
        Assert.Equal("REPRINT BY TRACE", _display.Line(0));
        Keys("E");
        Assert.Equal("Enter a trace no.", _display.Line(2));
        Keys("1 2 3 4 5 6 7");
        Assert.Equal("Trace: 123456", _display.Line(1));
        Assert.Equal("Max 6 digits", _display.Line(2));
        Keys("B B B E");
        ConsoleRequest? request = Take();
        Assert.Equal(ConsoleRequestKind.ReprintByTrace, request!.Kind);
        Assert.Equal(123, request.Trace);
        Assert.Equal(ConsoleScreen.Idle, _console.Screen);
        Keys("M 2 X");
        Assert.Equal(ConsoleScreen.Menu, _console.Screen);
    }

    [Fact]
    public void The_request_queue_is_bounded_and_a_refused_request_is_said_on_screen()
    {
        Keys("M 3 M 3 M 3 M 3");
        Assert.Equal(4, _console.PendingRequests);
        Keys("M 3");
        Assert.Equal(1, _console.RequestsDropped);
        Assert.Equal("Busy, try again", _display.Line(2));
        Assert.Equal(4, _console.PendingRequests);
    }

    [Fact]
    public void The_unresolved_list_scrolls_within_its_lines()
    {
        string[] lines = { "000101 CNY 12.34", "000102 CNY 1.00", "000103 CNY 5.00", "000104 CNY 9.99", "000105 CNY 0.50" };
        _console.ShowUnresolved(lines, lines.Length);
        Assert.Equal(new[] { "UNRESOLVED (5)", "000101 CNY 12.34", "000102 CNY 1.00", "000103 CNY 5.00" }, Enumerable.Range(0, 4).Select(_display.Line));
        Keys("D D D");
        Assert.Equal("000103 CNY 5.00", _display.Line(1));
        Assert.Equal("000105 CNY 0.50", _display.Line(3));
        Keys("U U U");
        Assert.Equal("000101 CNY 12.34", _display.Line(1));
        Keys("X");
        Assert.Equal(ConsoleScreen.Idle, _console.Screen);

        _console.ShowUnresolved(Array.Empty<string>(), 0);
        Assert.Equal("None", _display.Line(1));
    }

    [Fact]
    public void Every_screen_fits_the_display_in_plain_ascii()
    {
        Keys("1 2 3 4 5 6 7 8 9 E M 2 9 9 9 9 9 9 E");
        _console.ShowPrinterFault(PrintStatus.SupplyOutOfRange);
        _console.ShowUnresolved(new[] { "a very long line that is wider than the display" }, 1);
        _console.ShowResult(false, 999999999, "Card issuer unavailable, try later", 0);
        Assert.Equal(0, _display.CharactersCut);
        Assert.Equal(0, _display.NonAsciiCharacters);
    }

    [Theory]
    [InlineData(0, "CNY 0.00")]
    [InlineData(5, "CNY 0.05")]
    [InlineData(10, "CNY 0.10")]
    [InlineData(1234, "CNY 12.34")]
    [InlineData(500000, "CNY 5000.00")]
    [InlineData(-250, "CNY -2.50")]
    public void Amounts_are_shown_in_yuan_with_two_decimals(long fen, string text)
    {
        Assert.Equal(text, AmountText.Format(fen));
    }

    [Fact]
    public void A_display_smaller_than_20x4_is_refused_at_construction()
    {
        Assert.Throws<CheckFailedException>(() => new OperatorConsole(new DisplayModel(_clock, 2, 16), new ConsoleConfig()));
    }
}
