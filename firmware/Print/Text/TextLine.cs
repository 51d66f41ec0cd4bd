using PosFirmware.Hal;

namespace PosFirmware.Print.Text
{
    /// <summary>
    /// The characters of the line being built, with the position and style each was given, until LF (or a
    /// wrap) prints them. Printing draws them into a band of dot lines: glyphs bottom-aligned on the tallest
    /// character, scaled, emboldened (drawn twice, one dot apart), underlined and reversed per character.
    /// Fixed arrays sized from PrintLimits; nothing is allocated after construction.
    /// </summary>
    public sealed class TextLine
    {
        /// <summary>Style flag: emphasised (bold).</summary>
        public const int Bold = 1;

        /// <summary>Style flag: white on black.</summary>
        public const int Reverse = 2;

        /// <summary>Style flag: 1-dot underline.</summary>
        public const int Underline1 = 4;

        /// <summary>Style flag: 2-dot underline.</summary>
        public const int Underline2 = 8;

        /// <summary>Style flag: stretch the glyph over its whole cell (box drawing, so rules join up).</summary>
        public const int Stretch = 16;

        /// <summary>Style flag: turned 90 degrees clockwise (ESC V), drawn in a 16-dot square.</summary>
        public const int Rotate = 32;

        /// <summary>Style flag: a user-defined character (ESC &amp;), code UserCharacterSet.CodePointBase + its ASCII code.</summary>
        public const int UserGlyph = 64;

        private readonly BitmapFont _font;
        private readonly UserCharacterSet _userCharacters;
        private readonly int _bytesPerLine;
        private readonly int _dotsPerLine;
        private readonly int[] _code;
        private readonly short[] _x;
        private readonly short[] _cellWidth;
        private readonly short[] _drawX;
        private readonly short[] _drawWidth;
        private readonly byte[] _glyphWidth;
        private readonly byte[] _scaleWidth;
        private readonly byte[] _scaleHeight;
        private readonly byte[] _flags;
        private readonly byte[] _glyph = new byte[BitmapFont.WideGlyphBytes];
        // The font code point whose glyph _glyph holds (read whole in this Render), or -1, and its width.
        private int _heldCode = -1;
        private int _heldWidth;
        private bool _heldWhite; // the glyph held has no black dot
        // The glyph rows that may hold black dots, [_heldFirstRow, _heldEndRow), found as the glyph is read:
        // a row outside them draws nothing, so the row loops start and stop there (a dash has one of 16).
        private int _heldFirstRow;
        private int _heldEndRow = BitmapFont.HeightDots;

        // A widened glyph row: 16 dots at the largest scale across (8), a bold dot and up to 7 dots of alignment.
        private const int MaxScaledDots = 16 * 8;
        private readonly byte[] _scaledRow = new byte[(MaxScaledDots + 1 + 7 + 7) / 8];

        /// <summary>Allocates room for limits.MaxLineItems characters.</summary>
        public TextLine(BitmapFont font, PrintLimits limits)
            : this(font, limits, new UserCharacterSet())
        {
        }

        /// <summary>Allocates room for limits.MaxLineItems characters, drawing user characters from userCharacters.</summary>
        public TextLine(BitmapFont font, PrintLimits limits, UserCharacterSet userCharacters)
        {
            _font = font;
            _userCharacters = userCharacters;
            _dotsPerLine = limits.DotsPerLine;
            _bytesPerLine = limits.DotsPerLine / 8;
            int n = limits.MaxLineItems;
            _code = new int[n];
            _x = new short[n];
            _cellWidth = new short[n];
            _drawX = new short[n];
            _drawWidth = new short[n];
            _glyphWidth = new byte[n];
            _scaleWidth = new byte[n];
            _scaleHeight = new byte[n];
            _flags = new byte[n];
        }

        /// <summary>Characters held.</summary>
        public int Count { get; private set; }

        /// <summary>Where the next character goes, in dots from the left of the print area.</summary>
        public int CursorX { get; set; }

