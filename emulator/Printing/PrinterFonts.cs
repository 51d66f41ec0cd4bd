using System.Reflection;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Printing;
using PosFirmware.Print;
using PosFirmware.Print.Text;

namespace PosFirmware.Emulator.Printing;

/// <summary>
/// The printer fonts generated from GNU Unifont (firmware/Print/Fonts), built into posemu as resources so
/// the emulator prints without looking for files. The emulator reads a font as the device does: the file on a
/// flash store, opened once, through FileStoreFontData's block cache.
/// </summary>
public static class PrinterFonts
{
    /// <summary>Resource name of the full font: GB18030's two-byte range (GBK), Latin-1, the code tables, the euro.</summary>
    public const string Full = "unifont-gb18030.pft";

    /// <summary>Resource name of the GB2312 level-1 subset (the generator's small option; the terminal ships the full font).</summary>
    public const string Level1Gb2312 = "unifont-gb2312-level1.pft";

    /// <summary>The bytes of a font resource.</summary>
    public static byte[] Load(string name = Full)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("font resource missing from posemu: " + name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A font read from the file on a flash store, the device's path (one open reader, the 2 KB block cache).</summary>
    public static BitmapFont Open(string name = Full) => new(OpenData(name));

    /// <summary>The font file on a flash store of its own, behind the device's reader and cache (its FileReads count flash reads).</summary>
    public static FileStoreFontData OpenData(string name = Full)
    {
        var flash = new FlashFileStore(FlashMode.LittleFs, new SimRandom(0));
        flash.Load(new Dictionary<string, byte[]> { [name] = Load(name) });
        return new FileStoreFontData(flash, name);
    }
}
