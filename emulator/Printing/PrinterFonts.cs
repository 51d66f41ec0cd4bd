using System.Reflection;
using PosFirmware.Printing;
using PosFirmware.Print;
using PosFirmware.Print.Text;

namespace PosFirmware.Emulator.Printing;

/// <summary>
/// The printer fonts generated from GNU Unifont (firmware/Print/Fonts), built into posemu as resources so
/// the emulator prints without looking for files.
/// </summary>
public static class PrinterFonts
{
    /// <summary>Resource name of the full font: GB18030's two-byte range (GBK), Latin-1, the code tables, the euro.</summary>
    public const string Full = "unifont-gb18030.pft";

    /// <summary>Resource name of the level-1 subset meant for a device with only the 256 KB config partition.</summary>
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

    /// <summary>A font over a resource's bytes.</summary>
    public static BitmapFont Open(string name = Full) => new(new ByteArrayFontData(Load(name)));
}
