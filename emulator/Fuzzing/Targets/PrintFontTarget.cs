
using PosFirmware.Print;
using PosFirmware.Print.Text;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// A printer font file (.pft) through BitmapFont. Contract: a damaged file is a font with IsValid false and
/// no glyphs, never an exception; in a valid font every code point its tables list is found, with the width
/// of its table, and ReadGlyph agrees with WidthOf across the whole BMP.
/// </summary>
public sealed class PrintFontTarget : FuzzTarget
{
    /// <inheritdoc />
    public override string Name => "print-font";

    /// <inheritdoc />
    public override string Summary => "BitmapFont over a font file: header, code tables, glyph reads";

    /// <inheritdoc />
    public override IEnumerable<byte[]> BuiltSeeds()
    {
        // PFNT v1, 16 dots high, 2 narrow glyphs ('0', 'A') and 1 wide one (U+4E2D), the layout of
        // firmware/Print/Fonts/generate-font.py; the real fonts (150-250 KB) are too big to mutate well.
        var font = new List<byte> { (byte)'P', (byte)'F', (byte)'N', (byte)'T', 1, 16, 0, 2, 0, 1, 0, 0, 0x00, 0x30, 0x00, 0x41, 0x4E, 0x2D };
        font.AddRange(Enumerable.Range(0, 16 * 2 + 32).Select(i => (byte)(i * 37)));
        yield return font.ToArray();
    }

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        var font = new BitmapFont(new ByteArrayFontData(input));
        var glyph = new byte[BitmapFont.WideGlyphBytes];
        if (!font.IsValid)
        {
            Require(font.GlyphCount == 0 && font.WidthOf('A') == 0 && font.ReadGlyph('A', glyph, 0) == 0, "an invalid font has glyphs");
            return;
        }
        int narrow = (input[6] << 8) | input[7];
        int wide = (input[8] << 8) | input[9];
        Require(font.GlyphCount == narrow + wide, "glyph count " + font.GlyphCount + ", header says " + (narrow + wide));
        for (int i = 0; i < narrow + wide; i++)
        {
            int at = 12 + 2 * i;
            int codePoint = (input[at] << 8) | input[at + 1];
            Require(font.WidthOf(codePoint) != 0, "U+" + codePoint.ToString("X4") + " is in the font's tables but not found");
        }
        for (int codePoint = 0; codePoint <= 0xFFFF; codePoint += 1 + (codePoint >> 12))
        {
            int width = font.WidthOf(codePoint);
            Require(width == 0 || width == 8 || width == 16, "width " + width);
            Require(font.ReadGlyph(codePoint, glyph, 0) == width, "ReadGlyph and WidthOf disagree on U+" + codePoint.ToString("X4"));
        }
    }
}
