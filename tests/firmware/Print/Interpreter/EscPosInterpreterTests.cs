using PosFirmware.Emulator.Printing;
using PosFirmware.Hal;
using PosFirmware.Tests.TestSupport;
using static PosFirmware.Tests.TestSupport.EscPos;

using Xunit;
using PosFirmware.Print;
using PosFirmware.Print.Interpreter;
using PosFirmware.Print.Text;
using PosFirmware.Printing;

namespace PosFirmware.Tests.Firmware.Print.Interpreter;

/// <summary>The interpreter's geometry, its handling of bad input, its limits, and resuming a job after a fault.</summary>
public class EscPosInterpreterTests
{
    private static readonly BitmapFont Font = PrinterFonts.Open();

    /// <summary>Limits that start in UTF-8: these jobs write their text as UTF-8 (TestSupport.EscPos.Job).</summary>
    private static PrintLimits Utf8Limits() => new() { PowerOnEncoding = TextEncoding.Utf8 };

    private static IdealPaper Print(byte[] job, out PrintJobResult result, PrintLimits? limits = null)
    {
        var interpreter = new EscPosInterpreter(Font, limits ?? Utf8Limits());
        var paper = new IdealPaper();
        result = interpreter.Print(job, 0, job.Length, paper, 0);
        return paper;
    }

    private static int InkedLines(IdealPaper paper) =>
        Enumerable.Range(0, paper.LineCount).Count(y => Enumerable.Range(0, 384).Any(x => paper.IsBlack(x, y)));

    [Fact]
    public void Font_A_fits_32_half_width_or_16_full_width_characters_per_line()
    {
        Print(Job(new string('H', 32), LF), out var r32);
        Assert.Equal(16 + 8, r32.DotLinesDone); // one 16-dot band plus leading to the 24-dot line pitch
        Print(Job(new string('H', 33), LF), out var r33);
        Assert.Equal(2 * (16 + 8), r33.DotLinesDone); // wrapped: a second line at the same pitch
        Print(Job(new string('中', 16), LF), out var c16);
        Assert.Equal(24, c16.DotLinesDone);
        Print(Job(new string('中', 17), LF), out var c17);
        Assert.Equal(48, c17.DotLinesDone);
    }

    [Fact]
    public void Font_B_fits_48_half_width_characters_per_line()
    {
        Print(Job(ESC, 'M', 1, new string('H', 48), LF), out var r48);
        Assert.Equal(24, r48.DotLinesDone);
        Print(Job(ESC, 'M', 1, new string('H', 49), LF), out var r49);
        Assert.Equal(48, r49.DotLinesDone);
    }

    [Fact]
    public void Double_size_text_is_32_dots_tall_and_16_columns_wide()
    {
        var paper = Print(Job(GS, '!', 0x11, new string('H', 16), LF), out var r);
        Assert.Equal(32, r.DotLinesDone);
        Print(Job(GS, '!', 0x11, new string('H', 17), LF), out var wrapped);
        Assert.Equal(64, wrapped.DotLinesDone);
        Assert.Equal(20, InkedLines(paper)); // Unifont's H has 10 inked rows
    }

    [Fact]
    public void Sizes_above_the_limit_are_clamped_and_counted()
    {
        var limits = Utf8Limits();
        limits.MaxTextScale = 2;
        Print(Job(GS, '!', 0x77, "big", LF), out var r, limits);
        Assert.Equal(2, r.ClampedRequests);  // width and height
        Assert.Equal(32, r.DotLinesDone);
    }

