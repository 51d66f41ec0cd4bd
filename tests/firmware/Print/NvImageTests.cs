using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Printing;
using PosFirmware.Emulator.Storage;
using static PosFirmware.Tests.TestSupport.EscPos;

using Xunit;
using PosFirmware.Print;
using PosFirmware.Print.Interpreter;
using PosFirmware.Printing;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>NV images (FS q / FS p, GS ( L fn 67 / 69) are kept in the flash: they survive a reboot and a job re-run after a fault.</summary>
public class NvImageTests
{
    private static readonly byte[] PrintBoth = Job(ESC, '@', FS, 'p', 1, 0, FS, 'p', 2, 3, GS, '(', 'L', 6, 0, 48, 69, 'G', '1', 1, 1, "x\n");

    private static EscPosInterpreter Interpreter(FlashFileStore flash)
    {
        var interpreter = new EscPosInterpreter(PrinterFonts.Open(), new PrintLimits());
        interpreter.AttachNvImages(new NvImageStore(flash, 384, 1024, new PrintLimits().MaxNvImageBytes));
        return interpreter;
    }

    private static (byte[] Pixels, PrintJobResult Result) Print(EscPosInterpreter interpreter, byte[] job)
    {
        var paper = new IdealPaper();
        var r = interpreter.Print(job, 0, job.Length, paper, 0);
        var copy = new PrintJobResult { Status = r.Status, MalformedCommands = r.MalformedCommands, DotLinesDone = r.DotLinesDone };
        return (paper.ToPixels(0, out _, out _), copy);
    }

    [Fact]
    public void Logos_defined_before_a_reboot_print_after_it_exactly_as_before()
    {
        var flash = new FlashFileStore(FlashMode.LittleFs, new SimRandom(3));
        var before = Interpreter(flash);
        Assert.Equal(0, Print(before, SecondPassJobs.NvDefinitions).Result.MalformedCommands);
        var printedBefore = Print(before, PrintBoth);
        Assert.Equal(0, printedBefore.Result.MalformedCommands);
        Assert.Contains("nvq1.img", flash.List());
        Assert.Contains("nvg71-49.img", flash.List());

        flash.Reboot();
        var after = Print(Interpreter(flash), PrintBoth);
        Assert.Equal(0, after.Result.MalformedCommands);
        Assert.Equal(printedBefore.Pixels, after.Pixels);
        Assert.Equal(16 + 16 + 20 + 24, printedBefore.Result.DotLinesDone); // 16x16, 32x8 at x2, 48x20, a text line
    }

    [Fact]
    public void A_logo_that_is_not_defined_is_counted_and_nothing_prints_for_it()
    {
        var interpreter = Interpreter(new FlashFileStore(FlashMode.LittleFs, new SimRandom(4)));
        var result = Print(interpreter, PrintBoth).Result;
        Assert.Equal(3, result.MalformedCommands);
        Assert.Equal(24, result.DotLinesDone); // only the line of text
    }

    [Fact]
    public void Definitions_are_written_once_the_job_completes_so_a_rerun_prints_the_same_lines()
    {
        // A job that prints logo 1 and then redefines the set: a run cut short writes nothing, so its re-run
        // (from the start, as after a fault) prints what the first run printed.
        var flash = new FlashFileStore(FlashMode.LittleFs, new SimRandom(5));
        var interpreter = Interpreter(flash);
        Print(interpreter, SecondPassJobs.NvDefinitions);
        var redefine = Job(ESC, '@', FS, 'p', 1, 0, FS, 'q', 1, 1, 0, 1, 0, Enumerable.Repeat((byte)0xFF, 8).ToArray(), "y\n");
        var cut = interpreter.Print(redefine, 0, redefine.Length, new LimitedPaper(5), 0);
        Assert.NotEqual(PrintStatus.Ok, cut.Status);
        var imageBefore = flash.Snapshot()["nvq1.img"];
        var whole = Print(interpreter, redefine);
        Assert.Equal(PrintStatus.Ok, whole.Result.Status);
        Assert.NotEqual(imageBefore, flash.Snapshot()["nvq1.img"]); // written now, after the complete run
        Assert.DoesNotContain("nvq2.img", flash.List()); // FS q replaced the whole set
    }

    [Fact]
    public void An_unchanged_definition_writes_nothing_so_a_job_sent_again_wears_no_flash()
    {
        var flash = new FlashFileStore(FlashMode.LittleFs, new SimRandom(6));
        var interpreter = Interpreter(flash);
        var define = Job(ESC, '@', GS, '(', 'L', 13, 0, 48, 67, 48, 'A', 'B', 1, 8, 0, 2, 0, 49, 0xF0, 0x0F);
        Print(interpreter, define);
        int writes = flash.WritePoints;
        Assert.True(writes > 0);
        Print(interpreter, define);
        Assert.Equal(writes, flash.WritePoints);
        Print(interpreter, Job(ESC, '@', GS, '(', 'L', 13, 0, 48, 67, 48, 'A', 'B', 1, 8, 0, 2, 0, 49, 0xF0, 0x0E));
        Assert.True(flash.WritePoints > writes);
    }

    [Fact]
    public void A_logo_stored_through_the_terminal_prints_after_the_terminal_boots_again()
    {
        var first = new PosFirmware.Emulator.Board.VirtualTerminal(31);
        first.App.Boot();
        Assert.Equal(PrintOutcome.Printed, first.App.PrintReceipt(SecondPassJobs.NvDefinitions, 0, SecondPassJobs.NvDefinitions.Length));
        var flash = first.Board.Flash.Snapshot();
        Assert.Contains("nvq1.img", flash.Keys);

        int Printed(SortedDictionary<string, byte[]>? image)
        {
            var terminal = new PosFirmware.Emulator.Board.VirtualTerminal(32);
            if (image != null)
            {
                terminal.Board.Flash.Load(image);
            }
            terminal.App.Boot();
            Assert.Equal(PrintOutcome.Printed, terminal.App.PrintReceipt(PrintBoth, 0, PrintBoth.Length));
            return terminal.Printer.Paper.Height;
        }
        // Booted on the flash the first terminal left: the three logos print (16 + 16 + 20 dot lines more).
        Assert.Equal(Printed(null) + 52, Printed(flash));
    }

    [Fact]
    public void Images_past_the_flash_budget_are_refused_and_counted_and_a_replacement_counts_out_the_image_it_replaces()
    {
        // 384 x 256 dots: 4 + 48 * 256 = 12,292 bytes a file. The default 64 KB holds five; a job that defines
        // eight keeps five and refuses three, and the flash holds no more than the budget.
        var flash = new FlashFileStore(FlashMode.LittleFs, new SimRandom(7));
        var interpreter = Interpreter(flash);
        var parts = new List<object> { ESC, '@' };
        for (int k = 0; k < 8; k++)
        {
            parts.Add(FullWidthGraphics((byte)('A' + k), 0x55));
        }
        var result = Print(interpreter, Job(parts.ToArray())).Result;
        Assert.Equal(0, result.MalformedCommands);
        int budget = new PrintLimits().MaxNvImageBytes;
        var images = flash.List().Where(n => n.StartsWith("nvg")).ToList();
        Assert.Equal(5, images.Count);
        Assert.True(images.Sum(flash.SizeOf) <= budget);
        var refused = interpreter.Print(Job(parts.ToArray()), 0, Job(parts.ToArray()).Length, new IdealPaper(), 0);
        Assert.Equal(3, refused.RefusedImages);

        // The same key again with other dots replaces its image: the budget counts the old one out.
        var again = interpreter.Print(Job(ESC, '@', FullWidthGraphics((byte)'A', 0xAA)), 0, Job(ESC, '@', FullWidthGraphics((byte)'A', 0xAA)).Length, new IdealPaper(), 0);
        Assert.Equal(0, again.RefusedImages);
        Assert.Equal(0xAA, flash.Snapshot()["nvg65-65.img"][4]);
    }

    /// <summary>GS ( L fn 67: NV graphics kc1 = kc2 = key, 384 x 256 dots, every byte the given pattern.</summary>
    private static byte[] FullWidthGraphics(byte key, byte pattern)
    {
        const int widthDots = 384, heightDots = 256;
        int data = widthDots / 8 * heightDots;
        int p = 11 + data;
        var head = new byte[] { GS, (byte)'(', (byte)'L', (byte)(p & 0xFF), (byte)(p >> 8), 48, 67, 48, key, key, 1, widthDots & 0xFF, widthDots >> 8, heightDots & 0xFF, heightDots >> 8, 49 };
        return head.Concat(Enumerable.Repeat(pattern, data)).ToArray();
    }

    /// <summary>Paper that runs out after n calls.</summary>
    private sealed class LimitedPaper(int calls) : IDotLineSink
    {
        private int _left = calls;

        public int DotsPerLine => 384;

        public PrintStatus PrintLine(byte[] dots, int offset) => _left-- > 0 ? PrintStatus.Ok : PrintStatus.PaperOut;

        public PrintStatus Feed(int dotLines) => _left-- > 0 ? PrintStatus.Ok : PrintStatus.PaperOut;
    }
}
