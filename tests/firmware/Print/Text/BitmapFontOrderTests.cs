using PosFirmware.Print;
using PosFirmware.Print.Text;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Firmware.Print.Text;

/// <summary>
/// The code tables' order check at opening reads 256 bytes of codes at a time, each read ending on a 256-byte
/// boundary, and takes down the lookup index and the ASCII codes' places as it passes: it must accept and refuse exactly the files a
/// code-by-code check would, wherever in a read the first code out of order falls, and a font it accepts
/// must find each glyph of its tables (and none besides). Random fonts (version 1, both tables), the seed
/// printed; read from memory and through the flash page cache.
/// </summary>
public class BitmapFontOrderTests(ITestOutputHelper output)
{
    private static byte[] Font(int[] narrow, int[] wide)
    {
        int header = 12;
        var bytes = new byte[header + 2 * (narrow.Length + wide.Length) + BitmapFont.NarrowGlyphBytes * narrow.Length + BitmapFont.WideGlyphBytes * wide.Length];
        bytes[0] = (byte)'P';
        bytes[1] = (byte)'F';
        bytes[2] = (byte)'N';
        bytes[3] = (byte)'T';
        bytes[4] = 1;
        bytes[5] = BitmapFont.HeightDots;
        bytes[6] = (byte)(narrow.Length >> 8);
        bytes[7] = (byte)narrow.Length;
        bytes[8] = (byte)(wide.Length >> 8);
        bytes[9] = (byte)wide.Length;
        int at = header;
        foreach (int code in narrow.Concat(wide))
        {
            bytes[at++] = (byte)(code >> 8);
            bytes[at++] = (byte)code;
        }
        // Each glyph starts with its place in its table, so a lookup shows which glyph it found.
        for (int i = 0; i < narrow.Length; i++, at += BitmapFont.NarrowGlyphBytes)
        {
            bytes[at] = (byte)(i >> 8);
            bytes[at + 1] = (byte)i;
        }
        for (int i = 0; i < wide.Length; i++, at += BitmapFont.WideGlyphBytes)
        {
            bytes[at] = (byte)(i >> 8);
            bytes[at + 1] = (byte)i;
        }
        return bytes;
    }

    // The plain rule: every code above the one before it, in each table.
    private static bool InOrder(int[] codes)
    {
        for (int i = 1; i < codes.Length; i++)
        {
            if (codes[i] <= codes[i - 1])
            {
                return false;
            }
        }
        return true;
    }

    private static int[] Codes(Random r, int count)
    {
        var codes = new int[count];
        int code = r.Next(0, 40);
        for (int i = 0; i < count; i++)
        {
            code += r.Next(1, 3 * 0xFFFF / (2 * count + 2) + 2);
            codes[i] = Math.Min(code, 0xFFFF);
        }
        return codes;
    }

    // One code made no greater than the one before it, often at a page's edge.
    private static void Disorder(Random r, int[] codes, int tableAt)
    {
        if (codes.Length < 2)
        {
            return;
        }
        int i = 1 + r.Next(codes.Length - 1);
        if (r.Next(2) == 0)
        {
            // The first or last code of a 256-byte read (or of a 64-byte part of one), or one beside it.
            int part = r.Next(2) == 0 ? 256 : 64;
            int page = (tableAt + 2 * i) / part;
            int edge = ((page * part - tableAt) / 2) + r.Next(-1, 2);
            i = Math.Clamp(edge, 1, codes.Length - 1);
        }
        codes[i] = r.Next(3) == 0 ? codes[i - 1] : Math.Max(0, codes[i - 1] - r.Next(0, 50));
    }

