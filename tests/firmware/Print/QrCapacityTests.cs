using System.Text;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.Printing;
using PosFirmware.Tests.TestSupport;
using static PosFirmware.Tests.TestSupport.EscPos;

using Xunit;
using PosFirmware.Print.Codes;
using PosFirmware.Print;
using PosFirmware.Print.Interpreter;
using PosFirmware.Print.Text;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>QR codes to version 40 at their full capacity at every level, read back by zbarimg; a refused code is in the result.</summary>
public class QrCapacityTests(Xunit.Abstractions.ITestOutputHelper output)
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
    [Fact]
    public void The_terminal_prints_qr_to_version_20_and_reports_a_bigger_code_the_emulator_still_prints()
    {
        var terminal = new EscPosRenderer(new PosFirmware.Terminal.TerminalConfig().PrintLimits);
        Assert.Equal(PrintLimits.TerminalMaxQrVersion, terminal.Limits.MaxQrVersion);
        var random = new Random(20);
        string data = new string(Enumerable.Range(0, 858).Select(_ => (char)('a' + random.Next(26))).ToArray()); // version 20-L, bytes (ISO/IEC 18004 Table 7)
        string folder = Directory.CreateTempSubdirectory("qr20").FullName;

        var paper = terminal.Render(Job(ESC, '@', Qr(data, 3, 0), LF), out var fits);
        Assert.Equal(0, fits.RefusedCodes);
        Assert.Equal(97 * 3 + 24, fits.DotLinesDone);
        paper.SavePng(Path.Combine(folder, "v20.png"), GoldenImage.MarginDots);
        Assert.Equal(new[] { "QR-Code:" + data }, Zbar.Decode(Path.Combine(folder, "v20.png")));

        terminal.Render(Job(ESC, '@', Qr(data + "x", 3, 0), LF), out var refused);
        Assert.Equal(1, refused.RefusedCodes); // version 21: past the terminal's bound, in the job's result
        Assert.Equal(24, refused.DotLinesDone);
        var console = new StringWriter();
        console.Write(PosFirmware.Emulator.Cli.PrintCommand.Describe(10, refused));
        Assert.Contains("1 refused codes", console.ToString());

        var emulated = new EscPosRenderer().Render(Job(ESC, '@', Qr(data + "x", 3, 0), LF), out var printed);
        Assert.Equal(0, printed.RefusedCodes);
        emulated.SavePng(Path.Combine(folder, "v21.png"), GoldenImage.MarginDots);
        Assert.Equal(new[] { "QR-Code:" + data + "x" }, Zbar.Decode(Path.Combine(folder, "v21.png")));
    }

    [Fact]
    public void The_terminals_print_engine_fits_its_ram_budget_and_version_40_would_not()
    {
        var flash = new PosFirmware.Emulator.Storage.FlashFileStore(PosFirmware.Emulator.Storage.FlashMode.LittleFs, new PosFirmware.Emulator.Core.SimRandom(1));
        flash.Load(new Dictionary<string, byte[]> { ["font.pft"] = PrinterFonts.Load() });
        long Measure(PrintLimits limits)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var font = new BitmapFont(new FileStoreFontData(flash, "font.pft"));
            GC.KeepAlive(new EscPosInterpreter(font, limits));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Measure(PrintLimits.ForTerminal()); // warm up the runtime's own one-time allocations
        long terminal = Measure(PrintLimits.ForTerminal());
        long version40 = Measure(new PrintLimits());
        Assert.True(terminal <= PrintLimits.TerminalRamBudgetBytes, $"the terminal's print engine takes {terminal} bytes, over its budget of {PrintLimits.TerminalRamBudgetBytes}");
        Assert.True(version40 > PrintLimits.TerminalRamBudgetBytes, $"version 40 takes {version40} bytes");
        Assert.InRange(version40 - terminal, 12_800, 13_800); // QR buffers: two bit planes of 177 rows x 3 words and 3 x 3706 bytes (8,496 + 11,118) against 97 x 2 words and 3 x 1085 (3,104 + 3,255)
        output.WriteLine($"print engine at start-up: {terminal:N0} bytes with QR to version {PrintLimits.TerminalMaxQrVersion}, {version40:N0} with version 40; budget {PrintLimits.TerminalRamBudgetBytes:N0}");
    }
}