    [Fact]
    public void Text_scales_up_to_eight_times_in_both_directions()
    {
        var paper = Print(Job(GS, '!', 0x77, "HH", LF), out var r);
        Assert.Equal(0, r.ClampedRequests);
        Assert.Equal(128, r.DotLinesDone); // 16 dots x8, taller than the 24-dot pitch
        Assert.Equal(80, InkedLines(paper)); // Unifont's H has 10 inked rows
        static int InkedColumns(IdealPaper p) => Enumerable.Range(0, 384).Count(x => Enumerable.Range(0, p.LineCount).Any(y => p.IsBlack(x, y)));
        var single = Print(Job("HH", LF), out _);
        Assert.Equal(8 * InkedColumns(single), InkedColumns(paper));
        Print(Job(GS, '!', 0x70, "HHHHH", LF), out var wide);
        Assert.Equal(2 * 24, wide.DotLinesDone); // four 96-dot cells fill 384 dots: the fifth wraps
    }

    [Fact]
    public void Centred_and_right_aligned_text_moves_by_the_free_width()
    {
        static int LeftmostInk(IdealPaper p) => Enumerable.Range(0, 384).First(x => Enumerable.Range(0, p.LineCount).Any(y => p.IsBlack(x, y)));
        int left = LeftmostInk(Print(Job("HH", LF), out _));
        int centre = LeftmostInk(Print(Job(ESC, 'a', 1, "HH", LF), out _));
        int right = LeftmostInk(Print(Job(ESC, 'a', 2, "HH", LF), out _));
        Assert.Equal((384 - 24) / 2, centre - left);
        Assert.Equal(384 - 24, right - left);
    }

    [Fact]
    public void Feeds_move_the_paper_by_the_commanded_dots()
    {
        Print(Job(ESC, 'J', 100), out var j);
        Assert.Equal(100, j.DotLinesDone);
        Print(Job(ESC, 'd', 3), out var d);
        Assert.Equal(3 * 24, d.DotLinesDone);
        Print(Job("x", ESC, 'd', 0), out var d0);
        Assert.Equal(16, d0.DotLinesDone); // printed, not fed
        Print(Job("x", ESC, 'd', 2), out var d2);
        Assert.Equal(2 * 24, d2.DotLinesDone);
        Print(Job(ESC, '3', 40, LF, LF), out var spacing);
        Assert.Equal(80, spacing.DotLinesDone);
        Print(Job(GS, 'V', 0), out var tear);
        Assert.Equal(new PrintLimits().TearBarFeedDotLines, tear.DotLinesDone);
    }

    [Fact]
    public void Raster_image_prints_its_rows_with_double_width_and_height()
    {
        var image = Job(GS, 'v', '0', 3, 1, 0, 2, 0, 0b1000_0001, 0b0100_0000);
        var paper = Print(image, out var r);
        Assert.Equal(4, r.DotLinesDone);
        Assert.True(paper.IsBlack(0, 0) && paper.IsBlack(1, 0) && paper.IsBlack(14, 1) && paper.IsBlack(15, 1));
        Assert.False(paper.IsBlack(2, 0));
        Assert.True(paper.IsBlack(2, 2) && paper.IsBlack(3, 3));
    }

    [Fact]
    public void Unknown_commands_are_skipped_and_counted_and_text_after_them_prints()
    {
        var paper = Print(Job(ESC, 0x7E, "A", 0x01, GS, 0x01, "B", LF), out var r);
        Assert.Equal(3, r.UnknownCommands);
        Assert.True(r.Completed);
        Assert.True(InkedLines(paper) > 0);
    }

    [Theory]
    [InlineData(new byte[] { 0x1B })]
    [InlineData(new byte[] { 0x1B, (byte)'d' })]
    [InlineData(new byte[] { 0x1D, (byte)'v', (byte)'0', 0, 10, 0, 10, 0, 1, 2, 3 })]
    [InlineData(new byte[] { 0x1D, (byte)'k', 73, 20, (byte)'{', (byte)'B' })]
    [InlineData(new byte[] { 0x1D, (byte)'k', 2, (byte)'1', (byte)'2' })]
    [InlineData(new byte[] { 0x1D, (byte)'(', (byte)'k', 0xFF, 0xFF, 49, 80 })]
    [InlineData(new byte[] { 0x1D, (byte)'8', (byte)'L', 0xFF, 0xFF, 0xFF, 0x7F, 0 })]
    public void Truncated_commands_are_counted_as_malformed_without_an_exception(byte[] job)
    {
        Print(job, out var r);
        Assert.True(r.MalformedCommands >= 1);
        Assert.Equal(PrintStatus.Ok, r.Status);
        Assert.Equal(job.Length, r.BytesConsumed);
    }

