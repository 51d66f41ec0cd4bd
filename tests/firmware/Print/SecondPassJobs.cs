using System.Text;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Print;
using static PosFirmware.Tests.TestSupport.EscPos;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>
/// Golden jobs for the second pass of the print engine: GB18030 and the code tables, FS - / ESC { / ESC V,
/// x8 text, bit images, graphics, NV images, user characters, every 1D symbology, the clone QR form, and a
/// line of commands that are only skipped (each followed by one character, so a wrong length would show).
/// </summary>
public static class SecondPassJobs
{
    /// <summary>DC2.</summary>
    public const int DC2 = 0x12;

    /// <summary>DLE.</summary>
    public const int DLE = 0x10;

    // Declared before the jobs: static fields are set in the order they are written.
    private static readonly Encoding Gb18030 = OpenGb18030();

    private static Encoding OpenGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>Text as GB18030 bytes (.NET's encoder, not the firmware's tables).</summary>
    public static byte[] Gb(string text) => Gb18030.GetBytes(text);

    /// <summary>A fresh flash store for NV images.</summary>
    public static NvImageStore NvStore() => new(new FlashFileStore(FlashMode.LittleFs, new SimRandom(7)), 384, 1024, new PrintLimits().MaxNvImageBytes);

    /// <summary>The text printed in both encodings to prove they give the same paper.</summary>
    public const string BilingualText = "商户名称：测试便利店\n繁體：臺灣 謝謝光臨 餐廳\n金额 RMB 12.50 €3.20 ¥8\nLatin-1: café ñ ü ß £ © ½\n全角：ＡＢＣ１２３，。！\n";

