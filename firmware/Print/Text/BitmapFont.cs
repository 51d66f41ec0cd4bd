using PosFirmware.Hal;

namespace PosFirmware.Printing
{
    /// <summary>
    /// The packed 16-dot bitmap font (layout in Fonts/generate-font.py): narrow 8x16 and wide 16x16 glyphs,
    /// each table found by binary search over its sorted code points. Reads go through IFontData, so the
    /// font can stay in flash; nothing is allocated after construction.
    /// </summary>
    public sealed class BitmapFont
    {
        /// <summary>Glyph height in dots.</summary>
        public const int HeightDots = 16;

        /// <summary>Bytes of one narrow (8x16) glyph.</summary>
        public const int NarrowGlyphBytes = 16;

        /// <summary>Bytes of one wide (16x16) glyph.</summary>
        public const int WideGlyphBytes = 32;

        private const int HeaderBytes = 12;

        private readonly IFontData _data;
        private readonly byte[] _code = new byte[2];
        private readonly bool _valid;
        private readonly int _narrowCount;
        private readonly int _wideCount;
        private readonly int _narrowCodesAt;
        private readonly int _wideCodesAt;
        private readonly int _narrowGlyphsAt;
        private readonly int _wideGlyphsAt;

        /// <summary>Reads the header. A missing or damaged file gives a font with no glyphs (IsValid false).</summary>
        public BitmapFont(IFontData data)
        {
            _data = data;
            var header = new byte[HeaderBytes];
            if (data.Length < HeaderBytes || data.Read(0, header, 0, HeaderBytes) != HeaderBytes)
            {
                return;
            }
            if (header[0] != (byte)'P' || header[1] != (byte)'F' || header[2] != (byte)'N' || header[3] != (byte)'T'
                || header[4] != 1 || header[5] != HeightDots)
            {
                return;
            }
            _narrowCount = (header[6] << 8) | header[7];
            _wideCount = (header[8] << 8) | header[9];
            _narrowCodesAt = HeaderBytes;
            _wideCodesAt = _narrowCodesAt + 2 * _narrowCount;
            _narrowGlyphsAt = _wideCodesAt + 2 * _wideCount;
            _wideGlyphsAt = _narrowGlyphsAt + NarrowGlyphBytes * _narrowCount;
            int end = _wideGlyphsAt + WideGlyphBytes * _wideCount;
            _valid = end == data.Length && Ascending(_narrowCodesAt, _narrowCount) && Ascending(_wideCodesAt, _wideCount);
        }

        /// <summary>True when the file was a well-formed font.</summary>
        public bool IsValid
        {
            get { return _valid; }
        }

        /// <summary>Number of glyphs (narrow and wide).</summary>
        public int GlyphCount
        {
            get { return _valid ? _narrowCount + _wideCount : 0; }
        }

        /// <summary>
        /// Copies the glyph of a code point into buffer at offset (16 or 32 bytes, row-major, MSB leftmost)
        /// and returns its width in dots (8 or 16), or 0 if the font has no glyph for it.
        /// </summary>
        public int ReadGlyph(int codePoint, byte[] buffer, int offset)
        {
            Check.That(buffer != null && offset >= 0 && offset + WideGlyphBytes <= buffer.Length, "glyph buffer holds 32 bytes");
            if (!_valid || codePoint < 0 || codePoint > 0xFFFF)
            {
                return 0;
            }
            int index = Find(_narrowCodesAt, _narrowCount, codePoint);
            if (index >= 0)
            {
                return _data.Read(_narrowGlyphsAt + index * NarrowGlyphBytes, buffer, offset, NarrowGlyphBytes) == NarrowGlyphBytes ? 8 : 0;
            }
            index = Find(_wideCodesAt, _wideCount, codePoint);
            if (index >= 0)
            {
                return _data.Read(_wideGlyphsAt + index * WideGlyphBytes, buffer, offset, WideGlyphBytes) == WideGlyphBytes ? 16 : 0;
            }
            return 0;
        }

        /// <summary>Width in dots of a code point's glyph (8 or 16), or 0 if the font lacks it.</summary>
        public int WidthOf(int codePoint)
        {
            if (!_valid || codePoint < 0 || codePoint > 0xFFFF)
            {
                return 0;
            }
            if (Find(_narrowCodesAt, _narrowCount, codePoint) >= 0)
            {
                return 8;
            }
            return Find(_wideCodesAt, _wideCount, codePoint) >= 0 ? 16 : 0;
        }

        // Glyphs are found by binary search, so a table out of order would hide glyphs it holds: such a file
        // is damaged. Checked once at start-up, a chunk of codes per read.
        private bool Ascending(int codesAt, int count)
        {
            byte[] chunk = new byte[64];
            int previous = -1;
            for (int i = 0; i < count; i += chunk.Length / 2)
            {
                int codes = count - i < chunk.Length / 2 ? count - i : chunk.Length / 2;
                if (_data.Read(codesAt + 2 * i, chunk, 0, 2 * codes) != 2 * codes)
                {
                    return false;
                }
                for (int k = 0; k < codes; k++)
                {
                    int code = (chunk[2 * k] << 8) | chunk[2 * k + 1];
                    if (code <= previous)
                    {
                        return false;
                    }
                    previous = code;
                }
            }
            return true;
        }

        private int Find(int codesAt, int count, int codePoint)
        {
            int low = 0;
            int high = count - 1;
            // Binary search: at most 17 probes for 65536 entries.
            while (low <= high)
            {
                int mid = (low + high) >> 1;
                if (_data.Read(codesAt + 2 * mid, _code, 0, 2) != 2)
                {
                    return -1;
                }
                int code = (_code[0] << 8) | _code[1];
                if (code == codePoint)
                {
                    return mid;
                }
                if (code < codePoint)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }
            return -1;
        }
    }
}
