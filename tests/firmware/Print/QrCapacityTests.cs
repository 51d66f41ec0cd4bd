using System.Text;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.Printing;
using PosFirmware.Tests.TestSupport;
using static PosFirmware.Tests.TestSupport.EscPos;

using Xunit;
using PosFirmware.Print.Codes;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>QR codes to version 40 at their full capacity at every level, read back by zbarimg; a refused code is in the result.</summary>
public class QrCapacityTests
{
    // ISO/IEC 18004 Table 7, version 40: numeric, alphanumeric and byte capacity per level.
    [Theory]
    [InlineData(0, 7089, 4296, 2953)]
    [InlineData(1, 5596, 3391, 2331)]
    [InlineData(2, 3993, 2420, 1663)]
    [InlineData(3, 3057, 1852, 1273)]
    public void Version_40_holds_its_full_capacity_and_one_more_character_is_refused(int level, int digits, int alphanumeric, int bytes)
    {
        var random = new Random(level);
        string numeric = new string(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))).ToArray());
        string alnum = new string(Enumerable.Range(0, alphanumeric).Select(_ => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"[random.Next(45)]).ToArray());
        string binary = new string(Enumerable.Range(0, bytes).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var qr = new QrEncoder(40);
        foreach (string data in new[] { numeric, alnum, binary })
        {
            byte[] raw = Encoding.ASCII.GetBytes(data);
            Assert.True(qr.Encode(raw, 0, raw.Length, (QrErrorLevel)level));
            Assert.Equal(40, qr.Version);
            byte[] more = Encoding.ASCII.GetBytes(data + data[0]);
            Assert.False(qr.Encode(more, 0, more.Length, (QrErrorLevel)level));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_version_40_code_printed_at_module_2_reads_back_and_one_too_big_is_reported(int level)
    {
        int[] byteCapacity = { 2953, 2331, 1663, 1273 };
        var random = new Random(40 + level);
        string data = new string(Enumerable.Range(0, byteCapacity[level]).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var renderer = new EscPosRenderer();
        var paper = renderer.Render(Job(ESC, '@', Qr(data, 2, level), LF), out var result);
        Assert.Equal(0, result.RefusedCodes);
        Assert.Equal(177 * 2 + 24, result.DotLinesDone);
        string png = Path.Combine(Directory.CreateTempSubdirectory("qr40").FullName, "qr40.png");
        paper.SavePng(png, GoldenImage.MarginDots);
        Assert.Equal(new[] { "QR-Code:" + data }, Zbar.Decode(png));

        renderer.Render(Job(ESC, '@', Qr(data + "x", 2, level), LF), out var tooMuch);
        Assert.Equal(1, tooMuch.RefusedCodes);
        renderer.Render(Job(ESC, '@', Qr(data, 3, level), LF), out var tooWide);
        Assert.Equal(1, tooWide.RefusedCodes); // 177 modules x 3 dots = 531 > 384
        Assert.Equal(24, tooWide.DotLinesDone);
    }

    [Fact]
    public void Model_1_and_micro_qr_requests_print_as_model_2_and_say_so()
    {
        var renderer = new EscPosRenderer();
        renderer.Render(Job(GS, '(', 'k', 4, 0, 49, 65, 49, 0, GS, '(', 'k', 4, 0, 49, 65, 51, 0, Qr("M1", 3, 0)), out var r);
        Assert.Equal(2, r.SubstitutedQrModels);
        Assert.Equal(0, r.RefusedCodes);
        Assert.True(r.DotLinesDone > 0);
        var console = new StringWriter();
        console.Write(PosFirmware.Emulator.Cli.PrintCommand.Describe(10, r));
        Assert.Contains("2 QR model 1 requests printed as model 2", console.ToString());
    }
}