        /// <summary>True if no more characters can be held.</summary>
        public bool IsFull
        {
            get { return Count >= _code.Length; }
        }

        // Kept as characters are added (the cursor can be set back, so the last cell need not be the rightmost):
        // a line's print asks for both, and a walk over its cells for each was a loop per line.
        private int _width;
        private int _bandHeight;

        /// <summary>Right edge of the rightmost character cell, in dots from the left of the print area.</summary>
        public int Width
        {
            get { return _width; }
        }

        /// <summary>Dot lines the band needs: the tallest character's height (0 when empty).</summary>
        public int BandHeight
        {
            get { return _bandHeight; }
        }

        /// <summary>Forgets the line.</summary>
        public void Clear()
        {
            Count = 0;
            CursorX = 0;
            _width = 0;
            _bandHeight = 0;
        }

        /// <summary>
        /// Adds a character cell at the cursor and advances it. The glyph (glyphWidth 8 or 16, or 0 for a
        /// blank cell) is drawn drawX dots into the cell, scaled by scaleWidth x scaleHeight.
        /// </summary>
        public void Add(int codePoint, int glyphWidth, int cellWidth, int drawX, int scaleWidth, int scaleHeight, int flags)
        {
            Check.That(!IsFull, "line has room for the character");
            int i = Count;
            _code[i] = codePoint;
            _x[i] = (short)CursorX;
            _cellWidth[i] = (short)cellWidth;
            _glyphWidth[i] = (byte)glyphWidth;
            _scaleWidth[i] = (byte)scaleWidth;
            _scaleHeight[i] = (byte)scaleHeight;
            _flags[i] = (byte)flags;
            if ((flags & Stretch) != 0)
            {
                _drawX[i] = 0;
                _drawWidth[i] = (short)cellWidth;
            }
            else if ((flags & (Rotate | UserGlyph)) != 0)
            {
                // A turned glyph is 16 dots wide whatever its width was; a user character fills its cell from the left.
                _drawX[i] = (short)((flags & UserGlyph) != 0 ? 0 : drawX);
                _drawWidth[i] = (short)(((flags & UserGlyph) != 0 ? glyphWidth : 16) * scaleWidth);
            }
            else
            {
                _drawX[i] = (short)drawX;
                _drawWidth[i] = (short)(glyphWidth * scaleWidth);
            }
            Count = i + 1;
            // From the cell as held, so the same as a walk over the cells would give.
            int end = _x[i] + _cellWidth[i];
            if (end > _width)
            {
                _width = end;
            }
            int height = BitmapFont.HeightDots * _scaleHeight[i];
            if (height > _bandHeight)
            {
                _bandHeight = height;
            }
            CursorX += cellWidth;
        }

        /// <summary>
        /// Draws the line into band (BandHeight rows of DotsPerLine/8 bytes, cleared here), shifted right by
        /// leftDots. Dots past the line's right end are dropped.
        /// </summary>
        public void Render(byte[] band, int leftDots)
        {
            int height = BandHeight;
            Check.That(height * _bytesPerLine <= band.Length, "band buffer holds the tallest character");
            // One native call, not a byte loop (an interpreted turn per byte on the device).
            System.Array.Clear(band, 0, height * _bytesPerLine);
            _heldCode = -1;
            for (int i = 0; i < Count; i++)
            {
                RenderItem(i, band, height, leftDots);
            }
        }

