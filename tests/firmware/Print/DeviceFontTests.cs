using System.Text.Json;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Printing;
using PosFirmware.Emulator.Storage;
using PosFirmware.Hal;
using PosFirmware.Payment;
using PosFirmware.Printing;
using PosFirmware.Terminal;
using PosFirmware.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;
using PosFirmware.Print;
using PosFirmware.Print.Interpreter;
using PosFirmware.Print.Text;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>
/// The device prints every character the emulator prints: the full font, as deploy.json puts it on the config
/// partition of the terminal's flash layout beside what the firmware writes there at most, read through the
/// firmware's one-reader block cache, gives the same glyph for every code point as the font `posemu print` uses.
/// </summary>
public class DeviceFontTests(ITestOutputHelper output)
{
    /// <summary>What nanoFramework keeps on the same partition (network settings, certificates): reserved generously.</summary>
    private const int NetworkAndCertificateBytes = 64 * 1024;

    private static readonly TerminalConfig Config = new();

    // The files of firmware/Device/deploy.json, read from the repository.
    private static List<(string Name, byte[] Bytes)> DeployedFiles()
    {
        string root = GoldenImage.RepositoryRoot();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "firmware", "Device", "deploy.json")));
        return doc.RootElement.GetProperty("files").EnumerateArray()
            .Select(f => (f.GetProperty("DestinationFilePath").GetString()![3..],
                File.ReadAllBytes(Path.Combine(root, f.GetProperty("SourceFilePath").GetString()!.Replace('\\', Path.DirectorySeparatorChar)))))
            .ToList();
    }

    // The config partition of a layout after deployment and with the firmware's own files at their largest:
    // both journal files at their compaction size (one is written while the other still exists), the boot
    // record, the master key and the network settings and certificates. Throws FileStoreException when they do not fit.
    private static FlashFileStore DeviceFlash(Esp32FlashLayout layout)
    {
        var flash = new FlashFileStore(FlashMode.LittleFs, new SimRandom(1), capacityBytes: layout.ConfigBytes);
        foreach (var (name, bytes) in DeployedFiles())
        {
            Write(flash, name, bytes);
        }
        var journal = new JournalConfig();
        Write(flash, journal.FileA, new byte[journal.MaxFileBytes]);
        Write(flash, journal.FileB, new byte[journal.MaxFileBytes]);
        Write(flash, Config.BootRecordFile, new byte[64]);
        Write(flash, Config.Payment.MasterKeyFile, new byte[16]);
        Write(flash, "network-and-certificates", new byte[NetworkAndCertificateBytes]);
        return flash;
    }

    private static void Write(IFileStore store, string name, byte[] bytes)
    {
        var writer = store.Create(name);
        writer.Write(bytes, 0, bytes.Length);
        writer.Close();
    }

    [Fact]
    public void On_the_terminals_8_MB_layout_the_deployed_font_has_every_glyph_the_emulator_prints()
    {
        var flash = DeviceFlash(Esp32FlashLayout.Terminal);
        int opened = flash.ReadersOpened;
        var data = new FileStoreFontData(flash, Config.PrintFontFile);
        var device = new BitmapFont(data);
        var emulator = PrinterFonts.Open();
        Assert.True(device.IsValid);
        Assert.Equal(emulator.GlyphCount, device.GlyphCount);

        var a = new byte[BitmapFont.WideGlyphBytes];
        var b = new byte[BitmapFont.WideGlyphBytes];
        int glyphs = 0;
        for (int cp = 0; cp <= 0xFFFF; cp++)
        {
            Array.Clear(a);
            Array.Clear(b);
            int width = emulator.ReadGlyph(cp, a, 0);
            Assert.Equal(width, device.ReadGlyph(cp, b, 0));
            Assert.True(a.AsSpan().SequenceEqual(b), $"U+{cp:X4} differs");
            glyphs += width > 0 ? 1 : 0;
        }
        Assert.Equal(emulator.GlyphCount, glyphs);

        int twoByteWithGlyph = 0;
        for (int lead = 0x81; lead <= 0xFE; lead++)
        {
            for (int trail = 0x40; trail <= 0xFE; trail++)
            {
                int cp = device.DecodeGbTwoByte(lead, trail);
                Assert.Equal(emulator.DecodeGbTwoByte(lead, trail), cp);
                twoByteWithGlyph += cp > 0 && device.WidthOf(cp) > 0 ? 1 : 0;
            }
        }
        Assert.Equal(21_872, twoByteWithGlyph); // all of GB18030's two-byte range but its 2,068 private-use codes
        Assert.Equal(opened + 1, flash.ReadersOpened); // one reader for every lookup
        output.WriteLine($"{Esp32FlashLayout.Terminal.Name} layout: {flash.UsedBytes:N0} of {flash.CapacityBytes:N0} bytes of the config partition in use " +
            $"(font {data.Length:N0}); {glyphs:N0} glyphs identical; cache {FileStoreFontData.BlockCount * FileStoreFontData.BlockBytes} bytes");
    }

    [Fact]
    public void On_a_4_MB_layout_the_font_does_not_fit()
    {
        // The measurement can disagree: the 256 KB config partition refuses the deployment.
        var e = Assert.Throws<FileStoreException>(() => DeviceFlash(Esp32FlashLayout.Flash4Mb));
        Assert.Contains("flash full", e.Message);
    }

    [Fact]
    public void Every_gb18030_two_byte_character_prints_the_same_paper_on_the_device_and_in_the_emulator()
    {
        var job = new List<byte> { 0x1B, (byte)'@' };
        int n = 0;
        for (int lead = 0x81; lead <= 0xFE; lead++)
        {
            for (int trail = 0x40; trail <= 0xFE; trail++)
            {
                if (trail == 0x7F)
                {
                    continue;
                }
                job.Add((byte)lead);
                job.Add((byte)trail);
                if (++n % 16 == 0) // font A: 16 full-width cells to a 384-dot line
                {
                    job.Add((byte)'\n');
                }
            }
        }
        job.Add((byte)'\n');
        byte[] bytes = job.ToArray();
        var limits = new PrintLimits { MaxJobDotLines = 60_000 };

        var data = new FileStoreFontData(DeviceFlash(Esp32FlashLayout.Terminal), Config.PrintFontFile);
        var devicePaper = new EscPosRenderer(limits, new BitmapFont(data)).Render(bytes, out var onDevice);
        var emulatorPaper = new EscPosRenderer(new PrintLimits { MaxJobDotLines = 60_000 }).Render(bytes, out var inEmulator);

        Assert.True(onDevice.Completed && inEmulator.Completed, $"{onDevice.Status} {onDevice.LineLimitReached} {onDevice.DotLinesDone} {onDevice.BytesConsumed} of {bytes.Length}");
        Assert.Equal(126 * 190, onDevice.CharactersPrinted);
        Assert.Equal(2_068, onDevice.ReplacedCharacters); // the private-use codes, a counted box on both
        Assert.Equal(inEmulator.ReplacedCharacters, onDevice.ReplacedCharacters);
        Assert.Equal(emulatorPaper.LineCount, devicePaper.LineCount);
        byte[] expected = emulatorPaper.ToPixels(0, out int w, out int h);
        byte[] actual = devicePaper.ToPixels(0, out int w2, out int h2);
        Assert.Equal((w, h), (w2, h2));
        Assert.True(expected.AsSpan().SequenceEqual(actual), "the device's paper differs from the emulator's");
        output.WriteLine($"{onDevice.CharactersPrinted:N0} characters, {h:N0} dot lines identical; {data.FileReads:N0} block reads of {FileStoreFontData.BlockBytes} bytes");
    }

    [Fact]
    public void A_receipt_reads_about_half_a_flash_block_per_character_through_the_cache()
    {
        foreach (var (name, receipt) in SampleReceipts.All())
        {
            // A fresh cache per receipt: the cold case (the terminal keeps its cache from one receipt to the next).
            var data = new FileStoreFontData(DeviceFlash(Esp32FlashLayout.Terminal), Config.PrintFontFile);
            var font = new BitmapFont(data);
            long atOpen = data.FileReads;
            new EscPosRenderer(PrintLimits.ForTerminal(), font).Render(receipt, out var result);
            long reads = data.FileReads - atOpen;
            Assert.Equal(0, result.ReplacedCharacters);
            Assert.True(result.CharactersPrinted > 100, name);
            Assert.True(reads < result.CharactersPrinted, $"{name}: {reads} block reads for {result.CharactersPrinted} characters");
            output.WriteLine($"{name}: {result.CharactersPrinted} characters, {reads} block reads ({reads * FileStoreFontData.BlockBytes / 1024} KB), " +
                $"{(double)reads / result.CharactersPrinted:F2} per character");
        }
    }
}
