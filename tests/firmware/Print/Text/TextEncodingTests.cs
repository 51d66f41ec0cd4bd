using System.Text;
using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Printing;
using PosFirmware.Tests.TestSupport;
using static PosFirmware.Tests.TestSupport.EscPos;

using Xunit;
using PosFirmware.Print;
using PosFirmware.Print.Text;

namespace PosFirmware.Tests.Firmware.Print.Text;

/// <summary>
/// Text encodings: the same text in GB18030 and in UTF-8 gives the same paper; Chinese mode follows FS &amp; / FS .
/// and the power-on setting; ESC t tables decode as .NET's code pages do; FS ( C selects UTF-8 and back.
/// </summary>
public class TextEncodingTests
{
    private static readonly Encoding Gb18030 = Open("GB18030");

    private static Encoding Open(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }

    private static byte[] Pixels(byte[] job, PrintLimits limits, out PrintJobResult result)
    {
        var paper = new EscPosRenderer(limits).Render(job, out result);
        return paper.ToPixels(0, out _, out _);
    }

    [Theory]
    [InlineData(SecondPassJobs.BilingualText)]
    [InlineData("收款：￥1,234.56 交易成功\n退货 撤销 免签 签名\n餘額 臺幣 €\n")]
    public void The_same_text_in_gb18030_and_in_utf8_gives_pixel_identical_paper(string text)
    {
        var gbJob = Job(ESC, '@', Gb18030.GetBytes(text), GS, 'V', 0);
        var utf8Job = Job(ESC, '@', FS, '(', 'C', 2, 0, 48, 2, Encoding.UTF8.GetBytes(text), GS, 'V', 0);
        var gb = Pixels(gbJob, new PrintLimits(), out var gbResult);
        var utf8 = Pixels(utf8Job, new PrintLimits(), out var utf8Result);
        Assert.Equal(0, gbResult.ReplacedCharacters);
        Assert.Equal(0, utf8Result.ReplacedCharacters);
        Assert.Equal(utf8Result.CharactersPrinted, gbResult.CharactersPrinted);
        Assert.Equal(utf8, gb);
        // And a UTF-8 terminal reading the same UTF-8 bytes without the selection prints them the same.
        var plain = Pixels(Job(ESC, '@', Encoding.UTF8.GetBytes(text), GS, 'V', 0), new PrintLimits { PowerOnEncoding = TextEncoding.Utf8 }, out _);
        Assert.Equal(utf8, plain);
    }

    [Fact]
    public void Utf8_bytes_read_as_gb18030_are_not_the_same_paper()
    {
        // The measurement can disagree: the wrong encoding prints other characters (or boxes).
        byte[] utf8 = Encoding.UTF8.GetBytes(SecondPassJobs.BilingualText);
        var right = Pixels(Job(ESC, '@', FS, '(', 'C', 2, 0, 48, 2, utf8), new PrintLimits(), out _);
        var wrong = Pixels(Job(ESC, '@', utf8), new PrintLimits(), out var wrongResult);
        Assert.NotEqual(right, wrong);
        Assert.True(wrongResult.ReplacedCharacters > 0);
    }

    [Fact]
    public void Chinese_mode_is_the_power_on_default_and_esc_at_restores_the_setting()
    {
        byte[] gb = Gb18030.GetBytes("中文");
        var renderer = new EscPosRenderer();
        // FS . leaves Chinese mode: the two GB bytes of each character become two PC437 characters.
        renderer.Render(Job(FS, '.', gb, LF), out var off);
        Assert.Equal(4, off.CharactersPrinted);
        renderer.Render(Job(FS, '.', ESC, '@', gb, LF), out var reset);
        Assert.Equal(2, reset.CharactersPrinted);
        renderer.Render(Job(FS, '.', FS, '&', gb, LF), out var on);
        Assert.Equal(2, on.CharactersPrinted);
        var epson = new EscPosRenderer(new PrintLimits { PowerOnEncoding = TextEncoding.SingleByte });
        epson.Render(Job(gb, LF), out var singleByte);
        Assert.Equal(4, singleByte.CharactersPrinted);
        epson.Render(Job(FS, '&', gb, LF), out var chinese);
        Assert.Equal(2, chinese.CharactersPrinted);
    }

    [Theory]
    [InlineData(0, 437)]
    [InlineData(2, 850)]
    [InlineData(3, 860)]
    [InlineData(4, 863)]
    [InlineData(5, 865)]
    [InlineData(16, 1252)]
    [InlineData(17, 866)]
    [InlineData(18, 852)]
    [InlineData(19, 858)]
    public void Code_tables_decode_as_dotnet_code_pages_do(int table, int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = Encoding.GetEncoding(codePage);
        for (int b = 0x80; b <= 0xFF; b++)
        {
            string s = encoding.GetString(new[] { (byte)b });
            int expected = s.Length == 1 && s[0] != '\uFFFD' && !(codePage == 1252 && s[0] < 0xA0 && s[0] == b) ? s[0] : -1;
            Assert.Equal(expected, CodePages.Decode(table, b));
            if (expected > 0)
            {
                Assert.True(PrinterFonts.Open().WidthOf(expected) > 0, $"table {table} byte {b:X2} U+{expected:X4} has no glyph");
            }
        }
    }

    [Fact]
    public void Esc_t_with_a_table_the_printer_lacks_is_counted_and_keeps_the_table()
    {
        var renderer = new EscPosRenderer();
        renderer.Render(Job(FS, '.', ESC, 't', 99, 0x9C, LF), out var r);
        Assert.Equal(1, r.MalformedCommands);
        Assert.Equal(0, r.ReplacedCharacters); // still PC437: 0x9C is the pound sign
    }

    [Fact]
    public void Print_command_encoding_option_sets_the_power_on_encoding()
    {
        string dir = Directory.CreateTempSubdirectory("encoding").FullName;
        string job = Path.Combine(dir, "utf8.bin");
        File.WriteAllBytes(job, Encoding.UTF8.GetBytes("中文 UTF-8\n"));
        var console = new StringWriter();
        Assert.Equal(0, PrintCommand.Run(job, Path.Combine(dir, "a.png"), PrintCommand.Ideal, 0, console, "utf-8"));
        Assert.Contains("0 replaced characters", console.ToString());
        console = new StringWriter();
        Assert.Equal(0, PrintCommand.Run(job, Path.Combine(dir, "b.png"), PrintCommand.Ideal, 0, console, "gb18030"));
        Assert.DoesNotContain(" 0 replaced characters", console.ToString());
    }
}