        private void RenderItem(int i, byte[] band, int bandHeight, int leftDots)
        {
            int cellLeft = leftDots + _x[i];
            int sh = _scaleHeight[i];
            int cellHeight = BitmapFont.HeightDots * sh;
            int top = bandHeight - cellHeight;
            int glyphWidth = _glyphWidth[i];
            int flags = _flags[i];
            // A white glyph (a space) draws no dot whatever its scale, turn or weight: only its cell's lines below.
            if (glyphWidth > 0 && ReadGlyph(i) == glyphWidth && !_heldWhite)
            {
                bool rotate = (flags & Rotate) != 0;
                bool user = (flags & UserGlyph) != 0;
                int rowBytes = user ? 2 : glyphWidth / 8;
                int drawLeft = cellLeft + _drawX[i];
                int drawWidth = _drawWidth[i];
                int sw = _scaleWidth[i];
                bool stretch = (flags & Stretch) != 0;
                if (!rotate && !stretch && sw == 1 && drawWidth <= 16)
                {
                    // Unscaled across: the glyph's bytes go onto the band eight dots at a time.
                    CopyRows(band, top, sh, rowBytes, drawLeft, drawWidth, (flags & Bold) != 0);
                }
                else
                {
                    DrawDots(band, top, cellHeight, sh, rowBytes, drawLeft, drawWidth, glyphWidth, sw, rotate, stretch, (flags & Bold) != 0);
                }
            }
            int underline = (flags & Underline2) != 0 ? 2 : ((flags & Underline1) != 0 ? 1 : 0);
            for (int row = bandHeight - underline; row < bandHeight; row++)
            {
                for (int dx = 0; dx < _cellWidth[i]; dx++)
                {
                    Set(band, row, cellLeft + dx);
                }
            }
            if ((flags & Reverse) != 0)
            {
                for (int row = top; row < bandHeight; row++)
                {
                    for (int dx = 0; dx < _cellWidth[i]; dx++)
                    {
                        Flip(band, row, cellLeft + dx);
                    }
                }
            }
        }

        private int ReadGlyph(int i)
        {
            if ((_flags[i] & UserGlyph) != 0)
            {
                _heldCode = -1;
                _heldWhite = false;
                _heldFirstRow = 0;
                _heldEndRow = BitmapFont.HeightDots;
                return _userCharacters.Read(_code[i] - UserCharacterSet.CodePointBase, _glyph, 0) ? _glyphWidth[i] : 0;
            }
            // A run of one character (a rule of dashes, the spaces before a price) reads its glyph once.
            int code = _code[i];
            if (code == _heldCode)
            {
                return _heldWidth;
            }
            int width = _font.ReadGlyph(code, _glyph, 0);
            _heldCode = width > 0 ? code : -1;
            _heldWidth = width;
            // White until a black byte turns up (a few rows down in most glyphs).
            int bytes = width == 16 ? BitmapFont.WideGlyphBytes : BitmapFont.NarrowGlyphBytes;
            int k = 0;
            while (k < bytes && _glyph[k] == 0)
            {
                k++;
            }
            _heldWhite = width > 0 && k == bytes;
            // And black up to the last black byte, found from the other end (bottom rows are white in most).
            int last = bytes - 1;
            while (last > k && _glyph[last] == 0)
            {
                last--;
            }
            int rowShift = width == 16 ? 1 : 0;
            _heldFirstRow = k >> rowShift;
            _heldEndRow = (last >> rowShift) + 1;
            return width;
        }

        private bool RotatedDot(int glyphWidth, int x, int y)
        {
            // Turned clockwise: the dot at (x, y) of the 16x16 square is the glyph's (y, 15 - x).
            int column = y;
            int row = BitmapFont.HeightDots - 1 - x;
            if (column >= glyphWidth || row < 0)
            {
                return false;
            }
            int rowBytes = glyphWidth / 8;
            return (_glyph[row * rowBytes + (column >> 3)] & (0x80 >> (column & 7))) != 0;
        }

        private void DrawDots(byte[] band, int top, int cellHeight, int sh, int rowBytes, int drawLeft, int drawWidth, int glyphWidth, int sw,
            bool rotate, bool stretch, bool bold)
        {
            if (!rotate && !stretch)
            {
                DrawScaled(band, top, sh, rowBytes, drawLeft, drawWidth, sw, bold);
                return;
            }
            for (int row = 0; row < cellHeight; row++)
            {
                int src = (row / sh) * rowBytes;
                for (int dx = 0; dx < drawWidth; dx++)
                {
                    int column = stretch ? dx * glyphWidth / drawWidth : dx / sw;
                    if (rotate ? RotatedDot(glyphWidth, column, row / sh) : (_glyph[src + (column >> 3)] & (0x80 >> (column & 7))) != 0)
                    {
                        Set(band, top + row, drawLeft + dx);
                        if (bold)
                        {
                            Set(band, top + row, drawLeft + dx + 1);
                        }
                    }
                }
            }
        }

