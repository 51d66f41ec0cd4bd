using PosFirmware.Emulator.Printing;
using PosFirmware.Print;
using PosFirmware.Print.Text;
using Xunit;

namespace PosFirmware.Tests.Firmware.Print.Text;

/// <summary>One text line drawn into its band, checked dot by dot against the font's own glyph bitmaps.</summary>
public class TextLineTests
{
    private static readonly BitmapFont Font = PrinterFonts.Open(PrinterFonts.Level1Gb2312);
    private static readonly PrintLimits Limits = new();
    private const int BytesPerLine = 48;

    private static bool Dot(byte[] band, int row, int dot) => (band[row * BytesPerLine + (dot >> 3)] & (0x80 >> (dot & 7))) != 0;

    private static bool GlyphDot(int codePoint, int row, int column)
    {
        var glyph = new byte[BitmapFont.WideGlyphBytes];
        int width = Font.ReadGlyph(codePoint, glyph, 0);
        return (glyph[row * (width / 8) + (column >> 3)] & (0x80 >> (column & 7))) != 0;
    }

    private static byte[] Render(TextLine line, int leftDots = 0)
    {
        var band = Enumerable.Repeat((byte)0xAA, BitmapFont.HeightDots * 2 * BytesPerLine).ToArray();
        line.Render(band, leftDots);
        return band;
    }

    [Fact]
    public void A_glyph_lands_dot_for_dot_at_its_cell_and_the_rest_of_the_band_is_cleared()
    {
        var line = new TextLine(Font, Limits);
        line.CursorX = 40;
        line.Add('A', 8, 12, 2, 1, 1, 0);
        Assert.Equal(52, line.CursorX);
        Assert.Equal(52, line.Width);
        Assert.Equal(16, line.BandHeight);
        byte[] band = Render(line, leftDots: 4);
        int inked = 0;
        for (int row = 0; row < 16; row++)
        {
            for (int dot = 0; dot < 384; dot++)
            {
                bool expected = dot >= 46 && dot < 54 && GlyphDot('A', row, dot - 46);
                Assert.Equal(expected, Dot(band, row, dot));
                inked += expected ? 1 : 0;
            }
        }
        Assert.True(inked > 10, "the glyph for A has ink");
    }

    [Fact]
    public void A_double_size_character_scales_each_dot_and_a_small_one_sits_on_the_same_baseline()
    {
        var line = new TextLine(Font, Limits);
        line.Add('H', 8, 16, 0, 2, 2, 0);
        line.Add('i', 8, 8, 0, 1, 1, 0);
        Assert.Equal(32, line.BandHeight);
        byte[] band = Render(line);
        for (int row = 0; row < 32; row++)
        {
            for (int dot = 0; dot < 16; dot++)
            {
                Assert.Equal(GlyphDot('H', row / 2, dot / 2), Dot(band, row, dot));
            }
            for (int dot = 16; dot < 24; dot++)
            {
                Assert.Equal(row >= 16 && GlyphDot('i', row - 16, dot - 16), Dot(band, row, dot));
            }
        }
    }

    [Fact]
    public void Bold_adds_the_dot_to_the_right_underline_fills_the_bottom_rows_and_reverse_flips_the_cell()
    {
        var line = new TextLine(Font, Limits);
        line.Add('l', 8, 8, 0, 1, 1, TextLine.Bold);
        line.Add(' ', 8, 8, 0, 1, 1, TextLine.Underline2);
        line.Add(' ', 8, 8, 0, 1, 1, TextLine.Reverse);
        byte[] band = Render(line);
        for (int row = 0; row < 16; row++)
        {
            for (int dot = 0; dot < 8; dot++)
            {
                bool plain = GlyphDot('l', row, dot) || (dot > 0 && GlyphDot('l', row, dot - 1));
                Assert.Equal(plain, Dot(band, row, dot));
            }
            for (int dot = 8; dot < 16; dot++)
            {
                Assert.Equal(row >= 14, Dot(band, row, dot));
            }
            for (int dot = 16; dot < 24; dot++)
            {
                Assert.True(Dot(band, row, dot), "a reversed blank cell is all black");
            }
        }
    }

    [Fact]
    public void Dots_past_the_right_end_are_dropped_and_the_line_holds_at_most_its_limit()
    {
        var line = new TextLine(Font, new PrintLimits { MaxLineItems = 2 });
        line.CursorX = 380;
        line.Add(' ', 8, 8, 0, 1, 1, TextLine.Reverse);
        Assert.False(line.IsFull);
        line.Add(' ', 8, 8, 0, 1, 1, 0);
        Assert.True(line.IsFull);
        byte[] band = Render(line);
        Assert.True(Dot(band, 0, 383));
        Assert.False(Dot(band, 0, 379));
        Assert.Throws<PosFirmware.Hal.CheckFailedException>(() => line.Add(' ', 8, 8, 0, 1, 1, 0));
        line.Clear();
        Assert.Equal((0, 0, 0), (line.Count, line.CursorX, line.BandHeight));
    }

