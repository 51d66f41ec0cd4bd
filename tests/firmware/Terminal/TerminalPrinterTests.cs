using System.Text;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.Operator;
using PosFirmware.Print;
using PosFirmware.Print.Receipts;
using PosFirmware.Printing;
using PosFirmware.Terminal;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Firmware.Terminal;

/// <summary>The firmware prints: TerminalApp brings the printer up from the flash and prints receipts on the virtual terminal.</summary>
public class TerminalPrinterTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string WeChat = "134567890123456789";

    // The sample merchant's name has 圳, a level-2 hanzi the device's level-1 font lacks (firmware/Print/README.md);
    // this one is all level 1, so the firmware's paper can be compared dot for dot with the engine's full font.
    private const string Level1MerchantName = "南山区星光便利店";

    private static ReceiptComposer ComposeSale(string merchantName = Level1MerchantName)
    {
        var composer = new ReceiptComposer(new ReceiptConfig());
        var sale = SampleReceipts.Sale();
        sale.MerchantName = merchantName;
        Assert.True(composer.ComposeSale(sale, ReceiptCopy.Customer, reprint: false));
        return composer;
    }

    private static VirtualTerminal Booted(ulong seed, TerminalConfig? config = null, Action<SortedDictionary<string, byte[]>>? editFlash = null, CpuCosts? cpu = null)
    {
        var terminal = new VirtualTerminal(seed, config: config, cpu: cpu);
        PosFirmware.Emulator.Acquirer.VirtualAcquirer.Attach(terminal);
        if (editFlash != null)
        {
            var image = terminal.Board.Flash.Snapshot();
            editFlash(image);
            terminal.Board.Flash.Load(image);
        }
        terminal.App.Boot();
        return terminal;
    }

    private static string SavePaperPng(VirtualPrinter printer, string name, int marginDots = 16)
    {
        byte[] paper = printer.PaperBitmap(out int height);
        int width = printer.Width + 2 * marginDots;
        var pixels = Enumerable.Repeat((byte)255, width * (height + 2 * marginDots)).ToArray();
        for (int y = 0; y < height; y++)
        {
            Array.Copy(paper, y * printer.Width, pixels, (y + marginDots) * width + marginDots, printer.Width);
        }
        string path = Path.Combine(Directory.CreateTempSubdirectory("terminal-print").FullName, name + ".png");
        PngWriter.WriteGray(path, width, height + 2 * marginDots, pixels);
        return path;
    }

    private static void AssertSamePaper(PaperStrip expected, PaperStrip actual, string why)
    {
        // The driver's stop feeds past the last heated line, so a job stopped and resumed may leave one blank
        // line more at the end (the print engine's head tests allow the same); every printed row must match.
        Assert.InRange(actual.Height - expected.Height, 0, 1);
        for (int row = 0; row < actual.Height; row++)
        {
            byte[] want = row < expected.Height ? expected.RowBits(row) : new byte[expected.Width / 8];
            Assert.True(want.AsSpan().SequenceEqual(actual.RowBits(row)), $"row {row} differs {why}");
        }
    }

    [Fact]
    public void The_firmware_prints_a_sale_receipt_whose_qr_and_barcode_read_back()
    {
        var terminal = Booted(21);
        Assert.Null(terminal.App.PrinterError);
        Assert.NotNull(terminal.App.PrintHeadDriver);
        Assert.Same(terminal.App.PrintHeadDriver, terminal.Printer.Driver);
        var composer = ComposeSale();

        long startNanos = terminal.Board.Clock.NowNanos;
        var outcome = terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length);
        double seconds = (terminal.Board.Clock.NowNanos - startNanos) / 1e9;

        Assert.Equal(PrintOutcome.Printed, outcome);
        output.WriteLine($"sale receipt: {composer.Writer.Length} bytes, {terminal.Printer.Paper.Height} dot lines in {seconds:F2} virtual s (the loop waits for it)");
        Assert.Equal(1, terminal.App.Printer.JobsPrinted);
        Assert.True(terminal.App.Printer.LastResult.Completed);
        Assert.Equal(0, terminal.App.Printer.LastResult.ReplacedCharacters);
        Assert.True(terminal.Printer.Paper.Height > 500, $"paper is {terminal.Printer.Paper.Height} rows");
        Assert.Empty(terminal.Printer.Violations);
        var sale = SampleReceipts.Sale();
        var symbols = Zbar.Decode(SavePaperPng(terminal.Printer, "sale"));
        Assert.Contains($"QR-Code:POSREF:{sale.ReferenceNumber};TID:{sale.TerminalId};TRACE:{sale.Trace};TIME:20261122101530", symbols);
        Assert.Contains("CODE-128:" + sale.ReferenceNumber, symbols);
    }

    [Fact]
    public void The_firmware_prints_the_same_paper_as_the_print_engine_through_the_same_head()
    {
        var terminal = Booted(22);
        var composer = ComposeSale();
        Assert.Equal(PrintOutcome.Printed, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
        var renderer = new HeadRenderer();
        Assert.True(renderer.Print(composer.Writer.ToArray()).Completed);
        terminal.Printer.Finish();
        renderer.Printer.Finish();
        // The flash holds the GB2312 level-1 font, the engine's renderer the full one: a sale receipt uses
        // only level-1 characters, so the dots are the same.
        Assert.Equal(renderer.Printer.Paper.Height, terminal.Printer.Paper.Height);
        AssertSamePaper(renderer.Printer.Paper, terminal.Printer.Paper, "between the firmware and the engine's renderer");
    }

    [Fact]
    public void Paper_out_mid_receipt_shows_the_fault_waits_and_resumes_seamlessly_when_paper_is_back()
    {
        var composer = ComposeSale();
        var reference = Booted(23);
        Assert.Equal(PrintOutcome.Printed, reference.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
        reference.Printer.Finish();

        var terminal = Booted(23);
        terminal.Printer.LoadPaperAt(terminal.Board.Clock.NowNanos + 1_000_000_000, false);
        var outcome = terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length);

        Assert.Equal(PrintOutcome.Waiting, outcome);
        var queue = terminal.App.Printer;
        Assert.True(queue.Pending);
        Assert.Equal(PrintStatus.PaperOut, queue.Fault);
        int faultedAt = queue.DotLinesDone;
        Assert.InRange(faultedAt, 1, reference.Printer.Paper.Height - 1);
        Assert.Equal(ConsoleScreen.PrinterFault, terminal.App.Console.Screen);
        Assert.Equal("PRINTER FAULT", terminal.Display.Line(0));
        Assert.Equal("Paper out", terminal.Display.Line(1));
        Assert.Equal("Load paper", terminal.Display.Line(2));
        Assert.False(terminal.App.PrintHeadDriver.MotorEnergized, "the motor is stopped while the job waits");

        // A second job is refused while the first waits; the first keeps its place.
        Assert.Equal(PrintOutcome.Busy, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));

        terminal.App.RunFor(3_000_000);
        Assert.True(queue.Pending, "nothing prints without paper");
        Assert.Equal(faultedAt, queue.DotLinesDone);
        Assert.Equal(ConsoleScreen.PrinterFault, terminal.App.Console.Screen);

        terminal.Printer.Head.PaperPresent = true;
        terminal.App.RunFor(10_000_000);

        Assert.False(queue.Pending);
        Assert.Equal(1, queue.JobsPrinted);
        Assert.True(queue.Resumes >= 1);
        Assert.True(queue.LastResult.Completed);
        Assert.Equal(ConsoleScreen.Idle, terminal.App.Console.Screen);
        output.WriteLine($"paper out at dot line {faultedAt} of {reference.Printer.Paper.Height}; resumed after {queue.Resumes} tries");
        Assert.False(terminal.App.PrintHeadDriver.MotorEnergized, "the loop stops the motor after the job");
        Assert.Empty(terminal.Printer.Violations);
        terminal.Printer.Finish();
        AssertSamePaper(reference.Printer.Paper, terminal.Printer.Paper, $"after paper ran out at dot line {faultedAt}");
    }

    [Fact]
    public void A_cover_opened_and_closed_mid_receipt_resumes_the_job_too()
    {
        var composer = ComposeSale();
        var terminal = Booted(24);
        long now = terminal.Board.Clock.NowNanos;
        terminal.Printer.OpenPlatenAt(now + 700_000_000, true);
        Assert.Equal(PrintOutcome.Waiting, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
        Assert.Equal("Cover open", terminal.Display.Line(1));
        terminal.Printer.OpenPlatenAt(terminal.Board.Clock.NowNanos + 2_000_000_000, false);
        terminal.App.RunFor(12_000_000);
        Assert.False(terminal.App.Printer.Pending);
        Assert.True(terminal.App.Printer.LastResult.Completed);
        // The driver releases the coils at once when the head is lifted: with the paper not against the head
        // the stop-hold and feed-after-heat rules do not apply, so nothing is flagged.
        Assert.Empty(terminal.Printer.Violations);
        var sale = SampleReceipts.Sale();
        Assert.Contains("CODE-128:" + sale.ReferenceNumber, Zbar.Decode(SavePaperPng(terminal.Printer, "cover")));
    }

    // With the device's CPU model (as on the device), the driver's calls take time and it sends latches and
    // strobes ahead, reading the platen before a firing window's first step: a cover opened mid-line is then
    // found between the line's two firings, and the restart must still land on whole dot lines.
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void A_cover_opened_or_paper_run_out_mid_qr_prints_the_code_again_whole_so_it_still_scans(bool platen, bool cpuModel)
    {
        var composer = ComposeSale();
        CpuCosts? cpu = cpuModel ? CpuCosts.Esp32Nano : null;
        var reference = Booted(31, cpu: cpu);
        Assert.Equal(PrintOutcome.Printed, reference.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
        reference.Printer.Finish();
        var (qrTop, qrBottom) = QrRows(reference.Printer);
        string qrText = Assert.Single(DecodeQr(reference.Printer));

        // The fault comes when the paper reaches the middle of the code: the platen's close is followed by
        // the mechanism's backlash feed, and paper out leaves the rest for a new roll; either way the code's
        // two halves would not join up again.
        var terminal = Booted(31, cpu: cpu);
        Assert.Equal(cpuModel, terminal.Printer.Cpu != null);
        var head = terminal.Printer.Head;
        var clock = terminal.Board.Clock;
        int middle = (qrTop + qrBottom) / 2;
        void Watch()
        {
            if (terminal.Printer.Paper.Height >= middle)
            {
                if (platen) { head.PlatenOpen = true; } else { head.PaperPresent = false; }
                return;
            }
            clock.ScheduleIn(100_000, Watch);
        }
        clock.ScheduleIn(100_000, Watch);
        Assert.Equal(PrintOutcome.Waiting, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
        var queue = terminal.App.Printer;
        Assert.Equal(platen ? PrintStatus.PlatenOpen : PrintStatus.PaperOut, queue.Fault);
        int resumeAt = queue.DotLinesDone;
        Assert.True(resumeAt < middle - 8, $"the resume goes back to the code's first line ({resumeAt}), not to where the fault cut it ({middle})");
        Assert.Equal(qrTop, resumeAt);

        terminal.App.RunFor(2_000_000);
        // A new roll is a new piece of paper: the half code stays on the old roll's tail.
        int newRoll = platen ? 0 : terminal.Printer.Paper.Height;
        if (platen) { head.PlatenOpen = false; } else { head.PaperPresent = true; }
        terminal.App.RunFor(10_000_000);
        Assert.False(queue.Pending);
        Assert.True(queue.LastResult.Completed);
        if (cpuModel)
        {
            Assert.True(terminal.Printer.Cpu!.ChargedMicros > 0, "the driver's work was charged");
        }
        terminal.Printer.Finish();
        Assert.Equal(new[] { qrText }, DecodeQr(terminal.Printer, newRoll));
        Assert.Contains("CODE-128:" + SampleReceipts.Sale().ReferenceNumber, Zbar.Decode(SavePaperPng(terminal.Printer, platen ? "cover-mid-qr" : "paper-out-mid-qr")));
        // Every line after the restart is the reference's, from the code's first line on.
        var paper = terminal.Printer.Paper;
        int shift = paper.Height - reference.Printer.Paper.Height;
        output.WriteLine($"code rows {qrTop}-{qrBottom}, fault at row {middle}, resumed at dot line {resumeAt}; paper {shift} rows longer than the reference");
        Assert.True(shift > 0, "the part of the code before the fault is left behind, and the code printed again");
        for (int row = qrTop; row < reference.Printer.Paper.Height - 1; row++)
        {
            Assert.True(reference.Printer.Paper.RowBits(row).AsSpan().SequenceEqual(paper.RowBits(row + shift)), $"reference row {row} differs after the restart");
        }
    }

    private static List<string> DecodeQr(VirtualPrinter printer, int fromRow = 0)
    {
        byte[] gray = printer.PaperBitmap(out int height);
        byte[] piece = gray[(fromRow * printer.Width)..];
        return PosFirmware.Emulator.Simulation.PaperReceipts.DecodeQr(piece, printer.Width, height - fromRow);
    }

    // The rows of the (only) QR code on the paper: from ZXing's finder-pattern centres out to the quiet zone
    // (the first all-white row of the code's columns above and below).
    private static (int Top, int Bottom) QrRows(VirtualPrinter printer)
    {
        byte[] gray = printer.PaperBitmap(out int height);
        int width = printer.Width;
        var source = new ZXing.RGBLuminanceSource(gray, width, height, ZXing.RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)));
        Assert.NotNull(result);
        int left = (int)result.ResultPoints.Min(p => p.X);
        int right = (int)result.ResultPoints.Max(p => p.X);
        bool White(int row) => Enumerable.Range(left, right - left + 1).All(x => gray[row * width + x] >= 128);
        int top = (int)result.ResultPoints.Min(p => p.Y);
        int bottom = (int)result.ResultPoints.Max(p => p.Y);
        while (top > 0 && !White(top - 1))
        {
            top--;
        }
        while (bottom + 1 < height && !White(bottom + 1))
        {
            bottom++;
        }
        return (top, bottom);
    }

    [Fact]
    public void A_fault_that_never_clears_drops_the_job_after_the_configured_tries_and_says_so()
    {
        var config = new TerminalConfig();
        config.PrintQueue.MaxRetriesWithoutProgress = 4;
        var terminal = Booted(25, config);
        terminal.Printer.Head.PaperPresent = false;
        var composer = ComposeSale();
        Assert.Equal(PrintOutcome.Waiting, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
        terminal.App.RunFor(5L * config.PrintQueue.RetryPeriodMicros);
        Assert.False(terminal.App.Printer.Pending);
        Assert.Equal(1, terminal.App.Printer.JobsDropped);
        Assert.Equal(0, terminal.App.Printer.JobsPrinted);
        Assert.Equal(ConsoleScreen.Idle, terminal.App.Console.Screen);
        Assert.True(terminal.Display.EverShowed("Receipt not printed"));
        // The queue is free again: with paper, the next job prints.
        terminal.Printer.Head.PaperPresent = true;
        Assert.Equal(PrintOutcome.Printed, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
    }

    [Fact]
    public void A_character_missing_from_the_flash_font_prints_as_a_box_and_is_counted()
    {
        var terminal = Booted(29);
        var composer = ComposeSale(SampleReceipts.Sale().MerchantName);
        Assert.Equal(PrintOutcome.Printed, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
        Assert.Equal(0, terminal.App.Printer.LastResult.ReplacedCharacters); // 圳 (GB2312 level 2) is in the terminal's full font
        composer = ComposeSale("测试\U00020000商店"); // CJK Extension B: outside the font's plane
        Assert.Equal(PrintOutcome.Printed, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
        Assert.Equal(1, terminal.App.Printer.LastResult.ReplacedCharacters);
    }

    [Fact]
    public void A_font_file_lost_after_boot_drops_the_job_with_the_flash_error_and_the_loop_goes_on()
    {
        var terminal = Booted(30);
        var image = terminal.Board.Flash.Snapshot();
        image.Remove(terminal.Config.PrintFontFile);
        terminal.Board.Flash.Load(image);
        var composer = ComposeSale();

        Assert.Equal(PrintOutcome.GaveUp, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));

        Assert.Equal(1, terminal.App.Printer.JobsDropped);
        Assert.Contains("font.pft", terminal.App.Printer.Message);
        Assert.False(terminal.App.Printer.Pending);
        Assert.True(terminal.Display.EverShowed("Receipt not printed"));
        terminal.App.RunFor(500_000);
        Assert.False(terminal.App.PrintHeadDriver.MotorEnergized);
    }

    [Fact]
    public void A_job_larger_than_the_queue_is_refused_and_nothing_prints()
    {
        var config = new TerminalConfig();
        config.PrintQueue.MaxJobBytes = 256;
        var terminal = Booted(26, config);
        var composer = ComposeSale();
        Assert.True(composer.Writer.Length > 256);
        Assert.Equal(PrintOutcome.TooLarge, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
        Assert.Equal(0, terminal.Printer.Paper.Height);
    }

    public static TheoryData<string, string, string> BrokenFiles() => new()
    {
        { "missing profile", "printhead.profile", "printhead.profile is missing" },
        { "garbage profile", "printhead.profile", "printhead.profile: line 1: expected key = value" },
        { "wrong strobe count", "printhead.profile", "LTPD245C: 4 strobe blocks but the board wires 6" },
        { "missing font", "font.pft", "font.pft is missing: nothing can be printed" },
        { "truncated font", "font.pft", "font.pft is not a font file (bad header or length): nothing can be printed" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_missing_or_bad_printer_file_is_a_clear_error_and_the_rest_of_the_terminal_works(string what, string file, string error)
    {
        var terminal = Booted(27, editFlash: image =>
        {
            switch (what)
            {
                case "garbage profile":
                    image[file] = Encoding.UTF8.GetBytes("this is not a profile\n");
                    break;
                case "wrong strobe count":
                    image[file] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(image[file]).Replace("strobeBlocks=6", "strobeBlocks=4"));
                    break;
                case "truncated font":
                    image[file] = image[file][..1000];
                    break;
                default:
                    image.Remove(file);
                    break;
            }
        });

        Assert.Equal(error, terminal.App.PrinterError);
        Assert.Null(terminal.App.Printer);
        Assert.Equal(file == "font.pft", terminal.App.PrintHeadDriver != null);
        Assert.Contains("Printer not ready", terminal.Display.Lines.Select(l => l.Trim()));
        var composer = ComposeSale();
        Assert.Equal(PrintOutcome.NotReady, terminal.App.PrintReceipt(composer.Writer.Buffer, 0, composer.Writer.Length));
        Assert.Equal(0, terminal.Printer.Paper.Height);

        // The rest works: the heartbeat runs and a sale still reaches the payment flow.
        terminal.Keypad.Type("2500E", terminal.Board.Clock.NowNanos + 100_000_000, 80_000_000);
        terminal.Scanner.Present(ScanItem.Of(WeChat));
        terminal.App.RunFor(2_000_000);
        var sale = TerminalScannerTests.LastSale(terminal);
        Assert.Equal(2500, sale?.AmountFen);
        Assert.Equal(WeChat, sale?.Code);
        // On at boot, then a toggle every 250 ms through the 2 s.
        Assert.True(terminal.StatusLed.EdgeCount >= 8, $"heartbeat edges: {terminal.StatusLed.EdgeCount}");
    }

    [Fact]
    public void The_virtual_terminal_has_one_head_driver_and_it_is_the_firmwares()
    {
        var terminal = new VirtualTerminal(28);
        Assert.Null(terminal.Printer.DriverOrNull);
        var e = Assert.Throws<InvalidOperationException>(() => terminal.Printer.Driver);
        Assert.Contains("firmware", e.Message);
        terminal.App.Boot();
        Assert.Same(terminal.App.PrintHeadDriver, terminal.Printer.Driver);
        Assert.Null(terminal.Hardware.PrintHeadProfile);
        Assert.Equal("LTPD245C", terminal.App.PrintHeadDriver.Profile.Name);
        var standalone = new VirtualPrinter(new VirtualBoard(1), ProfileLibrary.Load(ProfileLibrary.Primary));
        Assert.Throws<InvalidOperationException>(() => standalone.AttachDriver(() => null));
    }
}