        // Scaled up (sw x sh dots a glyph dot), not turned or stretched: each dark glyph dot is set as its block
        // of dots, the dots of cell columns [0, drawWidth), bold adding the dot right of each.
        private void DrawScaled(byte[] band, int top, int sh, int rowBytes, int drawLeft, int drawWidth, int sw, bool bold)
        {
            int extra = bold ? 1 : 0;
            if (drawLeft < 0 || drawLeft + drawWidth + extra > _dotsPerLine || drawWidth > MaxScaledDots)
            {
                DrawScaledByDot(band, top, sh, rowBytes, drawLeft, drawWidth, sw, bold);
                return;
            }
            // Each glyph row is widened once into _scaledRow, lined up with the band's bytes (its first dot at
            // bit drawLeft % 8), then OR-ed onto its sh band rows a byte at a time: a dot is set once, not sw x sh times.
            byte[] scaled = _scaledRow;
            int shift = drawLeft & 7;
            int bytes = (shift + drawWidth + extra + 7) >> 3;
            int glyphBytes = (drawWidth + sw - 1) / sw;
            glyphBytes = (glyphBytes + 7) >> 3;
            for (int glyphRow = _heldFirstRow; glyphRow < _heldEndRow; glyphRow++)
            {
                int src = glyphRow * rowBytes;
                bool white = true;
                for (int k = 0; k < glyphBytes; k++)
                {
                    white = white && _glyph[src + k] == 0;
                }
                if (white)
                {
                    continue;
                }
                for (int k = 0; k < bytes; k++)
                {
                    scaled[k] = 0;
                }
                for (int column = 0, dx = 0; dx < drawWidth; column++, dx += sw)
                {
                    if ((_glyph[src + (column >> 3)] & (0x80 >> (column & 7))) == 0)
                    {
                        continue;
                    }
                    int end = (dx + sw < drawWidth ? dx + sw : drawWidth) + extra;
                    for (int d = shift + dx; d < shift + end; d++)
                    {
                        scaled[d >> 3] |= (byte)(0x80 >> (d & 7));
                    }
                }
                int at = (top + glyphRow * sh) * _bytesPerLine + (drawLeft >> 3);
                for (int row = 0; row < sh; row++, at += _bytesPerLine)
                {
                    for (int k = 0; k < bytes; k++)
                    {
                        band[at + k] |= scaled[k];
                    }
                }
            }
        }

        // As DrawScaled, for a glyph partly off the line: dot by dot, the dots off it dropped.
        private void DrawScaledByDot(byte[] band, int top, int sh, int rowBytes, int drawLeft, int drawWidth, int sw, bool bold)
        {
            int extra = bold ? 1 : 0;
            for (int glyphRow = 0; glyphRow < BitmapFont.HeightDots; glyphRow++)
            {
                int src = glyphRow * rowBytes;
                int rowTop = top + glyphRow * sh;
                for (int column = 0, dx = 0; dx < drawWidth; column++, dx += sw)
                {
                    if ((_glyph[src + (column >> 3)] & (0x80 >> (column & 7))) == 0)
                    {
                        continue;
                    }
                    int end = dx + sw < drawWidth ? dx + sw : drawWidth;
                    for (int row = rowTop; row < rowTop + sh; row++)
                    {
                        for (int d = drawLeft + dx; d < drawLeft + end + extra; d++)
                        {
                            Set(band, row, d);
                        }
                    }
                }
            }
        }

