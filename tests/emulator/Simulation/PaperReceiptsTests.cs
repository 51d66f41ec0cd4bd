using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.Emulator.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Emulator.Simulation;

/// <summary>
/// Reading the paper through the finder-row band gives what ZXing reads trying harder over the whole
/// piece: on every sample receipt, on receipts torn anywhere across their code, and on the pieces of
/// faulty soak runs; and the band is where the code is.
/// </summary>
public class PaperReceiptsTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, PaperStrip> Printed = new();

    private static PaperStrip PrintOnHead(string kind)
    {
        lock (Printed)
        {
            if (!Printed.TryGetValue(kind, out var paper))
            {
                var renderer = new HeadRenderer();
                renderer.Board.Trace.Enabled = false;
                renderer.Print(SampleReceipts.All().Single(s => s.Name == kind).Bytes);
                renderer.Printer.Finish();
                paper = renderer.Printer.Paper;
                Printed[kind] = paper;
            }
            return paper;
        }
    }

    private static List<string> Thorough(PaperStrip paper, int from, int to) => PaperReceipts.DecodeQr(paper.ToGray(from, to), paper.Width, to - from);

    public static TheoryData<string> Kinds() => new(SampleReceipts.All().Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_sample_receipt_reads_the_same_through_the_band_as_the_whole_piece(string kind)
    {
        var paper = PrintOnHead(kind);
        var thorough = Thorough(paper, 0, paper.Height);
        Assert.Equal(thorough, PaperReceipts.DecodeQr(paper, 0, paper.Height));
        bool hasCode = PaperReceipts.FinderBand(paper, 0, paper.Height, out _, out _, out _);
        Assert.Equal(thorough.Count > 0, hasCode);
    }

    [Fact]
    public void The_band_holds_the_code_and_not_the_whole_receipt()
    {
        var paper = PrintOnHead("sale-customer");
        Assert.True(PaperReceipts.FinderBand(paper, 0, paper.Height, out int top, out int bottom, out int module));
        Assert.InRange(module, 2, 12);
        Assert.True(bottom - top < paper.Height / 3, $"band {top}..{bottom} of {paper.Height} rows");
        int margin = PaperReceipts.BandMarginModules * module;
        Assert.Single(Thorough(paper, Math.Max(0, top - margin), Math.Min(paper.Height, bottom + 1 + margin)));
    }

    [Fact]
    public void The_columns_from_the_leftmost_finder_one_code_wide_hold_the_code_and_not_the_whole_width()
    {
        var paper = PrintOnHead("sale-customer");
        Assert.True(PaperReceipts.FinderBand(paper, 0, paper.Height, out int top, out int bottom, out int module, out int left));
        int margin = PaperReceipts.BandMarginModules * module;
        int from = Math.Max(0, top - margin);
        int to = Math.Min(paper.Height, bottom + 1 + margin);
        int columnFrom = Math.Max(0, left - margin);
        int columnTo = Math.Min(paper.Width, left + (bottom - top + 1) + margin);
        Assert.True(columnTo - columnFrom < paper.Width * 3 / 4, $"columns {columnFrom}..{columnTo} of {paper.Width}");
        // Cut from the whole piece's gray, independently of how the decoder crops it.
        byte[] whole = paper.ToGray(from, to);
        int width = columnTo - columnFrom;
        var window = new byte[width * (to - from)];
        for (int y = 0; y < to - from; y++)
        {
            Array.Copy(whole, y * paper.Width + columnFrom, window, y * width, width);
        }
        Assert.Equal(Thorough(paper, 0, paper.Height), PaperReceipts.DecodeQr(window, width, to - from));
        // One module fewer on the right and the code no longer reads: the window is no wider than it must be by much.
        int narrow = left + (bottom - top + 1) - module - columnFrom;
        var cut = new byte[narrow * (to - from)];
        for (int y = 0; y < to - from; y++)
        {
            Array.Copy(whole, y * paper.Width + columnFrom, cut, y * narrow, narrow);
        }
        Assert.Empty(PaperReceipts.DecodeQr(cut, narrow, to - from));
    }

    [Fact]
    public void A_receipt_torn_anywhere_across_its_code_reads_the_same_both_ways()
    {
        var paper = PrintOnHead("sale-customer");
        Assert.True(PaperReceipts.FinderBand(paper, 0, paper.Height, out int top, out int bottom, out int module));
        for (int cut = Math.Max(1, top - 10 * module); cut <= Math.Min(paper.Height - 1, bottom + 10 * module); cut += 7)
        {
            Assert.Equal(Thorough(paper, 0, cut), PaperReceipts.DecodeQr(paper, 0, cut));
            Assert.Equal(Thorough(paper, cut, paper.Height), PaperReceipts.DecodeQr(paper, cut, paper.Height));
        }
    }

    [Fact]
    public void Faulty_soak_runs_read_every_piece_the_same_as_trying_harder_over_it()
    {
        int withCode = 0;
        int without = 0;
        for (ulong seed = 40; seed < 52; seed++)
        {
            var result = SimulationRun.Run(seed, new SimulationConfig { SalesPerRun = 3, KeepPaper = true });
            foreach (var piece in result.Paper)
            {
                var thorough = PaperReceipts.DecodeQr(piece.Gray, piece.Width, piece.Height);
                Assert.True(thorough.SequenceEqual(piece.QrTexts), $"seed {seed}: the band read [{string.Join(", ", piece.QrTexts)}], the whole piece [{string.Join(", ", thorough)}]");
                withCode += thorough.Count > 0 ? 1 : 0;
                without += thorough.Count == 0 ? 1 : 0;
            }
        }
        Assert.True(withCode > 5 && without > 0, $"{withCode} pieces with a code, {without} without");
    }

    [Fact]
    public void Gray_of_rows_and_columns_is_the_pixels_the_paper_gives_its_png()
    {
        for (int seed = 0; seed < 50; seed++)
        {
            var random = new Random(seed);
            var paper = new PaperStrip(384);
            int height = random.Next(1, 40);
            paper.ExtendTo(height - 1);
            for (int n = random.Next(0, 3000); n > 0; n--)
            {
                // Darkness of every kind: full, faint, at halves of a gray step, summed past 1.
                double darkness = random.Next(4) switch
                {
                    0 => 1,
                    1 => 1 - (random.Next(256) + 0.5) / 255,
                    _ => random.NextDouble(),
                };
                paper.Mark(random.Next(height), random.Next(384), darkness, random.Next(3) == 0 ? 0.5 : 1, 0);
            }
            int from = random.Next(height);
            int to = random.Next(from, height + 1);
            int columnFrom = random.Next(384);
            int columnTo = random.Next(columnFrom + 1, 385);
            byte[] whole = paper.ToGray(from, to);
            byte[] gray = PaperReceipts.Gray(paper, from, to, columnFrom, columnTo);
            int width = columnTo - columnFrom;
            Assert.Equal(width * Math.Max(1, to - from), gray.Length);
            for (int y = 0; y < to - from; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    Assert.True(whole[y * 384 + columnFrom + x] == gray[y * width + x], $"seed {seed}: row {from + y}, column {columnFrom + x}");
                }
            }
        }
    }
    // The finder scan the straightforward way: each pixel's darkness compared on its own, runs counted pixel
    // by pixel, the proportions tested in floating point as ZXing tests them.
    private static int ReferenceModule(List<int> runs)
    {
        int total = runs.Sum();
        if (total < 7)
        {
            return 0;
        }
        double module = total / 7.0;
        double variance = module / 2;
        bool fits = Math.Abs(module - runs[0]) < variance && Math.Abs(module - runs[1]) < variance
            && Math.Abs(3 * module - runs[2]) < 3 * variance && Math.Abs(module - runs[3]) < variance
            && Math.Abs(module - runs[4]) < variance;
        return fits ? (total + 6) / 7 : 0;
    }

    private static bool ReferenceDark(PaperStrip paper, int row, int x) => paper.DarknessAt(row, x) >= PaperReceipts.DarkDarkness;

    private static int ReferenceRow(PaperStrip paper, int row, int from, int to, out int left)
    {
        left = 0;
        var runs = new List<int>();
        var dark = new List<bool>();
        for (int x = 0; x < paper.Width;)
        {
            bool shade = ReferenceDark(paper, row, x);
            int end = x;
            while (end < paper.Width && ReferenceDark(paper, row, end) == shade)
            {
                end++;
            }
            if (shade || runs.Count > 0)
            {
                runs.Add(end - x);
                dark.Add(shade);
                int n = runs.Count;
                if (shade && n >= 5)
                {
                    var five = runs.GetRange(n - 5, 5);
                    int module = ReferenceModule(five);
                    int centre = end - five[4] - five[3] - (five[2] + 1) / 2;
                    if (module > 0 && ReferenceCrossesDown(paper, row, centre, from, to, five))
                    {
                        left = end - five.Sum();
                        return module;
                    }
                }
            }
            x = end;
        }
        return 0;
    }

    private static bool ReferenceCrossesDown(PaperStrip paper, int row, int x, int from, int to, List<int> across)
    {
        int total = across.Sum();
        var down = new int[5];
        int y = row;
        for (int run = 2; run >= 0; run--)
        {
            while (y >= from && ReferenceDark(paper, y, x) == (run != 1) && down[run] <= total)
            {
                down[run]++;
                y--;
            }
        }
        y = row + 1;
        for (int run = 2; run <= 4; run++)
        {
            while (y < to && ReferenceDark(paper, y, x) == (run != 3) && down[run] <= total)
            {
                down[run]++;
                y++;
            }
        }
        return Math.Abs(down.Sum() - total) < 0.4 * total && ReferenceModule(down.ToList()) > 0;
    }

    // The scan looks at every third row: a finder of one-dot modules (its centre three rows tall) is found
    // wherever it starts against the scanned rows, with exactly the rows that cross it (a scan that skips more
    // rows misses some of these), and so is a finder of two-dot modules.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_finder_of_the_smallest_modules_is_found_wherever_it_starts(int moduleDots)
    {
        int moduleRows = moduleDots;
        for (int offset = 0; offset < 6; offset++)
        {
            var paper = new PaperStrip(64);
            paper.ExtendTo(39);
            int top = 5 + offset;
            DrawFinder(paper, 40, top, 20, moduleDots, moduleRows, 1);
            Assert.True(PaperReceipts.FinderBand(paper, 0, 40, out int first, out int last, out int module, out int left), $"offset {offset}");
            // Only the centre's rows cross all five runs.
            Assert.Equal((top + 2 * moduleRows, top + 5 * moduleRows - 1, moduleDots, 20), (first, last, module, left));
        }
    }

    // Widths that are not whole 64-pixel words too: the scan finds where runs end a word at a time, the last word cut short.
    [Theory]
    [InlineData(384)]
    [InlineData(200)]
    [InlineData(191)]
    [InlineData(130)]
    public void The_finder_scan_finds_what_a_pixel_by_pixel_scan_finds_on_random_strips(int width)
    {
        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}, width {width}");
        var random = new Random(seed);
        int found = 0;
        for (int round = 0; round < 300; round++)
        {
            var paper = new PaperStrip(width);
            int height = 60 + random.Next(200);
            paper.ExtendTo(height - 1);
            // Finder patterns (7x7 modules: a ring, a gap, a 3x3 centre) of random module sizes and fades,
            // some crossing the strip's ends, among text-like strokes and faint marks around the threshold.
            for (int f = 1 + random.Next(3); f > 0; f--)
            {
                int module = 1 + random.Next(5);
                // Half of them squashed or stretched down the paper, to either side of the 40 % the scan allows.
                int moduleRows = random.Next(2) == 0 ? module : 1 + random.Next(2 * module + 1);
                int top = random.Next(-3 * module, height);
                int leftDot = random.Next(-3 * module, width);
                double darkness = random.Next(3) == 0 ? 0.2 + random.NextDouble() * 0.1 : 1;
                DrawFinder(paper, height, top, leftDot, module, moduleRows, darkness);
            }
            for (int n = random.Next(1500); n > 0; n--)
            {
                int y = random.Next(height);
                int x = random.Next(width);
                int length = 1 + random.Next(random.Next(2) == 0 ? 4 : 20);
                double darkness = random.Next(2) == 0 ? 1 : 0.2 + random.NextDouble() * 0.1;
                bool across = random.Next(2) == 0;
                for (int k = 0; k < length; k++)
                {
                    paper.Mark(across ? y : Math.Min(height - 1, y + k), across ? x + k : x, darkness, 1, 0);
                }
            }
            int from = random.Next(height / 2);
            int to = random.Next(from + 1, height + 1);
            bool has = PaperReceipts.FinderBand(paper, from, to, out int top1, out int bottom1, out int module1, out int left1);
            // The reference: every third row from the first, then up to two rows above the first and below the
            // last found, while they cross.
            int top2 = -1, bottom2 = -1, module2 = 1, left2 = int.MaxValue;
            for (int row = from; row < to; row += 3)
            {
                int m = ReferenceRow(paper, row, from, to, out int edge);
                if (m > 0)
                {
                    left2 = Math.Min(left2, edge);
                    top2 = top2 < 0 ? row : top2;
                    bottom2 = row;
                    module2 = Math.Max(module2, m);
                }
            }
            for (int k = 0; top2 >= 0 && k < 2 && top2 - 1 >= from && ReferenceRow(paper, top2 - 1, from, to, out int topEdge) > 0; k++)
            {
                top2--;
                left2 = Math.Min(left2, topEdge);
            }
            for (int k = 0; top2 >= 0 && k < 2 && bottom2 + 1 < to && ReferenceRow(paper, bottom2 + 1, from, to, out int bottomEdge) > 0; k++)
            {
                bottom2++;
                left2 = Math.Min(left2, bottomEdge);
            }
            string why = $"seed {seed}, width {width}, round {round}";
            Assert.True(has == top2 >= 0, why + $": found {has}");
            if (has)
            {
                found++;
                Assert.True(top1 == top2 && bottom1 == bottom2 && module1 == module2 && left1 == left2,
                    why + $": rows {top1}..{bottom1} module {module1} left {left1}, not {top2}..{bottom2} module {module2} left {left2}");
            }
        }
        Assert.True(found > 15, $"seed {seed}: only {found} strips with a finder");
    }

    // A code drawn by ZXing's own encoder (one pixel a module, no quiet zone) onto the strip, modules moduleDots
    // square, its top-left corner at (top, leftDot); its side in dots.
    private static int DrawCode(PaperStrip paper, string text, int top, int leftDot, int moduleDots)
    {
        var hints = new Dictionary<ZXing.EncodeHintType, object> { [ZXing.EncodeHintType.MARGIN] = 0 };
        var modules = new ZXing.QrCode.QRCodeWriter().encode(text, ZXing.BarcodeFormat.QR_CODE, 0, 0, hints);
        paper.ExtendTo(top + modules.Height * moduleDots - 1);
        for (int my = 0; my < modules.Height; my++)
        {
            for (int mx = 0; mx < modules.Width; mx++)
            {
                for (int d = 0; modules[mx, my] && d < moduleDots * moduleDots; d++)
                {
                    paper.Mark(top + my * moduleDots + d / moduleDots, leftDot + mx * moduleDots + d % moduleDots, 1, 1, 0);
                }
            }
        }
        return modules.Width * moduleDots;
    }

    private static PaperStrip Blank(int width, int height)
    {
        var paper = new PaperStrip(width);
        paper.ExtendTo(height - 1);
        return paper;
    }

    private static string? ReadLone(PaperStrip paper)
    {
        Assert.True(PaperReceipts.FinderBand(paper, 0, paper.Height, out int top, out int bottom, out int module, out int left));
        return PaperReceipts.DecodeLoneSymbol(paper, 0, paper.Height, top, bottom, module, left);
    }

    // A code alone on white reads as a pure barcode from the crop its finder rows imply, at every module size
    // and wherever it starts against the binarizer's blocks; a crop that clipped it would read nothing.
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void A_lone_code_reads_from_the_crop_its_finders_imply(int moduleDots)
    {
        for (int offset = 0; offset < 8; offset++)
        {
            var paper = Blank(384, 40);
            int side = DrawCode(paper, "POSREF:000000000007;TID:10000001;TRACE:000007", 30 + offset, 90 + 3 * offset, moduleDots);
            paper.ExtendTo(paper.Height + 39);
            Assert.Equal("POSREF:000000000007;TID:10000001;TRACE:000007", ReadLone(paper));
            Assert.Equal(Thorough(paper, 0, paper.Height), PaperReceipts.DecodeQr(paper, 0, paper.Height));
            Assert.True(side > 40, $"side {side}");
        }
    }

    // A code against the strip's edge or a tear has no white ring around it in the crop: it is not read as a lone
    // code, and the general read gives what trying harder over the piece gives; a dot of white and it is.
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    public void A_code_reads_as_a_lone_code_only_with_white_between_it_and_the_strip_edge_or_a_tear(int gapDots, bool lone)
    {
        const int module = 4;
        const string text = "POSREF:000000000042;TID:10000001;TRACE:000042";
        int side = DrawCode(Blank(384, 1), text, 0, 0, module);
        var left = Blank(384, 30);
        DrawCode(left, text, 30, gapDots, module);
        left.ExtendTo(left.Height + 29);
        var right = Blank(384, 30);
        DrawCode(right, text, 30, 384 - side - gapDots, module);
        right.ExtendTo(right.Height + 29);
        var top = Blank(384, gapDots);
        DrawCode(top, text, gapDots, 100, module);
        top.ExtendTo(top.Height + 29);
        var bottom = Blank(384, 30);
        DrawCode(bottom, text, 30, 100, module);
        bottom.ExtendTo(bottom.Height - 1 + gapDots);
        foreach (var (name, paper) in new[] { ("left", left), ("right", right), ("top", top), ("bottom", bottom) })
        {
            Assert.True(lone == (ReadLone(paper) == text), $"{name}, {gapDots} dots clear");
            Assert.Equal(Thorough(paper, 0, paper.Height), PaperReceipts.DecodeQr(paper, 0, paper.Height));
        }
    }

    // Two codes close together, one above the other or side by side, or a mark beside a code: the crop is not
    // one square on white, so the codes are read the general way, every one of them, as trying harder reads them.
    [Fact]
    public void Codes_near_each_other_are_each_read()
    {
        const int module = 4;
        var stacked = Blank(384, 30);
        int side = DrawCode(stacked, "UPPER", 30, 100, module);
        DrawCode(stacked, "LOWER", 30 + side + module, 100, module);
        stacked.ExtendTo(stacked.Height + 39);
        Assert.Null(ReadLone(stacked));
        Assert.Equal(new[] { "UPPER", "LOWER" }, PaperReceipts.DecodeQr(stacked, 0, stacked.Height));
        Assert.Equal(Thorough(stacked, 0, stacked.Height), PaperReceipts.DecodeQr(stacked, 0, stacked.Height));

        var beside = Blank(384, 30);
        DrawCode(beside, "WEST", 30, 40, module);
        DrawCode(beside, "EAST", 30, 40 + side + module, module);
        beside.ExtendTo(beside.Height + 39);
        Assert.Null(ReadLone(beside));
        // The general read's first try takes one code's width of columns from the leftmost finder, so of two codes
        // in the same rows only the left one is read (as before the lone read; receipts print one code a row).
        Assert.Equal(new[] { "WEST" }, PaperReceipts.DecodeQr(beside, 0, beside.Height));

        var marked = Blank(384, 30);
        DrawCode(marked, "MARKED", 30, 100, module);
        marked.ExtendTo(marked.Height + 39);
        for (int y = 40; y < 60; y++)
        {
            marked.Mark(y, 100 + side + module, 1, 1, 0);
        }
        Assert.Null(ReadLone(marked));
        Assert.Equal(new[] { "MARKED" }, PaperReceipts.DecodeQr(marked, 0, marked.Height));
    }

    [Fact]
    public void A_lone_square_is_one_square_off_every_edge_the_size_the_finders_imply()
    {
        static ZXing.Common.BitMatrix Box(int left, int top, int width, int height)
        {
            var black = new ZXing.Common.BitMatrix(60, 60);
            black.setRegion(left, top, width, height);
            return black;
        }
        Assert.True(PaperReceipts.IsLoneSquare(Box(5, 5, 50, 50), 50, 2));
        Assert.True(PaperReceipts.IsLoneSquare(Box(1, 1, 58, 57), 55, 2));
        Assert.False(PaperReceipts.IsLoneSquare(Box(0, 5, 50, 50), 50, 2), "on the left edge");
        Assert.False(PaperReceipts.IsLoneSquare(Box(5, 0, 50, 50), 50, 2), "on the top edge");
        Assert.False(PaperReceipts.IsLoneSquare(Box(5, 5, 55, 50), 50, 2), "on the right edge");
        Assert.False(PaperReceipts.IsLoneSquare(Box(5, 5, 50, 55), 50, 2), "on the bottom edge");
        Assert.False(PaperReceipts.IsLoneSquare(Box(5, 5, 50, 47), 50, 2), "not square");
        Assert.False(PaperReceipts.IsLoneSquare(Box(5, 5, 40, 40), 50, 2), "smaller than the finders imply");
        Assert.False(PaperReceipts.IsLoneSquare(new ZXing.Common.BitMatrix(60, 60), 50, 2), "blank");
    }

    // A finder pattern (7x7 modules: a ring, a gap, a 3x3 centre) of modules moduleDots wide and moduleRows
    // tall, its top-left corner at (top, leftDot), on the rows of the strip's height it reaches.
    private static void DrawFinder(PaperStrip paper, int height, int top, int leftDot, int moduleDots, int moduleRows, double darkness)
    {
        for (int my = 0; my < 7; my++)
        {
            for (int mx = 0; mx < 7; mx++)
            {
                bool ring = my == 0 || my == 6 || mx == 0 || mx == 6;
                bool centre = my >= 2 && my <= 4 && mx >= 2 && mx <= 4;
                for (int dy = 0; (ring || centre) && dy < moduleRows; dy++)
                {
                    for (int dx = 0; dx < moduleDots; dx++)
                    {
                        int y = top + my * moduleRows + dy;
                        if (y >= 0 && y < height)
                        {
                            paper.Mark(y, leftDot + mx * moduleDots + dx, darkness, 1, 0);
                        }
                    }
                }
            }
        }
    }
}