    [Fact]
    public void Width_and_band_height_kept_as_cells_are_added_are_those_of_the_rightmost_and_tallest_cell()
    {
        int seed = Environment.TickCount & 0xFFFF;
        var r = new Random(seed);
        var line = new TextLine(Font, new PrintLimits { MaxLineItems = 12 });
        for (int round = 0; round < 300; round++)
        {
            line.Clear();
            Assert.True((0, 0) == (line.Width, line.BandHeight), $"seed {seed}, round {round}: cleared");
            int width = 0, height = 0;
            int cells = r.Next(0, 13);
            for (int c = 0; c < cells; c++)
            {
                // The cursor set back (ESC $, a barcode's HRI) or on: the last cell need not be the rightmost, nor the tallest.
                if (r.Next(3) == 0)
                {
                    line.CursorX = r.Next(0, 384);
                }
                int sw = r.Next(1, 9), sh = r.Next(1, 9);
                int cell = 12 * sw;
                width = Math.Max(width, line.CursorX + cell);
                height = Math.Max(height, BitmapFont.HeightDots * sh);
                line.Add('A', 8, cell, 2 * sw, sw, sh, 0);
                Assert.True((width, height) == (line.Width, line.BandHeight), $"seed {seed}, round {round}, cell {c}: width {line.Width} height {line.BandHeight}, want {width} {height}");
            }
        }
    }

    [Fact]
    public void A_run_of_one_character_reads_its_glyph_once_and_draws_it_at_every_place()
    {
        var data = new CountingFontData(PrinterFonts.Load(PrinterFonts.Level1Gb2312));
        var font = new BitmapFont(data);
        var line = new TextLine(font, Limits);
        foreach (int code in new[] { '-', '-', '-', 'A', 'A', '-', 0x4E2D, 0x4E2D })
        {
            int width = font.WidthOf(code);
            line.Add(code, width, width, 0, 1, 1, 0);
        }
        var band = new byte[BitmapFont.HeightDots * BytesPerLine];
        data.Reads = 0;
        line.Render(band, 0);
        int reads = data.Reads;
        // Four runs, one glyph read each (the lookups kept from WidthOf): as many reads as rendering one of each.
        var single = new TextLine(font, Limits);
        foreach (int code in new[] { '-', 'A', '-', 0x4E2D })
        {
            int width = font.WidthOf(code);
            single.Add(code, width, width, 0, 1, 1, 0);
        }
        data.Reads = 0;
        single.Render(new byte[BitmapFont.HeightDots * BytesPerLine], 0);
        Assert.Equal(data.Reads, reads);
        int x = 0;
        foreach (int code in new[] { '-', '-', '-', 'A', 'A', '-', 0x4E2D, 0x4E2D })
        {
            int width = Font.WidthOf(code);
            for (int row = 0; row < 16; row++)
            {
                for (int column = 0; column < width; column++)
                {
                    Assert.True(GlyphDot(code, row, column) == Dot(band, row, x + column), $"code {code:X4} at {x}: row {row}, column {column}");
                }
            }
            x += width;
        }
    }

    private sealed class CountingFontData : IFontData
    {
        private readonly ByteArrayFontData _inner;

        public CountingFontData(byte[] bytes) => _inner = new ByteArrayFontData(bytes);

        public int Reads { get; set; }

        public int Length => _inner.Length;

        public int Read(int position, byte[] buffer, int offset, int count)
        {
            Reads++;
            return _inner.Read(position, buffer, offset, count);
        }
    }