    public static readonly Dictionary<string, byte[]> All = new()
    {
        ["gb18030-text"] = Job(ESC, '@', Gb(BilingualText), 0x80, " (0x80 = euro)\n", FS, '.', "FS . then ASCII\n", FS, '&', Gb("FS & 再次中文\n")),
        ["code-tables"] = Job(ESC, '@', FS, '.', ESC, 't', 0, "PC437 ", 0x80, 0x81, 0x82, 0x9B, 0x9C, 0x9D, 0xE0, 0xE1, 0xB0, 0xDB, LF,
            ESC, 't', 2, "PC850 ", 0x80, 0x82, 0x90, 0x99, 0x9A, 0xA5, 0xB5, 0xD0, 0xE1, LF,
            ESC, 't', 16, "WPC1252 ", 0x80, 0x93, 0x94, 0x8C, 0xC9, 0xE9, 0xFF, LF,
            ESC, 't', 19, "PC858 ", 0xD5, 0x9D, 0x9B, LF,
            ESC, 't', 17, "PC866 ", 0x8C, 0xAE, 0xE1, 0xAA, 0xA2, 0xA0, LF,
            ESC, 't', 18, "PC852 ", 0x9D, 0x9C, 0xA6, LF,
            ESC, 't', 1, "Katakana ", 0xB1, 0xB2, 0xB3, 0xF1, 0xF2, LF, ESC, 't', 0,
            ESC, 'R', 15, "ESC R 15 China: $12\n", ESC, 'R', 2, "ESC R 2: [\\]{|}~@\n", ESC, 'R', 0, "ESC R 0: [\\]{|}~\n"),
        ["utf8-select"] = Job(ESC, '@', FS, '(', 'C', 2, 0, 48, 2, "UTF-8: 中文 € café\n", FS, '(', 'C', 2, 0, 48, 1, Gb("one-byte again: 中文 €\n")),
        ["underline-upside-down-rotate"] = Job(ESC, '@', FS, '-', 1, Gb("FS - 中文 only ABC\n"), FS, '-', 2, ESC, '-', 1, Gb("both 中文 ABC\n"),
            ESC, '-', 0, FS, '-', 0, ESC, '{', 1, Gb("upside down 倒置\n"), ESC, '{', 0, ESC, 'V', 1, Gb("rot 旋转 90\n"), ESC, 'V', 0, "back\n"),
        ["text-x8"] = Job(ESC, '@', GS, '!', 0x77, "A", Gb("中"), LF, GS, '!', 0x33, "x4 ", Gb("四"), LF, GS, '!', 0x52, "w6h3", LF, GS, '!', 0, "x1\n"),
        ["bit-images"] = Job(ESC, '@', ESC, '3', 0, BitImage(0), LF, BitImage(1), LF, ESC, 'a', 1, BitImage(32), LF, ESC, 'a', 2, BitImage(33), LF, ESC, '2', ESC, 'a', 0, "after the images\n"),
        ["graphics"] = Job(ESC, '@', Graphics(false, 1), Job(GS, '(', 'L', 2, 0, 48, 50), ESC, 'a', 1, Graphics(true, 2), Job(GS, '8', 'L', 2, 0, 0, 0, 48, 50), LF, "after GS ( L / GS 8 L\n"),
        ["nv-images"] = Job(ESC, '@', FS, 'p', 1, 0, ESC, 'a', 1, FS, 'p', 2, 3, GS, '(', 'L', 6, 0, 48, 69, 'G', '1', 1, 1, "after NV images\n"),
        ["user-characters"] = Job(ESC, '@', UserCharacters(), "AB plain, ", ESC, '%', 1, "AB user\n", ESC, '?', 'B', "AB B cancelled\n", ESC, '%', 0, "AB off\n"),
        ["barcodes-1d"] = Job(ESC, '@', ESC, 'a', 1, GS, 'w', 2, GS, 'h', 40, GS, 'H', 2,
            GS, 'k', 1, "0123456", 0, GS, 'k', 66, 8, "04252614",
            GS, 'k', 3, "9638507", 0, GS, 'k', 68, 8, "73513537",
            GS, 'k', 4, "CODE39", 0, GS, 'k', 69, 9, "*AB-1.2 *",
            GS, 'k', 5, "12345678", 0, GS, 'k', 70, 6, "135790",
            GS, 'k', 6, "A40156B", 0, GS, 'k', 71, 5, "31117",
            GS, 'k', 72, 11, "Code93 $/+%", GS, 'f', 1, GS, 'k', 72, 6, "CODE93"),
        ["qr-clone-model1"] = Job(ESC, '@', ESC, 'a', 1, GS, 'Z', 2, ESC, 'Z', 0, 'M', 3, 22, 0, "https://example.com/ez", LF,
            GS, '(', 'k', 4, 0, 49, 65, 49, 0, Qr("model 1 as 2", 3, 0), LF),
        ["skipped-commands"] = Job(ESC, '@', "a", ESC, '(', 'A', 4, 0, 48, 55, 3, 10, "b", ESC, '?', 'A', "c", FS, 'g', '1', 48, 0, 0, 0, 0, 3, 0, "xyz",
            "d", GS, 'g', '0', 0, 1, 0, "e", GS, 'z', '0', 1, 2, "f", ESC, 'W', 0, 0, 0, 0, 128, 1, 200, 0, "g", GS, '\\', 10, 0, "h", GS, '$', 10, 0,
            "i", ESC, '7', 7, 80, 2, "j", DC2, '#', 15, "k", GS, 'Q', '0', 0, 2, 0, 1, 0, 0xFF, 0xFF, "l", ESC, 'c', '3', 0, "m", DLE, 4, 1, "n", DLE, 4, 7, 1,
            "o", GS, 'I', 1, "p", GS, 'r', 1, "q", ESC, 'p', 0, 25, 250, "r", FS, 'C', 0, "s", FS, '(', 'A', 2, 0, 48, 0, "t", GS, 'P', 0, 0,
            "u", GS, 'E', 1, "v", ESC, '=', 1, "w", ESC, 'u', 0, "x", ESC, 'v', "y", ESC, 'K', 5, "z", LF,
            "A", ESC, 'e', 2, "B", ESC, 'L', ESC, 'S', "C", ESC, 'T', 0, "D", ESC, 'U', 1, "E", ESC, 'r', 0, "F", GS, ':', GS, ':', "G", GS, '^', 1, 0, 0,
            "H", GS, 'a', 0, "I", GS, 'b', 1, "J", GS, 'c', "K", GS, '*', 1, 1, new byte[8], "L", GS, '/', 0, "M", GS, 'T', 0, "N", GS, 'g', '2', 0, 1, 0,
            "O", FS, 'g', '2', 48, 0, 0, 0, 0, 1, 0, "P", FS, '2', 0xFE, 0xA1, new byte[72], "Q", FS, '?', 0xFE, 0xA1, "R", FS, 'W', 0, "S", FS, '!', 0,
            "T", ESC, 0x0F, "U", DC2, "V", ESC, '4', 0, "W", ESC, '5', "X", DLE, 5, 1, "Y", DLE, 0x14, 1, 1, 1, "Z", GS, 'Z', 2, LF,
            "0", ESC, 'i', "1", ESC, 'm', "2", ESC, '<', "3", ESC, 0x0C, "4", GS, '(', 'E', 3, 0, 1, 73, 78, "5", DC2, 'T', "6", LF),
    };