    [Fact]
    public void The_paged_order_check_refuses_exactly_the_tables_a_code_by_code_check_does()
    {
        int seed = Environment.TickCount & 0xFFFF;
        output.WriteLine($"seed {seed}");
        var r = new Random(seed);
        int refused = 0;
        for (int round = 0; round < 400; round++)
        {
            int[] narrow = Codes(r, r.Next(0, 700));
            int[] wide = Codes(r, r.Next(0, 700));
            if (r.Next(3) > 0)
            {
                Disorder(r, narrow, 12);
            }
            if (r.Next(3) == 0)
            {
                Disorder(r, wide, 12 + 2 * narrow.Length);
            }
            bool want = InOrder(narrow) && InOrder(wide);
            byte[] file = Font(narrow, wide);
            Assert.True(want == new BitmapFont(new ByteArrayFontData(file)).IsValid, $"seed {seed}, round {round}: {narrow.Length} narrow, {wide.Length} wide, in order {want} (memory)");
            var store = new PosFirmware.Emulator.Storage.FlashFileStore(PosFirmware.Emulator.Storage.FlashMode.LittleFs, new PosFirmware.Emulator.Core.SimRandom(1), capacityBytes: 1 << 20);
            var writer = store.Create("font.pft");
            writer.Write(file, 0, file.Length);
            writer.Close();
            var font = new BitmapFont(new FileStoreFontData(store, "font.pft"));
            Assert.True(want == font.IsValid, $"seed {seed}, round {round}: {narrow.Length} narrow, {wide.Length} wide, in order {want} (flash)");
            refused += want ? 0 : 1;
            if (!want)
            {
                continue;
            }
            var glyph = new byte[BitmapFont.WideGlyphBytes];
            for (int probe = 0; probe < 40; probe++)
            {
                int code = probe % 3 == 0 && narrow.Length > 0 ? narrow[r.Next(narrow.Length)]
                    : probe % 3 == 1 && wide.Length > 0 ? wide[r.Next(wide.Length)] : r.Next(0x10000);
                int inNarrow = Array.IndexOf(narrow, code), inWide = Array.IndexOf(wide, code);
                int width = font.ReadGlyph(code, glyph, 0);
                int place = (glyph[0] << 8) | glyph[1];
                string what = $"seed {seed}, round {round}: U+{code:X4}";
                if (inNarrow >= 0)
                {
                    Assert.True(width == 8 && place == inNarrow, $"{what}: narrow glyph {inNarrow}, read width {width} glyph {place}");
                }
                else if (inWide >= 0)
                {
                    Assert.True(width == 16 && place == inWide, $"{what}: wide glyph {inWide}, read width {width} glyph {place}");
                }
                else
                {
                    Assert.True(width == 0, $"{what}: no glyph, read width {width}");
                }
            }
        }
        Assert.InRange(refused, 100, 350);
    }

    // Random ascending codes: some of 0-127 (a few from the start, many, or none), then count above them.
    private static int[] WithAscii(Random r, int count)
    {
        var codes = new List<int>();
        int keep = r.Next(4);
        for (int c = 0; c < 128; c++)
        {
            if (keep == 1 || (keep == 2 && r.Next(3) == 0) || (keep == 3 && c < 40 && r.Next(2) == 0))
            {
                codes.Add(c);
            }
        }
        foreach (int c in Codes(r, count))
        {
            codes.Add(128 + (int)((long)c * (0xFFFF - 128) / 0xFFFF));
        }
        return codes.Distinct().OrderBy(c => c).ToArray();
    }

    [Fact]
    public void Ascii_places_taken_by_the_order_check_are_what_a_search_finds_and_cost_no_read()
    {
        int seed = Environment.TickCount & 0xFFFF;
        output.WriteLine($"seed {seed}");
        var r = new Random(seed);
        var glyph = new byte[BitmapFont.WideGlyphBytes];
        for (int round = 0; round < 200; round++)
        {
            // ASCII codes in the narrow table, the wide one, both (the narrow glyph wins) or neither, and the
            // tables long enough to span several reads and index entries.
            int[] narrow = WithAscii(r, r.Next(0, 400));
            int[] wide = WithAscii(r, r.Next(0, 400));
            var data = new CountingFontData(Font(narrow, wide));
            var font = new BitmapFont(data);
            Assert.True(font.IsValid, $"seed {seed}, round {round}");
            int readsAtOpening = data.Reads;
            for (int code = 0; code < 128; code++)
            {
                int inNarrow = Array.IndexOf(narrow, code), inWide = Array.IndexOf(wide, code);
                string what = $"seed {seed}, round {round}: U+{code:X4}";
                int expected = inNarrow >= 0 ? 8 : inWide >= 0 ? 16 : 0;
                Assert.True(expected == font.WidthOf(code), $"{what}: width");
                Assert.True(data.Reads == readsAtOpening, $"{what}: the width of an ASCII code read the font");
                int width = font.ReadGlyph(code, glyph, 0);
                int place = (glyph[0] << 8) | glyph[1];
                Assert.True(width == expected, $"{what}: read width {width}, want {expected}");
                if (inNarrow >= 0 || inWide >= 0)
                {
                    Assert.True(place == (inNarrow >= 0 ? inNarrow : inWide), $"{what}: glyph {place}, want {(inNarrow >= 0 ? inNarrow : inWide)}");
                }
                Assert.True(data.Reads == readsAtOpening + (expected > 0 ? 1 : 0), $"{what}: a read besides the glyph's own");
                readsAtOpening = data.Reads;
            }
        }
    }

