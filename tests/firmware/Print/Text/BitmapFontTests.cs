using PosFirmware.Emulator.Printing;
using PosFirmware.Hal;

using Xunit;
using PosFirmware.Print;
using PosFirmware.Print.Text;

namespace PosFirmware.Tests.Firmware.Print.Text;

/// <summary>The packed font: the committed files hold Unifont's own glyphs, found by binary search.</summary>
public class BitmapFontTests
{
    private const string UnifontHex = "/usr/share/unifont/unifont.hex";

    private static Dictionary<int, byte[]> ReadUnifont(IEnumerable<int> codePoints)
    {
        Assert.True(File.Exists(UnifontHex), $"{UnifontHex} is missing: install the Debian package unifont (.ci/run does)");
        var wanted = codePoints.ToHashSet();
        var glyphs = new Dictionary<int, byte[]>();
        foreach (var line in File.ReadLines(UnifontHex))
        {
            int colon = line.IndexOf(':');
            int code = Convert.ToInt32(line[..colon], 16);
            if (wanted.Contains(code))
            {
                glyphs[code] = Convert.FromHexString(line[(colon + 1)..]);
            }
        }
        return glyphs;
    }

    [Theory]
    [InlineData(PrinterFonts.Full)]
    [InlineData(PrinterFonts.Level1Gb2312)]
    public void Glyphs_are_the_unifont_bitmaps_of_their_code_points(string fontName)
    {
        var font = PrinterFonts.Open(fontName);
        Assert.True(font.IsValid);
        int[] samples = { 'A', 'g', '~', 0xA5, 0xB7, 0x2500, 0x2502, 0x4E2D, 0x6587, 0x7B7E, 0x8D2D, 0x5355, 0x91CD, 0xFF0C, 0x3002 };
        var expected = ReadUnifont(samples);
        var buffer = new byte[32];
        foreach (int cp in samples)
        {
            int width = font.ReadGlyph(cp, buffer, 0);
            Assert.True(width > 0, $"U+{cp:X4} missing from {fontName}");
            Assert.Equal(expected[cp], buffer.Take(width * 2).ToArray());
        }
    }