    /// <summary>FS q with two bit images and GS ( L fn 67 with graphics "G1": written to the flash once the job is done.</summary>
    public static readonly byte[] NvDefinitions = Job(ESC, '@', NvBitImages(), NvGraphics());

    /// <summary>ESC * m with a 24-column frame and diagonal (8 or 24 dots tall).</summary>
    private static byte[] BitImage(int m)
    {
        int bytesPerColumn = m >= 32 ? 3 : 1;
        int height = bytesPerColumn * 8;
        var data = new byte[24 * bytesPerColumn];
        for (int x = 0; x < 24; x++)
        {
            for (int y = 0; y < height; y++)
            {
                bool on = x == 0 || x == 23 || y == 0 || y == height - 1 || x * height / 24 == y;
                if (on)
                {
                    data[x * bytesPerColumn + y / 8] |= (byte)(0x80 >> (y % 8));
                }
            }
        }
        return Job(ESC, '*', m, 24, 0, data);
    }

    /// <summary>A raster of width x height with a frame and a diagonal, rows of (width + 7) / 8 bytes.</summary>
    private static byte[] Frame(int width, int height)
    {
        int rowBytes = (width + 7) / 8;
        var data = new byte[rowBytes * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (y == 0 || y == height - 1 || x == 0 || x == width - 1 || x == y * width / height)
                {
                    data[y * rowBytes + x / 8] |= (byte)(0x80 >> (x % 8));
                }
            }
        }
        return data;
    }

    /// <summary>GS ( L (or GS 8 L) fn 112: a 40 x 16 raster at scale x scale stored in the print buffer.</summary>
    private static byte[] Graphics(bool eightL, int scale)
    {
        var data = Frame(40, 16);
        int p = 10 + data.Length;
        var head = eightL ? Job(GS, '8', 'L', p & 0xFF, p >> 8, 0, 0) : Job(GS, '(', 'L', p & 0xFF, p >> 8);
        return Job(head, 48, 112, 48, scale, scale, 49, 40, 0, 16, 0, data);
    }

    /// <summary>FS q 2: two column-format NV bit images (16 x 16 and 32 x 8 dots).</summary>
    private static byte[] NvBitImages()
    {
        static byte[] Columns(int xBytes, int yBytes)
        {
            int width = xBytes * 8;
            int height = yBytes * 8;
            var data = new byte[width * yBytes];
            for (int x = 0; x < width; x++)
            {
                for (int y = 0; y < height; y++)
                {
                    if (x == 0 || y == 0 || x == width - 1 || y == height - 1 || x * height / width == y)
                    {
                        data[x * yBytes + y / 8] |= (byte)(0x80 >> (y % 8));
                    }
                }
            }
            return Job(xBytes, 0, yBytes, 0, data);
        }
        return Job(FS, 'q', 2, Columns(2, 2), Columns(4, 1));
    }

    /// <summary>GS ( L fn 67: NV graphics "G1", 48 x 20 dots.</summary>
    private static byte[] NvGraphics()
    {
        var data = Frame(48, 20);
        int p = 11 + data.Length;
        return Job(GS, '(', 'L', p & 0xFF, p >> 8, 48, 67, 48, 'G', '1', 1, 48, 0, 20, 0, 49, data);
    }

    /// <summary>ESC &amp; 3 'A' 'B': two 12 x 24 user characters (a box, and an X).</summary>
    private static byte[] UserCharacters()
    {
        static byte[] Character(bool cross)
        {
            var data = new byte[12 * 3];
            for (int x = 0; x < 12; x++)
            {
                for (int y = 0; y < 24; y++)
                {
                    bool on = cross ? (x * 2 == y || (11 - x) * 2 == y) : (x == 0 || x == 11 || y == 0 || y == 23);
                    if (on)
                    {
                        data[x * 3 + y / 8] |= (byte)(0x80 >> (y % 8));
                    }
                }
            }
            return Job(12, data);
        }
        return Job(ESC, '&', 3, 'A', 'B', Character(false), Character(true));
    }
}
