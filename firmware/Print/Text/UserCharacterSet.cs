using PosFirmware.Hal;

namespace PosFirmware.Print.Text
{
    /// <summary>
    /// Characters defined by ESC &amp; for the ASCII codes 0x20-0x7E, each kept as a 16x16 bitmap (rows of two
    /// bytes, MSB leftmost): the column-format definition (x columns of y bytes, MSB on top) is sampled to 16
    /// rows and its columns kept as they are, up to 16. 95 x 32 bytes, allocated once.
    /// </summary>
    public sealed class UserCharacterSet
    {
        /// <summary>First definable code (space).</summary>
        public const int FirstCode = 0x20;

        /// <summary>Definable codes (0x20-0x7E).</summary>
        public const int Count = 95;

        /// <summary>Code points handed to TextLine for user characters start here (past Unicode).</summary>
        public const int CodePointBase = 0x110000;

        private const int GlyphBytes = BitmapFont.WideGlyphBytes;

        private readonly byte[] _glyphs = new byte[Count * GlyphBytes];
        private readonly byte[] _widths = new byte[Count];

        /// <summary>Forgets every definition (ESC @).</summary>
        public void Clear()
        {
            for (int i = 0; i < Count; i++)
            {
                _widths[i] = 0;
            }
        }

        /// <summary>True if code has a definition.</summary>
        public bool IsDefined(int code)
        {
            return code >= FirstCode && code < FirstCode + Count && _widths[code - FirstCode] > 0;
        }

        /// <summary>Width in dots of a defined character (1..16), or 0.</summary>
        public int WidthOf(int code)
        {
            return IsDefined(code) ? _widths[code - FirstCode] : 0;
        }

        /// <summary>Cancels one definition (ESC ?).</summary>
        public void Cancel(int code)
        {
            if (code >= FirstCode && code < FirstCode + Count)
            {
                _widths[code - FirstCode] = 0;
            }
        }

        /// <summary>
        /// Defines code from columns columns of heightBytes bytes each at data[offset] (ESC &amp;'s layout).
        /// A width of 0 defines a blank; widths past 16 are cut to 16.
        /// </summary>
        public void Define(int code, byte[] data, int offset, int columns, int heightBytes)
        {
            Check.That(heightBytes >= 1 && heightBytes <= 8, "1 to 8 bytes per column");
            if (code < FirstCode || code >= FirstCode + Count)
            {
                return;
            }
            int at = (code - FirstCode) * GlyphBytes;
            for (int i = 0; i < GlyphBytes; i++)
            {
                _glyphs[at + i] = 0;
            }
            int heightDots = heightBytes * 8;
            int shown = columns > 16 ? 16 : columns;
            for (int x = 0; x < shown; x++)
            {
                for (int row = 0; row < BitmapFont.HeightDots; row++)
                {
                    int sourceRow = row * (heightDots - 1) / (BitmapFont.HeightDots - 1); // first and last rows both kept
                    int b = data[offset + x * heightBytes + (sourceRow >> 3)];
                    if ((b & (0x80 >> (sourceRow & 7))) != 0)
                    {
                        _glyphs[at + row * 2 + (x >> 3)] |= (byte)(0x80 >> (x & 7));
                    }
                }
            }
            _widths[code - FirstCode] = (byte)(columns == 0 ? 1 : shown);
        }

        /// <summary>
        /// Copies the 16x16 bitmap of a defined code into buffer at offset (32 bytes); false if the code is not
        /// defined (any more: ESC ? or ESC @ may come between a character and the line feed that prints it).
        /// </summary>
        public bool Read(int code, byte[] buffer, int offset)
        {
            Check.That(offset + GlyphBytes <= buffer.Length, "room for the bitmap");
            if (!IsDefined(code))
            {
                return false;
            }
            System.Array.Copy(_glyphs, (code - FirstCode) * GlyphBytes, buffer, offset, GlyphBytes);
            return true;
        }
    }
}
