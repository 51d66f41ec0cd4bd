using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.Tests.TestSupport;

using Xunit;
using PosFirmware.Print;
using PosFirmware.Print.Text;

namespace PosFirmware.Tests.Emulator.Printing;

/// <summary>
/// Streams made by four npm printing libraries (Fixtures/make-npm-fixtures.js: receiptline 4.0.4,
/// @node-escpos/core 0.6.0, escpos 2.5.2, escpos-buffer 4.1.0) print through the head model with every
/// command understood, no character replaced, and every barcode and QR code read back by zbarimg.
/// </summary>
public class NpmFixtureTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".bin");

    // The escpos family: GB18030 text (the printer's default), every GS k type, ESC Z QR, ESC * and GS v 0 images.
    private static readonly string[] EscposFamilySymbols =
    {
        "QR-Code:https://example.com/qr?shop=1", "CODE-128:No.1234567890A", "CODE-93:CODE93-TEST-1234", "Codabar:A40156A",
        "I2/5:12345678", "CODE-39:ABC-123", "EAN-8:96385074", "EAN-13:4901234567894",
        "EAN-13:0012345000065", // UPC-E 0123456(5), which zbar reports as its UPC-A number
        "EAN-13:0036000291452", // UPC-A 03600029145(2)
    };

    public static TheoryData<string, string, string[]> Streams() => new()
    {
        {
            "receiptline-escpos-gb18030", "gb18030", new[]
            {
                "QR-Code:https://example.com/r/0001", "EAN-13:4901234567894", "EAN-13:0036000291452", "EAN-13:0012345000065",
                "CODE-128:20261122-0001", "CODE-93:CODE93 TEST", "Codabar:A40156B", "I2/5:1234567890", "CODE-39:CODE39-12",
            }
        },
        { "receiptline-escpos-multilingual", "gb18030", new[] { "QR-Code:https://example.com/m" } },
        { "node-escpos-core-gb18030", "gb18030", EscposFamilySymbols },
        { "escpos-gb18030", "gb18030", EscposFamilySymbols },
        // escpos-buffer writes for an Epson: single-byte code tables and no FS . first, so the terminal is set to start like one.
        { "escpos-buffer-tm-t20", "single-byte", new[] { "QR-Code:https://example.com/escpos-buffer" } },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Library_stream_prints_every_character_and_its_codes_read_back(string name, string encoding, string[] symbols)
    {
        string png = Path.Combine(Directory.CreateTempSubdirectory("npm").FullName, name + ".png");
        var console = new StringWriter();
        Assert.Equal(0, PrintCommand.Run(Fixture(name), png, "LTPD245C", 16, console, encoding));
        string report = console.ToString();
        Assert.StartsWith("printed:", report);
        Assert.Contains("0 unknown, 0 malformed", report);
        Assert.Contains("0 replaced characters", report);
        Assert.Contains("0 refused codes", report);
        Assert.Contains("no timing violations", report);
        Assert.Equal(symbols.Order(), Zbar.Decode(png).Order());
    }

    [Fact]
    public void An_epson_stream_read_in_chinese_mode_shows_replaced_characters_so_the_setting_matters()
    {
        // The same escpos-buffer stream on a terminal left in its GB18030 default: its CP850 bytes are not GB18030.
        var renderer = new EscPosRenderer();
        renderer.Render(File.ReadAllBytes(Fixture("escpos-buffer-tm-t20")), out var chinese);
        Assert.True(chinese.ReplacedCharacters > 0);
        var epson = new EscPosRenderer(new PrintLimits { PowerOnEncoding = TextEncoding.SingleByte });
        epson.Render(File.ReadAllBytes(Fixture("escpos-buffer-tm-t20")), out var singleByte);
        Assert.Equal(0, singleByte.ReplacedCharacters);
    }

    [Fact]
    public void Print_command_refuses_an_unknown_encoding()
    {
        var console = new StringWriter();
        Assert.Equal(2, PrintCommand.Run(Fixture("escpos-gb18030"), "/tmp/x.png", "ideal", 16, console, "latin-9"));
        Assert.Contains("--encoding", console.ToString());
    }
    [Theory]
    [MemberData(nameof(Streams))]
    public void Library_stream_prints_the_same_paper_with_the_terminals_limits(string name, string encoding, string[] symbols)
    {
        // The terminal's QR bound (version 20) and font path give the paper posemu print gives.
        byte[] job = File.ReadAllBytes(Fixture(name));
        var terminalLimits = new PosFirmware.Terminal.TerminalConfig().PrintLimits;
        terminalLimits.PowerOnEncoding = TextEncoding.Parse(encoding);
        var onTerminal = new EscPosRenderer(terminalLimits).Render(job, out var terminal);
        var inEmulator = new EscPosRenderer(new PrintLimits { PowerOnEncoding = TextEncoding.Parse(encoding) }).Render(job, out var emulator);
        Assert.Equal(0, terminal.ReplacedCharacters);
        Assert.Equal(0, terminal.RefusedCodes);
        Assert.Equal(emulator.DotLinesDone, terminal.DotLinesDone);
        Assert.True(inEmulator.ToPixels(0, out _, out _).AsSpan().SequenceEqual(onTerminal.ToPixels(0, out _, out _)), name);
        Assert.NotEmpty(symbols);
    }

    [Fact]
    public void Print_command_combines_the_encoding_with_the_head_conditions()
    {
        string png = Path.Combine(Directory.CreateTempSubdirectory("npm").FullName, "epson.png");
        var console = new StringWriter();
        var conditions = new HeadConditions.Values { SupplyVolts = 7.4, HeadCelsius = 30 };
        Assert.Equal(0, PrintCommand.Run(Fixture("escpos-buffer-tm-t20"), png, "LTPD245C", 16, console, conditions, null, null, "single-byte"));
        Assert.Contains("0 replaced characters", console.ToString());
        Assert.Equal(new[] { "QR-Code:https://example.com/escpos-buffer" }, Zbar.Decode(png));

        // Left in Chinese mode the same Epson stream shows replaced characters: the option reached the printer.
        var chinese = new StringWriter();
        PrintCommand.Run(Fixture("escpos-buffer-tm-t20"), png, "LTPD245C", 16, chinese, conditions, null, null, "gb18030");
        Assert.DoesNotContain(" 0 replaced characters", chinese.ToString());

        var refused = new StringWriter();
        Assert.Equal(2, PrintCommand.Run(Fixture("escpos-buffer-tm-t20"), png, "LTPD245C", 16, refused, conditions, null, null, "latin-9"));
        Assert.Contains("--encoding", refused.ToString());
    }
}