    [Fact]
    public void Invalid_utf8_prints_replacement_boxes_and_counts_them()
    {
        // Lone continuation byte, overlong "/", surrogate, truncated 3-byte sequence, a character outside the BMP.
        Print(Job(0x80, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xE4, 0xB8, "x", "😀", LF), out var r);
        Assert.Equal(9, r.ReplacedCharacters); // 0x80, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xE4, 0xB8 and the emoji
        Assert.True(r.Completed);
    }

    [Fact]
    public void Qr_data_over_the_store_limit_is_refused_and_counted()
    {
        var limits = Utf8Limits();
        limits.MaxQrDataBytes = 10;
        Print(Qr("01234567890", 3, 0), out var r, limits);
        Assert.Equal(1, r.RefusedCodes);
        Assert.Equal(0, r.DotLinesDone);
    }

    [Fact]
    public void A_printed_qr_code_is_its_modules_each_module_dots_square_where_the_alignment_puts_it()
    {
        foreach (int moduleDots in new[] { 1, 3, 5, 8, 11 })
        {
            for (int align = 0; align < 3; align++)
            {
                string data = $"https://pay.example/q?id={moduleDots}-{align}-0123456789";
                var paper = Print(Job(ESC, 'a', align, Qr(data, moduleDots, 1)), out var r);
                Assert.Equal(0, r.RefusedCodes);
                var qr = new PosFirmware.Print.Codes.QrEncoder(40);
                byte[] bytes = System.Text.Encoding.UTF8.GetBytes(data);
                Assert.True(qr.Encode(bytes, 0, bytes.Length, PosFirmware.Print.Codes.QrErrorLevel.M));
                int width = qr.Size * moduleDots;
                // The top-left finder's corner module is dark: the symbol starts at the first black dot.
                int top = Enumerable.Range(0, paper.LineCount).First(y => Enumerable.Range(0, 384).Any(x => paper.IsBlack(x, y)));
                int left = Enumerable.Range(0, 384).First(x => paper.IsBlack(x, top));
                int expectedLeft = align == 0 ? 0 : align == 2 ? 384 - width : (384 - width) / 2;
                Assert.True(Math.Abs(expectedLeft - left) <= (align == 1 ? 1 : 0), $"module {moduleDots}, align {align}: starts at {left}, not {expectedLeft}");
                for (int y = 0; y < width; y++)
                {
                    for (int x = 0; x < 384; x++)
                    {
                        bool inside = x >= left && x < left + width;
                        bool expected = inside && qr.IsDark((x - left) / moduleDots, y / moduleDots);
                        Assert.True(expected == paper.IsBlack(x, top + y), $"module {moduleDots}, align {align}: dot ({x}, {y})");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_runaway_job_stops_at_the_line_limit()
    {
        var job = Enumerable.Repeat(Job(ESC, 'J', 255), 1000).SelectMany(b => b).ToArray();
        Print(job, out var r, new PrintLimits { MaxJobDotLines = 5000 });
        Assert.True(r.LineLimitReached);
        Assert.False(r.Completed);
        Assert.Equal(5000, r.DotLinesDone);
    }

    [Fact]
    public void A_sink_with_another_line_width_is_an_invariant_failure()
    {
        var interpreter = new EscPosInterpreter(Font, new PrintLimits());
        Assert.Throws<CheckFailedException>(() => interpreter.Print(new byte[1], 0, 1, new IdealPaper(576), 0));
    }

    [Fact]
    public void A_job_resumed_after_a_fault_at_any_line_prints_the_same_paper_as_an_uninterrupted_one()
    {
        var job = SampleReceipts.All().Single(s => s.Name == "sale-merchant").Bytes;
        var reference = Print(job, out var whole);
        Assert.True(whole.Completed);
        var interpreter = new EscPosInterpreter(Font, Utf8Limits());
        int calls = new FaultingSink(new IdealPaper(), -1).CountCalls(interpreter, job);
        // A spread of fault points (feeds and printed lines both), plus the first and last call.
        var faultPoints = Enumerable.Range(0, calls).Where(i => i % 59 == 0 || i == 1 || i == calls - 1).ToList();
        foreach (int faultAt in faultPoints)
        {
            var paper = new IdealPaper();
            var sink = new FaultingSink(paper, faultAt);
            var first = interpreter.Print(job, 0, job.Length, sink, 0);
            Assert.Equal(PrintStatus.PaperOut, first.Status);
            int done = first.DotLinesDone;
            Assert.Equal(paper.LineCount, done);
            var second = interpreter.Print(job, 0, job.Length, sink, done);
            Assert.True(second.Completed, $"resume after a fault at call {faultAt}");
            Assert.Equal(whole.DotLinesDone, second.DotLinesDone);
            Assert.Equal(reference.ToPixels(0, out _, out _), paper.ToPixels(0, out _, out _));
        }
    }

    [Fact]
    public void A_job_resumed_at_the_start_of_the_cut_element_prints_every_element_whole_after_the_fault()
    {
        var job = SampleReceipts.All().Single(s => s.Name == "sale-customer").Bytes;
        var reference = Print(job, out var whole);
        var interpreter = new EscPosInterpreter(Font, Utf8Limits());
        int calls = new FaultingSink(new IdealPaper(), -1).CountCalls(interpreter, job);
        byte[] referencePixels = reference.ToPixels(0, out _, out _);
        int cutInside = 0;
        for (int faultAt = 0; faultAt < calls; faultAt += 23)
        {
            var first = interpreter.Print(job, 0, job.Length, new FaultingSink(new IdealPaper(), faultAt), 0);
            Assert.Equal(PrintStatus.PaperOut, first.Status);
            int resumeAt = first.ElementStartDotLine;
            Assert.InRange(resumeAt, 0, first.DotLinesDone);
            cutInside += resumeAt < first.DotLinesDone ? 1 : 0;
            // The rest goes on fresh paper: it must be the reference from the element's first line on. Resume
            // re-runs the same bytes and reuses the QR symbol the first run encoded.
            var rest = new IdealPaper();
            var second = interpreter.Resume(job, 0, job.Length, rest, resumeAt);
            Assert.True(second.Completed);
            Assert.Equal(reference.LineCount - resumeAt, rest.LineCount);
            byte[] restPixels = rest.ToPixels(0, out int width, out _);
            Assert.True(referencePixels.AsSpan(resumeAt * width).SequenceEqual(restPixels), $"fault at call {faultAt}: the rest differs from the reference after line {resumeAt}");
        }
        Assert.True(cutInside > 10, $"faults inside an element: {cutInside}");
    }

    /// <summary>Paper that reports PaperOut once, on its n-th call, and prints nothing of that call.</summary>
    private sealed class FaultingSink : IDotLineSink
    {
        private readonly IdealPaper _paper;
        private readonly int _faultAt;
        private int _calls;

        public FaultingSink(IdealPaper paper, int faultAt)
        {
            _paper = paper;
            _faultAt = faultAt;
        }

        public int DotsPerLine => _paper.DotsPerLine;

        public int CountCalls(EscPosInterpreter interpreter, byte[] job)
        {
            interpreter.Print(job, 0, job.Length, this, 0);
            return _calls;
        }

        public PrintStatus PrintLine(byte[] dots, int offset) => _calls++ == _faultAt ? PrintStatus.PaperOut : _paper.PrintLine(dots, offset);

        public PrintStatus Feed(int dotLines) => _calls++ == _faultAt ? PrintStatus.PaperOut : _paper.Feed(dotLines);
    }
}