    private sealed class CountingFontData(byte[] bytes) : IFontData
    {
        private readonly ByteArrayFontData _inner = new(bytes);

        public int Reads { get; private set; }

        public int Length => _inner.Length;

        public int Read(int position, byte[] buffer, int offset, int count)
        {
            Reads++;
            return _inner.Read(position, buffer, offset, count);
        }
    }

    [Fact]
    public void A_lookup_reads_each_table_it_searches_once()
    {
        int seed = Environment.TickCount & 0xFFFF;
        output.WriteLine($"seed {seed}");
        var r = new Random(seed);
        for (int round = 0; round < 100; round++)
        {
            int[] narrow = Codes(r, r.Next(1, 700)).Where(c => c >= 128).Distinct().ToArray();
            int[] wide = Codes(r, r.Next(1, 700)).Where(c => c >= 128).Distinct().ToArray();
            var data = new CountingFontData(Font(narrow, wide));
            var font = new BitmapFont(data);
            Assert.True(font.IsValid, $"seed {seed}, round {round}");
            var asked = new HashSet<int>();
            for (int probe = 0; probe < 60; probe++)
            {
                int code = probe % 3 == 0 && narrow.Length > 0 ? narrow[r.Next(narrow.Length)]
                    : probe % 3 == 1 && wide.Length > 0 ? wide[r.Next(wide.Length)] : r.Next(128, 0x10000);
                if (!asked.Add(code))
                {
                    continue;
                }
                int before = data.Reads;
                int width = font.WidthOf(code);
                int expected = Array.IndexOf(narrow, code) >= 0 ? 8 : Array.IndexOf(wide, code) >= 0 ? 16 : 0;
                Assert.True(width == expected, $"seed {seed}, round {round}: U+{code:X4} width {width}, want {expected}");
                Assert.True(data.Reads - before <= 2, $"seed {seed}, round {round}: U+{code:X4} took {data.Reads - before} reads");
            }
        }
    }

    // Counts the reads that touch a span of the file (one code table).
    private sealed class SpanReadsFontData(byte[] bytes, int spanAt, int spanBytes) : IFontData
    {
        private readonly ByteArrayFontData _inner = new(bytes);

        public int SpanReads { get; private set; }

        public int Length => _inner.Length;

        public int Read(int position, byte[] buffer, int offset, int count)
        {
            if (position < spanAt + spanBytes && position + count > spanAt)
            {
                SpanReads++;
            }
            return _inner.Read(position, buffer, offset, count);
        }
    }

    [Fact]
    public void A_code_in_the_narrow_tables_widest_gap_is_looked_up_without_reading_the_narrow_table()
    {
        int seed = Environment.TickCount & 0xFFFF;
        output.WriteLine($"seed {seed}");
        var r = new Random(seed);
        for (int round = 0; round < 60; round++)
        {
            // A narrow table with a hole (as the full font's lacks all of CJK), a wide table across it.
            int holeFrom = r.Next(0, 0xF000), holeTo = holeFrom + r.Next(1, 0x1000);
            int[] narrow = Codes(r, r.Next(0, 700)).Where(c => c < holeFrom || c > holeTo).Distinct().ToArray();
            int[] wide = Codes(r, r.Next(1, 700)).Distinct().ToArray();
            // The widest run the narrow table lacks, both ends excluded (the first such run if two tie).
            int below = 0, above = 0, last = -1;
            foreach (int code in narrow)
            {
                if (code - last > above - below)
                {
                    (below, above) = (last, code);
                }
                last = code;
            }
            var data = new SpanReadsFontData(Font(narrow, wide), 12, 2 * narrow.Length);
            var font = new BitmapFont(data);
            Assert.True(font.IsValid, $"seed {seed}, round {round}");
            for (int code = 0; code <= 0xFFFF; code++)
            {
                int before = data.SpanReads;
                int expected = Array.BinarySearch(narrow, code) >= 0 ? 8 : Array.BinarySearch(wide, code) >= 0 ? 16 : 0;
                int width = font.WidthOf(code);
                Assert.True(width == expected, $"seed {seed}, round {round}: U+{code:X4} width {width}, want {expected}");
                if (code > below && code < above)
                {
                    Assert.True(data.SpanReads == before, $"seed {seed}, round {round}: U+{code:X4} in the gap U+{below:X4}-U+{above:X4} read the narrow table");
                }
            }
        }
    }
}