        // An unscaled glyph row of 1 to 16 dots (font glyphs 8 or 16, user characters up to 16): one word.
        private void CopyRows(byte[] band, int top, int sh, int rowBytes, int drawLeft, int drawWidth, bool bold)
        {
            int bytes = (drawWidth + 7) >> 3;
            // A glyph row (at most 16 dots, leftmost in bit 31) and its bold copy one dot right fit in 17 bits,
            // written onto the band as the one to three bytes they reach when all of those are on the line.
            uint keep = 0xFFFFFFFFu << (32 - drawWidth);
            int shift = drawLeft & 7;
            // The band bytes a row's dots reach, its bold dot included (a narrow glyph's two, or one on a
            // byte edge): a glyph at the line's right end is written a byte at a time too when they are on it.
            int reach = (shift + drawWidth + (bold ? 1 : 0) + 7) >> 3;
            if (drawLeft < 0 || (drawLeft >> 3) + reach > _bytesPerLine)
            {
                CopyRowsByDot(band, top, sh, rowBytes, drawLeft, bytes, keep, bold);
                return;
            }
            int stride = _bytesPerLine;
            // The band byte under the glyph's left edge, in its top row; each glyph row moves it sh rows down.
            int firstRow = _heldFirstRow;
            int at = (top + firstRow * sh) * stride + (drawLeft >> 3);
            int src = firstRow * rowBytes;
            for (int glyphRow = firstRow; glyphRow < _heldEndRow; glyphRow++, src += rowBytes, at += sh * stride)
            {
                uint dots = GlyphRowDots(src, bytes, keep, bold);
                if (dots == 0)
                {
                    continue;
                }
                uint placed = dots >> shift;
                byte b0 = (byte)(placed >> 24);
                byte b1 = (byte)(placed >> 16);
                byte b2 = (byte)(placed >> 8);
                for (int row = 0, a = at; row < sh; row++, a += stride)
                {
                    band[a] |= b0;
                    if (reach > 1)
                    {
                        band[a + 1] |= b1;
                        if (reach > 2)
                        {
                            band[a + 2] |= b2;
                        }
                    }
                }
            }
        }

        // A glyph row's dots from its bytes at src, left-aligned in 32 bits: the kept columns only, a bold
        // glyph's dots doubled to the right; 0 when none is dark.
        private uint GlyphRowDots(int src, int bytes, uint keep, bool bold)
        {
            uint dots = (uint)_glyph[src] << 24;
            if (bytes == 2)
            {
                dots |= (uint)_glyph[src + 1] << 16;
            }
            dots &= keep;
            if (bold)
            {
                dots |= dots >> 1;
            }
            return dots;
        }

        // As CopyRows, for a glyph partly off the line: dot by dot, the dots off it dropped.
        private void CopyRowsByDot(byte[] band, int top, int sh, int rowBytes, int drawLeft, int bytes, uint keep, bool bold)
        {
            for (int glyphRow = 0; glyphRow < BitmapFont.HeightDots; glyphRow++)
            {
                uint dots = GlyphRowDots(glyphRow * rowBytes, bytes, keep, bold);
                if (dots == 0)
                {
                    continue;
                }
                for (int row = top + glyphRow * sh; row < top + (glyphRow + 1) * sh; row++)
                {
                    for (int bit = 0; bit < 17; bit++)
                    {
                        if ((dots & (0x80000000u >> bit)) != 0)
                        {
                            Set(band, row, drawLeft + bit);
                        }
                    }
                }
            }
        }

        private void Set(byte[] band, int row, int dot)
        {
            if (dot >= 0 && dot < _dotsPerLine)
            {
                band[row * _bytesPerLine + (dot >> 3)] |= (byte)(0x80 >> (dot & 7));
            }
        }

        private void Flip(byte[] band, int row, int dot)
        {
            if (dot >= 0 && dot < _dotsPerLine)
            {
                band[row * _bytesPerLine + (dot >> 3)] ^= (byte)(0x80 >> (dot & 7));
            }
        }
    }
}