    [Fact]
    public void Random_lines_of_plain_scaled_and_bold_glyphs_over_an_old_band_match_a_dot_by_dot_drawing()
    {
        int[] codes = { 'A', 'g', 'W', '8', '|', ' ', ' ', 0x554A, 0x4E2D, 0x6587, 0x3000 };
        for (int seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var line = new TextLine(Font, Limits);
            int leftDots = random.Next(-20, 20);
            line.CursorX = random.Next(0, 3) == 0 ? random.Next(330, 384) : random.Next(0, 200);
            int count = random.Next(1, 7);
            var items = new (int Code, int Width, int X, int DrawX, int Sw, int Sh, bool Bold)[count];
            for (int i = 0; i < count && !line.IsFull; i++)
            {
                int code = codes[random.Next(codes.Length)];
                int width = Font.WidthOf(code);
                int sw = random.Next(1, random.Next(3) == 0 ? 9 : 4);
                int sh = random.Next(1, 4);
                int drawX = random.Next(0, 3);
                bool bold = random.Next(2) == 0;
                items[i] = (code, width, line.CursorX, drawX, sw, sh, bold);
                line.Add(code, width, width * sw + drawX, drawX, sw, sh, bold ? TextLine.Bold : 0);
            }
            int height = line.BandHeight;
            // A band holding an earlier line's dots, as the interpreter's does: rendering clears it first.
            var band = new byte[height * BytesPerLine];
            random.NextBytes(band);
            line.Render(band, leftDots);
            AssertDrawnDotByDot(band, height, leftDots, items, $"seed {seed}");
        }
    }

    [Fact]
    public void Glyphs_with_white_top_and_bottom_rows_in_runs_and_mixed_draw_every_black_row_and_nothing_else()
    {
        // Dashes, rules and dots are black in a few rows only: the rows drawn are the glyph's black ones,
        // found as it is read. Runs of one character (the glyph held) and changes between glyphs whose black
        // rows differ, unscaled (a byte at a time) and scaled, over a band full of an old line's dots.
        int[] codes = { '-', '_', '.', '\'', '^', '~', ',', '=', 'g', 'T', 0x4E00, 0x4E8C, 0x3002, 0x2014 };
        var dash = new byte[BitmapFont.WideGlyphBytes];
        int dashWidth = Font.ReadGlyph('-', dash, 0);
        Assert.True(Enumerable.Range(0, 16).Count(row => dash[row * (dashWidth / 8)] == 0) >= 10, "a dash is white in most rows");
        int seed = Environment.TickCount & 0xFFFF;
        var random = new Random(seed);
        for (int round = 0; round < 300; round++)
        {
            var line = new TextLine(Font, Limits);
            int leftDots = random.Next(-12, 12);
            line.CursorX = random.Next(0, 4) == 0 ? random.Next(330, 384) : random.Next(0, 100);
            var items = new List<(int Code, int Width, int X, int DrawX, int Sw, int Sh, bool Bold)>();
            while (items.Count < 12 && !line.IsFull)
            {
                int code = codes[random.Next(codes.Length)];
                int width = Font.WidthOf(code);
                if (width == 0)
                {
                    continue;
                }
                int sw = random.Next(3) == 0 ? random.Next(2, 4) : 1;
                int sh = random.Next(1, 4);
                int drawX = random.Next(0, 2);
                bool bold = random.Next(2) == 0;
                for (int run = random.Next(1, 5); run > 0 && items.Count < 12 && !line.IsFull; run--)
                {
                    items.Add((code, width, line.CursorX, drawX, sw, sh, bold));
                    line.Add(code, width, width * sw + drawX, drawX, sw, sh, bold ? TextLine.Bold : 0);
                }
            }
            int height = line.BandHeight;
            var band = new byte[height * BytesPerLine];
            random.NextBytes(band);
            line.Render(band, leftDots);
            AssertDrawnDotByDot(band, height, leftDots, items, $"seed {seed}, round {round}");
        }
    }

    /// <summary>
    /// Draws each item dot by dot from the font's bitmap (scaled, bold, clipped to the head), bottom-aligned in a
    /// band of height rows, and asserts the rendered band holds exactly those dots.
    /// </summary>
    private static void AssertDrawnDotByDot(byte[] band, int height, int leftDots,
        IEnumerable<(int Code, int Width, int X, int DrawX, int Sw, int Sh, bool Bold)> items, string label)
    {
        var expected = new bool[height, 384];
        foreach (var item in items)
        {
            int top = height - 16 * item.Sh;
            for (int row = 0; row < 16 * item.Sh; row++)
            {
                for (int dx = 0; dx < item.Width * item.Sw; dx++)
                {
                    if (!GlyphDot(item.Code, row / item.Sh, dx / item.Sw))
                    {
                        continue;
                    }
                    for (int dot = dx; dot <= dx + (item.Bold ? 1 : 0); dot++)
                    {
                        int at = leftDots + item.X + item.DrawX + dot;
                        if (at >= 0 && at < 384)
                        {
                            expected[top + row, at] = true;
                        }
                    }
                }
            }
        }
        for (int row = 0; row < height; row++)
        {
            for (int dot = 0; dot < 384; dot++)
            {
                Assert.True(expected[row, dot] == Dot(band, row, dot), $"{label}: row {row}, dot {dot}");
            }
        }
    }
}