    [Fact]
    public void Full_font_holds_every_gb2312_character_and_level1_font_the_first_level()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gb2312 = System.Text.Encoding.GetEncoding("gb2312");
        var full = PrinterFonts.Open(PrinterFonts.Full);
        var level1 = PrinterFonts.Open(PrinterFonts.Level1Gb2312);
        int hanzi = 0;
        for (int row = 16; row <= 87; row++)
        {
            // .NET's "gb2312" is code page 936 (GBK), which also fills row 55 past column 89: GB2312 does not.
            for (int col = 1; col <= (row == 55 ? 89 : 94); col++)
            {
                string s = gb2312.GetString(new[] { (byte)(0xA0 + row), (byte)(0xA0 + col) });
                if (s.Length != 1 || s[0] == '\uFFFD' || s[0] == '?')
                {
                    continue;
                }
                hanzi++;
                Assert.Equal(16, full.WidthOf(s[0]));
                if (row <= 55)
                {
                    Assert.Equal(16, level1.WidthOf(s[0]));
                }
            }
        }
        Assert.Equal(6763, hanzi);
        Assert.Equal(0, full.WidthOf(0x10000));
        Assert.Equal(0, full.WidthOf(-1));
        Assert.Equal(0, full.WidthOf(0x0E01)); // Thai: not in the font
    }

    [Fact]
    public void A_damaged_or_truncated_font_file_gives_a_font_without_glyphs_not_an_exception()
    {
        byte[] good = PrinterFonts.Load();
        var buffer = new byte[32];
        foreach (var bytes in new[] { Array.Empty<byte>(), good[..11], good[..15], good[..^1], new byte[] { (byte)'P', (byte)'F', (byte)'N', (byte)'T', 3, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } })
        {
            var font = new BitmapFont(new ByteArrayFontData(bytes));
            Assert.False(font.IsValid);
            Assert.Equal(0, font.ReadGlyph('A', buffer, 0));
        }
    }

    [Fact]
    public void Ascii_lookups_kept_give_what_a_linear_scan_of_the_code_tables_gives_every_time()
    {
        byte[] bytes = PrinterFonts.Load(PrinterFonts.Level1Gb2312);
        var font = new BitmapFont(new ByteArrayFontData(bytes));
        var file = new FontFileByLayout(bytes);
        var buffer = new byte[32];
        for (int pass = 0; pass < 2; pass++)
        {
            for (int cp = 0; cp < 128; cp++)
            {
                int width = font.ReadGlyph(cp, buffer, 0);
                Assert.Equal(width, font.WidthOf(cp));
                int n = file.NarrowIndex(cp);
                int w = file.WideIndex(cp);
                int expected = n >= 0 ? 8 : w >= 0 ? 16 : 0;
                Assert.Equal(expected, width);
                if (n >= 0)
                {
                    Assert.Equal(file.NarrowGlyph(n), buffer[..16]);
                }
                else if (w >= 0)
                {
                    Assert.Equal(file.WideGlyph(w), buffer);
                }
            }
        }
    }

    [Fact]
    public void A_lookup_whose_read_failed_is_not_kept()
    {
        byte[] bytes = PrinterFonts.Load(PrinterFonts.Level1Gb2312);
        var data = new FailingFontData(bytes);
        var font = new BitmapFont(data);
        var buffer = new byte[32];
        data.Failing = true;
        Assert.Equal(0, font.ReadGlyph('A', buffer, 0));
        data.Failing = false;
        Assert.Equal(8, font.ReadGlyph('A', buffer, 0));
        Assert.Equal(8, font.WidthOf('A'));
    }

    [Fact]
    public void Recent_lookups_kept_give_what_a_linear_scan_gives_when_code_points_share_a_slot()
    {
        byte[] bytes = PrinterFonts.Load(PrinterFonts.Level1Gb2312);
        var font = new BitmapFont(new ByteArrayFontData(bytes));
        var file = new FontFileByLayout(bytes);
        var buffer = new byte[32];
        // 0x554A (a level-1 hanzi) and code points 64 apart from it take the same slot, some with no glyph;
        // each is asked for its width and glyph, in turn and again, so a kept lookup is overwritten and reused.
        for (int pass = 0; pass < 3; pass++)
        {
            for (int k = 0; k < 40; k++)
            {
                int cp = 0x554A + 64 * (k % 4) + 0x1000 * (k / 4 % 3);
                int w = file.WideIndex(cp);
                Assert.True(font.WidthOf(cp) == (w >= 0 ? 16 : 0), $"width of U+{cp:X4}");
                Assert.Equal(w >= 0 ? 16 : 0, font.ReadGlyph(cp, buffer, 0));
                if (w >= 0)
                {
                    Assert.Equal(file.WideGlyph(w), buffer);
                }
            }
        }
        Assert.Equal(16, font.WidthOf(0x554A));
    }

    [Fact]
    public void A_recent_lookup_whose_read_failed_is_not_kept()
    {
        byte[] bytes = PrinterFonts.Load(PrinterFonts.Level1Gb2312);
        var data = new FailingFontData(bytes);
        var font = new BitmapFont(data);
        var buffer = new byte[32];
        data.Failing = true;
        Assert.Equal(0, font.WidthOf(0x554A));
        data.Failing = false;
        Assert.Equal(16, font.WidthOf(0x554A));
        Assert.Equal(16, font.ReadGlyph(0x554A, buffer, 0));
    }

    /// <summary>
    /// A second reading of a font file, by its layout (header, narrow codes, wide codes, narrow glyphs, wide
    /// glyphs), with linear scans of the code tables where the font searches them.
    /// </summary>
    private sealed class FontFileByLayout
    {
        private readonly byte[] _bytes;
        private readonly int _narrow;
        private readonly int _wide;
        private readonly int _codesAt;
        private readonly int _glyphsAt;

        public FontFileByLayout(byte[] bytes)
        {
            _bytes = bytes;
            _narrow = (bytes[6] << 8) | bytes[7];
            _wide = (bytes[8] << 8) | bytes[9];
            _codesAt = bytes[4] == 2 ? 16 : 12;
            _glyphsAt = _codesAt + 2 * (_narrow + _wide);
        }

        /// <summary>Index of cp in the narrow code table, or -1.</summary>
        public int NarrowIndex(int cp) => Enumerable.Range(0, _narrow).FirstOrDefault(i => CodeAt(i) == cp, -1);

        /// <summary>Index of cp in the wide code table, or -1.</summary>
        public int WideIndex(int cp) => Enumerable.Range(0, _wide).FirstOrDefault(i => CodeAt(_narrow + i) == cp, -1);

        public byte[] NarrowGlyph(int n) => _bytes[(_glyphsAt + 16 * n)..(_glyphsAt + 16 * n + 16)];

        public byte[] WideGlyph(int w)
        {
            int at = _glyphsAt + 16 * _narrow + 32 * w;
            return _bytes[at..(at + 32)];
        }

        private int CodeAt(int entry) => (_bytes[_codesAt + 2 * entry] << 8) | _bytes[_codesAt + 2 * entry + 1];
    }

    private sealed class FailingFontData : IFontData
    {
        private readonly ByteArrayFontData _inner;

        public FailingFontData(byte[] bytes) => _inner = new ByteArrayFontData(bytes);

        public bool Failing { get; set; }

        public int Length => _inner.Length;

        public int Read(int position, byte[] buffer, int offset, int count) => Failing ? 0 : _inner.Read(position, buffer, offset, count);
    }

    [Fact]
    public void Font_reads_from_the_file_store_like_from_memory()
    {
        var store = new PosFirmware.Emulator.Storage.FlashFileStore(PosFirmware.Emulator.Storage.FlashMode.LittleFs, new PosFirmware.Emulator.Core.SimRandom(1));
        var writer = store.Create("font.pft");
        byte[] bytes = PrinterFonts.Load(PrinterFonts.Level1Gb2312);
        writer.Write(bytes, 0, bytes.Length);
        writer.Close();
        var fromStore = new BitmapFont(new FileStoreFontData(store, "font.pft"));
        var fromMemory = new BitmapFont(new ByteArrayFontData(bytes));
        var a = new byte[32];
        var b = new byte[32];
        foreach (int cp in new[] { 'Q', 0x4E2D, 0x2500, 0x9FA5 })
        {
            Assert.Equal(fromMemory.ReadGlyph(cp, a, 0), fromStore.ReadGlyph(cp, b, 0));
            Assert.Equal(a, b);
        }
        Assert.False(new BitmapFont(new FileStoreFontData(store, "missing.pft")).IsValid);
    }

    [Fact]
    public void The_font_on_the_flash_is_opened_once_and_read_through_a_2_KB_cache()
    {
        var store = new PosFirmware.Emulator.Storage.FlashFileStore(PosFirmware.Emulator.Storage.FlashMode.LittleFs, new PosFirmware.Emulator.Core.SimRandom(1), capacityBytes: 1 << 20);
        var writer = store.Create("font.pft");
        byte[] bytes = PrinterFonts.Load();
        writer.Write(bytes, 0, bytes.Length);
        writer.Close();
        var data = new FileStoreFontData(store, "font.pft");
        var font = new BitmapFont(data);
        // Opening checks each code table is in order (one pass); what is measured here is the lookups.
        long atOpen = data.FileReads;
        var buffer = new byte[32];
        string text = "商户名称：测试便利店 交易成功 谢谢惠顾 RMB 12.50";
        long lookups = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            foreach (char c in text)
            {
                Assert.True(font.ReadGlyph(c, buffer, 0) > 0);
                lookups++;
            }
        }
        Assert.Equal(1, store.ReadersOpened);
        Assert.Equal(2048, FileStoreFontData.BlockCount * FileStoreFontData.BlockBytes);
        // Each lookup is ~25 small reads; the cache turns most into no flash read at all.
        Assert.True(data.FileReads - atOpen < lookups * 5, $"{data.FileReads - atOpen} block reads for {lookups} lookups");
        // The least recently used block goes: the same text again reads fewer blocks than the first time.
        long before = data.FileReads;
        foreach (char c in "交易成功")
        {
            font.ReadGlyph(c, buffer, 0);
        }
        Assert.True(data.FileReads - before < 4 * 8);
    }

    [Fact]
    public void Gb18030_tables_decode_every_two_and_four_byte_code_as_dotnet_does()
    {
        // A second implementation: .NET's GB18030 decoder (System.Text.Encoding.CodePages), not the generator's Python codec.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gb = System.Text.Encoding.GetEncoding("GB18030");
        var full = PrinterFonts.Open(PrinterFonts.Full);
        var level1 = PrinterFonts.Open(PrinterFonts.Level1Gb2312);
        Assert.True(full.HasGbTables && level1.HasGbTables);
        int mapped = 0;
        int withGlyph = 0;
        for (int lead = 0x81; lead <= 0xFE; lead++)
        {
            for (int trail = 0x40; trail <= 0xFE; trail++)
            {
                if (trail == 0x7F)
                {
                    Assert.Equal(-1, full.DecodeGbTwoByte(lead, trail));
                    continue;
                }
                string s = gb.GetString(new[] { (byte)lead, (byte)trail });
                int expected = s.Length == 1 ? s[0] : -1;
                Assert.Equal(expected, full.DecodeGbTwoByte(lead, trail));
                mapped++;
                if (expected >= 0xE000 && expected <= 0xF8FF)
                {
                    continue; // private use: Unifont draws nothing there
                }
                Assert.True(full.WidthOf(expected) > 0, $"no glyph for GB {lead:X2}{trail:X2} U+{expected:X4}");
                withGlyph++;
                int inLevel1 = level1.DecodeGbTwoByte(lead, trail);
                Assert.True(inLevel1 == -1 || inLevel1 == expected);
            }
        }
        Assert.Equal(126 * 190, mapped);
        Assert.Equal(21_872, withGlyph); // all but the 2,068 private-use codes
        var four = new byte[4];
        for (int linear = 0; linear < BitmapFont.GbFourByteBmpCodes; linear++)
        {
            four[0] = (byte)(0x81 + linear / 12600);
            four[1] = (byte)(0x30 + linear / 1260 % 10);
            four[2] = (byte)(0x81 + linear / 10 % 126);
            four[3] = (byte)(0x30 + linear % 10);
            string s = gb.GetString(four);
            Assert.Equal(s.Length == 1 ? s[0] : -1, full.DecodeGbFourByte(linear));
        }
        Assert.Equal(0x10000, full.DecodeGbFourByte(189000)); // 0x90308130
        // Latin-1 (four-byte in GB18030) and the euro (A2E3) have glyphs.
        for (int cp = 0xA0; cp <= 0xFF; cp++)
        {
            Assert.True(full.WidthOf(cp) > 0 && level1.WidthOf(cp) > 0, $"U+{cp:X4}");
        }
        Assert.Equal(0x20AC, full.DecodeGbTwoByte(0xA2, 0xE3));
        Assert.True(full.WidthOf(0x20AC) > 0);
    }

    [Fact]
    public void Glyph_buffer_too_small_is_an_invariant_failure()
    {
        Assert.Throws<CheckFailedException>(() => PrinterFonts.Open().ReadGlyph('A', new byte[16], 0));
    }

    [Theory]
    [InlineData("gb18030", PrinterFonts.Full)]
    [InlineData("level1", PrinterFonts.Level1Gb2312)]
    public void Committed_font_files_are_what_the_generator_makes_from_unifont(string subset, string file)
    {
        string fonts = Path.Combine(TestSupport.GoldenImage.RepositoryRoot(), "firmware", "Print", "Fonts");
        string output = Path.Combine(Directory.CreateTempSubdirectory("font").FullName, file);
        var run = TestSupport.ExternalTool.Run("python3", new[] { Path.Combine(fonts, "generate-font.py"), "--subset", subset, output }, 120_000);
        Assert.True(run.ExitCode == 0, run.StdErr);
        byte[] made = File.ReadAllBytes(output);
        byte[] committed = File.ReadAllBytes(Path.Combine(fonts, file));
        if (InstalledUnifontVersion() == CommittedUnifontVersion)
        {
            Assert.True(made.AsSpan().SequenceEqual(committed), $"{file} differs from what generate-font.py makes now: regenerate it (see FONT-LICENSE.md)");
        }
        else
        {
            // Another Unifont release may redraw glyphs; the character set and layout must still agree.
            int narrow = (committed[6] << 8) | committed[7];
            int wide = (committed[8] << 8) | committed[9];
            int index = 16 + 2 * (narrow + wide);
            Assert.True(made.AsSpan(0, index).SequenceEqual(committed.AsSpan(0, index)), $"{file}: header or character index differs from the generator's");
            Assert.Equal(committed.Length, made.Length);
        }
    }

    /// <summary>The Debian unifont version the committed fonts were made from (FONT-LICENSE.md).</summary>
    private const string CommittedUnifontVersion = "1:15.0.01-2";

    private static string InstalledUnifontVersion()
    {
        if (!TestSupport.ExternalTool.IsInstalled("dpkg-query"))
        {
            return "";
        }
        var run = TestSupport.ExternalTool.Run("dpkg-query", new[] { "-W", "-f=${Version}", "unifont" });
        return run.ExitCode == 0 ? run.StdOut.Trim() : "";
    }
}
