using System.Text;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Tests.TestSupport;

using Xunit;
using PosFirmware.Print.Codes;

namespace PosFirmware.Tests.Firmware.Print.Codes;

/// <summary>CODE128 and EAN-13 encoders: the symbol tables, check digits, malformed data, and zbar reading them back.</summary>
public class BarcodeTests
{
    [Fact]
    public void Code128_table_has_107_distinct_patterns_of_11_modules_and_a_13_module_stop()
    {
        var seen = new HashSet<string>();
        for (int v = 0; v < 106; v++)
        {
            string p = Code128.PatternOf(v);
            Assert.Equal(6, p.Length);
            Assert.Equal(11, p.Sum(c => c - '0'));
            Assert.True(seen.Add(p), $"pattern of {v} repeats");
        }
        Assert.Equal(13, Code128.PatternOf(Code128.Stop).Sum(c => c - '0'));
    }

    [Theory]
    [InlineData("12345678", "{C\u000c\u0022\u0038\u004e")]
    [InlineData("123", "{B1{C\u0017")]
    [InlineData("AB1234CD", "{BAB{C\u000c\u0022{BCD")]
    [InlineData("A12B", "{BA12B")]
    [InlineData("a\tb", "{Ba{S\tb")]
    [InlineData("{x}", "{B{{x}")]
    public void Plain_text_is_planned_with_set_C_for_digit_runs_and_set_B_otherwise(string text, string epson)
    {
        var output = new byte[64];
        int n = Code128.PlanEpsonData(Encoding.ASCII.GetBytes(text), 0, text.Length, output, 0, output.Length);
        Assert.Equal(epson, Encoding.Latin1.GetString(output, 0, n));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABC")]          // no code set
    [InlineData("{D12")]         // no such set
    [InlineData("{C\u0064")]     // 100 is not a set C value
    [InlineData("{B\u0080")]     // not ASCII
    [InlineData("{B{")]          // brace with nothing after it
    [InlineData("{B")]           // start code only
    [InlineData("{A{{")]         // literal brace only exists in set B
    public void Malformed_code128_data_is_refused(string data)
    {
        var modules = new BarcodeModules(1000, 100);
        byte[] bytes = Encoding.Latin1.GetBytes(data);
        Assert.False(Code128.Encode(bytes, 0, bytes.Length, 80, modules));
    }

    [Fact]
    public void Code128_longer_than_the_symbol_limit_is_refused()
    {
        var modules = new BarcodeModules(10_000, 1000);
        byte[] bytes = Encoding.ASCII.GetBytes("{B" + new string('x', 78));
        Assert.False(Code128.Encode(bytes, 0, bytes.Length, 80, modules));
        bytes = Encoding.ASCII.GetBytes("{B" + new string('x', 77));
        Assert.True(Code128.Encode(bytes, 0, bytes.Length, 80, modules));
        Assert.Equal(80 * 11 + 2, modules.Count);
    }

    [Theory]
    [InlineData("400638133393", 1)]
    [InlineData("490123456789", 4)]
    [InlineData("000000000000", 0)]
    [InlineData("978030640615", 7)]
    public void Ean13_check_digit_is_the_mod_10_weighted_sum(string digits, int check)
    {
        Assert.Equal(check, Ean13.CheckDigit(Encoding.ASCII.GetBytes(digits), 0));
    }

    [Theory]
    [InlineData("4006381333932")] // wrong check digit
    [InlineData("40063813339")]   // 11 digits
    [InlineData("40063813339a")]
    public void Malformed_ean13_data_is_refused(string data)
    {
        Assert.False(Ean13.Encode(Encoding.ASCII.GetBytes(data), 0, data.Length, new BarcodeModules(200, 20)));
    }

    [Fact]
    public void All_printable_ascii_digits_and_control_characters_read_back_with_zbar()
    {
        string dir = Directory.CreateTempSubdirectory("code128").FullName;
        var texts = new List<string>
        {
            string.Concat(Enumerable.Range(32, 32).Select(c => (char)c)),
            string.Concat(Enumerable.Range(64, 32).Select(c => (char)c)),
            string.Concat(Enumerable.Range(96, 31).Select(c => (char)c)),
            "0123456789012345678901234567890123456789",
            "9876543210987654321098765432109876543210",
            "1", "12", "123", "A1234567B", "x\u0001y\u001fz",
        };
        var files = new List<string>();
        var modules = new BarcodeModules(1000, 200);
        var planned = new byte[200];
        for (int i = 0; i < texts.Count; i++)
        {
            byte[] ascii = Encoding.ASCII.GetBytes(texts[i]);
            int n = Code128.PlanEpsonData(ascii, 0, ascii.Length, planned, 0, planned.Length);
            Assert.True(Code128.Encode(planned, 0, n, 80, modules), texts[i]);
            string png = Path.Combine(dir, $"c{i}.png");
            SaveBars(modules, png);
            files.Add(png);
        }
        var decoded = Zbar.Decode(files.ToArray());
        Assert.Equal(texts.Select(t => "CODE-128:" + t).Order(), decoded.Order());
    }

    private static void SaveBars(BarcodeModules modules, string path)
    {
        const int moduleDots = 2;
        const int quiet = 12;
        const int height = 40;
        int width = (modules.Count + 2 * quiet) * moduleDots;
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        for (int y = 4; y < height - 4; y++)
        {
            for (int m = 0; m < modules.Count; m++)
            {
                if (modules.IsBar(m))
                {
                    for (int k = 0; k < moduleDots; k++)
                    {
                        pixels[y * width + (m + quiet) * moduleDots + k] = 0;
                    }
                }
            }
        }
        PngWriter.WriteGray(path, width, height, pixels);
    }
}
