using PosFirmware.Hal;

namespace PosFirmware.Print.Text
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

        /// <summary>Four-byte GB18030 sequences that name BMP code points (0x81308130-0x8431A439).</summary>
        public const int GbFourByteBmpCodes = 39420;

        private const int HeaderBytesV1 = 12;
        private const int HeaderBytesV2 = 16;

        /// <summary>Codes between two entries of the in-RAM index over each code table.</summary>
        public const int IndexStride = 64;

        private readonly IFontData _data;
        private readonly int[] _narrowIndex;
        private readonly int[] _wideIndex;
        private readonly byte[] _code = new byte[2];
        private readonly byte[] _stretch = new byte[2 * IndexStride];
        private readonly bool _valid;
        private readonly int _narrowCount;
        private readonly int _wideCount;
        private readonly int _narrowCodesAt;
        private readonly int _wideCodesAt;
        private readonly int _narrowGlyphsAt;
        private readonly int _wideGlyphsAt;
        private readonly int _gbLeadsAt;
        private readonly int _gbLeadCount;
        private readonly int _gbTrailFirst;
        private readonly int _gbTrailCount;
        private readonly int _gbMapAt;
        private readonly int _gbRangeCount;
        private readonly int _gbRangesAt;

        // Where each ASCII code's glyph was found (0 not yet looked up, 1 + i narrow glyph i, -1 - i wide
        // glyph i, Absent none): receipt text is mostly ASCII, and each lookup would otherwise be two searches
        // of the code tables through the font data (512 bytes of RAM).
        private const int AsciiCodes = 128;
        private const int Absent = int.MinValue;
        private readonly int[] _asciiFound = new int[AsciiCodes];
        private bool _failedRead; // a lookup whose read failed is not kept

        // The other code points looked up last, one per slot (code point mod RecentSlots), and where each was
        // found: each character is looked up twice (its width, then its glyph), and a receipt repeats its
        // Chinese characters (512 bytes of RAM).
        private const int RecentSlots = 64;
        private readonly int[] _recentCode = new int[RecentSlots];
        private readonly int[] _recentFound = new int[RecentSlots];

        // The widest run of code points the narrow table lacks, between two of its codes (or below its first),
        // both ends excluded: taken down by the order check. Every wide character is searched for in the narrow
        // table first, and the full font's narrow table (ASCII, Latin, box drawing, then halfwidth forms from
        // U+FF61) lacks all of CJK, so such a search ends here without a read of the font data.
        private int _narrowGapBelow;
        private int _narrowGapAbove;

        /// <summary>
        /// Reads the header. A missing or damaged file gives a font with no glyphs (IsValid false). Version 1
        /// files hold glyphs only; version 2 adds the GB18030 tables (HasGbTables).
        /// </summary>
        public BitmapFont(IFontData data)
        {
            _data = data;
            for (int i = 0; i < RecentSlots; i++)
            {
                _recentCode[i] = -1;
            }
            var header = new byte[HeaderBytesV2];
            if (data.Length < HeaderBytesV2 || data.Read(0, header, 0, HeaderBytesV2) != HeaderBytesV2)
            {
                return;
            }
            if (header[0] != (byte)'P' || header[1] != (byte)'F' || header[2] != (byte)'N' || header[3] != (byte)'T'
                || (header[4] != 1 && header[4] != 2) || header[5] != HeightDots)
            {
                return;
            }
            _narrowCount = (header[6] << 8) | header[7];
            _wideCount = (header[8] << 8) | header[9];
            bool version2 = header[4] == 2;
            _narrowCodesAt = version2 ? HeaderBytesV2 : HeaderBytesV1;
            _wideCodesAt = _narrowCodesAt + 2 * _narrowCount;
            _narrowGlyphsAt = _wideCodesAt + 2 * _wideCount;
            _wideGlyphsAt = _narrowGlyphsAt + NarrowGlyphBytes * _narrowCount;
            int end = _wideGlyphsAt + WideGlyphBytes * _wideCount;
            if (version2)
            {
                _gbRangeCount = (header[10] << 8) | header[11];
                _gbTrailFirst = header[12];
                _gbTrailCount = header[13];
                _gbLeadCount = header[14];
                _gbLeadsAt = end;
                _gbMapAt = _gbLeadsAt + _gbLeadCount + (_gbLeadCount & 1);
                _gbRangesAt = _gbMapAt + 2 * _gbLeadCount * _gbTrailCount;
                end = _gbRangesAt + 4 * _gbRangeCount;
            }
            if (end != data.Length)
            {
                return;
            }
            // Every 64th code of each table in RAM (~700 bytes for the full font): a lookup then searches
            // one 128-byte stretch of the file instead of walking the whole table's tree. Taken down by the
            // order check as it passes, with the ASCII codes' places, so the tables are read once.
            int[] narrowIndex = new int[(_narrowCount + IndexStride - 1) / IndexStride];
            int[] wideIndex = new int[(_wideCount + IndexStride - 1) / IndexStride];
            _valid = Ascending(_narrowCodesAt, _narrowCount, narrowIndex, 1, 1, true) && Ascending(_wideCodesAt, _wideCount, wideIndex, -1, -1, false);
            if (_valid)
            {
                _narrowIndex = narrowIndex;
                _wideIndex = wideIndex;
                // An ASCII code in neither table has no glyph.
                for (int code = 0; code < AsciiCodes; code++)
                {
                    if (_asciiFound[code] == 0)
                    {
                        _asciiFound[code] = Absent;
                    }
                }
            }
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
            int found = Locate(codePoint);
            if (found > 0)
            {
                return _data.Read(_narrowGlyphsAt + (found - 1) * NarrowGlyphBytes, buffer, offset, NarrowGlyphBytes) == NarrowGlyphBytes ? 8 : 0;
            }
            if (found != Absent)
            {
                return _data.Read(_wideGlyphsAt + (-1 - found) * WideGlyphBytes, buffer, offset, WideGlyphBytes) == WideGlyphBytes ? 16 : 0;
            }
            return 0;
        }

        // A valid BMP code point's glyph: 1 + i for narrow glyph i, -1 - i for wide glyph i, or Absent.
        private int Locate(int codePoint)
        {
            if (codePoint < AsciiCodes && _asciiFound[codePoint] != 0)
            {
                return _asciiFound[codePoint];
            }
            int slot = codePoint & (RecentSlots - 1);
            if (codePoint >= AsciiCodes && _recentCode[slot] == codePoint)
            {
                return _recentFound[slot];
            }
            int found = Absent;
            _failedRead = false;
            int index = codePoint > _narrowGapBelow && codePoint < _narrowGapAbove ? -1 : Find(_narrowCodesAt, _narrowCount, _narrowIndex, codePoint);
            if (index >= 0)
            {
                found = 1 + index;
            }
            else
            {
                index = Find(_wideCodesAt, _wideCount, _wideIndex, codePoint);
                if (index >= 0)
                {
                    found = -1 - index;
                }
            }
            if (codePoint < AsciiCodes && !_failedRead)
            {
                _asciiFound[codePoint] = found;
            }
            else if (!_failedRead)
            {
                _recentCode[slot] = codePoint;
                _recentFound[slot] = found;
            }
            return found;
        }

        /// <summary>Width in dots of a code point's glyph (8 or 16), or 0 if the font lacks it.</summary>
        public int WidthOf(int codePoint)
        {
            if (!_valid || codePoint < 0 || codePoint > 0xFFFF)
            {
                return 0;
            }
            int found = Locate(codePoint);
            return found > 0 ? 8 : found != Absent ? 16 : 0;
        }

        // Glyphs are found by binary search, so a table out of order would hide glyphs it holds: such a file
        // is damaged. Checked once at start-up, a font cache block (256 bytes of codes) per read, each read
        // ending on a 256-byte boundary of the file, so that no read of a file behind a page cache straddles
        // two pages (codes start at an even position, so none straddles a read). Fills index with every
        // IndexStride-th code, and keeps where each ASCII code of the table is (firstFound for its first
        // entry, then +1 an entry in the narrow table or -1 in the wide one; the narrow table's kept first,
        // as Locate searches it first): the first receipt after a boot then searches the tables for no ASCII
        // character. With keepGap, keeps the table's widest run of missing code points (_narrowGapBelow/Above).
        private const int OrderCheckBytes = 256;

        private bool Ascending(int codesAt, int count, int[] index, int firstFound, int step, bool keepGap)
        {
            byte[] chunk = new byte[OrderCheckBytes];
            int previous = -1;
            int at = codesAt;
            int end = codesAt + 2 * count;
            int number = 0;
            while (at < end)
            {
                int bytes = OrderCheckBytes - at % OrderCheckBytes;
                if (bytes > end - at)
                {
                    bytes = end - at;
                }
                bytes &= ~1;
                if (bytes == 0)
                {
                    // An odd position (a file no writer makes): one code at a time.
                    bytes = 2;
                }
                if (_data.Read(at, chunk, 0, bytes) != bytes)
                {
                    return false;
                }
                int before = previous;
                for (int k = 0; k < bytes; k += 2)
                {
                    int code = (chunk[k] << 8) | chunk[k + 1];
                    if (code <= previous)
                    {
                        return false;
                    }
                    previous = code;
                }
                if (keepGap)
                {
                    KeepWidestGap(chunk, bytes, before);
                }
                int codes = bytes >> 1;
                // The index entries this read holds: the first multiple of IndexStride at or after number.
                for (int n = (number + IndexStride - 1) & ~(IndexStride - 1); n < number + codes; n += IndexStride)
                {
                    int k = 2 * (n - number);
                    index[n / IndexStride] = (chunk[k] << 8) | chunk[k + 1];
                }
                // The table's ASCII codes come first, being its lowest.
                for (int k = 0; k < bytes && chunk[k] == 0 && chunk[k + 1] < AsciiCodes; k += 2)
                {
                    int code = chunk[k + 1];
                    if (_asciiFound[code] == 0)
                    {
                        _asciiFound[code] = firstFound + step * (number + (k >> 1));
                    }
                }
                number += codes;
                at += bytes;
            }
            return true;
        }

        // Widens the narrow table's kept gap to any wider one between the ascending codes of chunk (the first
        // read against before, the code ahead of them; -1 at the table's start).
        private void KeepWidestGap(byte[] chunk, int bytes, int before)
        {
            int last = before;
            int below = _narrowGapBelow;
            int above = _narrowGapAbove;
            for (int k = 0; k < bytes; k += 2)
            {
                int code = (chunk[k] << 8) | chunk[k + 1];
                if (code - last > above - below)
                {
                    below = last;
                    above = code;
                }
                last = code;
            }
            _narrowGapBelow = below;
            _narrowGapAbove = above;
        }

        /// <summary>True if the file carries the GB18030 decoding tables (version 2).</summary>
        public bool HasGbTables
        {
            get { return _valid && _gbRangeCount > 0; }
        }

        /// <summary>
        /// The code point of a GB18030 two-byte sequence (lead 0x81-0xFE, trail 0x40-0x7E or 0x80-0xFE),
        /// or -1 if the pair is outside the file's map or names nothing.
        /// </summary>
        public int DecodeGbTwoByte(int lead, int trail)
        {
            int column = trail - _gbTrailFirst;
            if (!HasGbTables || column < 0 || column >= _gbTrailCount)
            {
                return -1;
            }
            // The lead bytes are ascending: at most 7 probes for 126.
            int low = 0;
            int high = _gbLeadCount - 1;
            while (low <= high)
            {
                int mid = (low + high) >> 1;
                if (_data.Read(_gbLeadsAt + mid, _code, 0, 1) != 1)
                {
                    return -1;
                }
                if (_code[0] == lead)
                {
                    int code = ReadU16(_gbMapAt + 2 * (mid * _gbTrailCount + column));
                    return code <= 0 ? -1 : code;
                }
                if (_code[0] < lead)
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

        /// <summary>
        /// The code point of a four-byte GB18030 sequence given by its linear index (0 for 0x81308130), or -1.
        /// The BMP part comes from the file's ranges; the supplementary planes follow 0x90308130 linearly (GB 18030-2005 §6.3.3).
        /// </summary>
        public int DecodeGbFourByte(int linear)
        {
            const int SupplementaryStart = 189000; // linear index of 0x90308130
            if (!HasGbTables || linear < 0)
            {
                return -1;
            }
            if (linear >= SupplementaryStart)
            {
                int code = 0x10000 + linear - SupplementaryStart;
                return code <= 0x10FFFF ? code : -1;
            }
            if (linear >= GbFourByteBmpCodes)
            {
                return -1;
            }
            // Binary search for the last range starting at or before linear: at most 8 probes for 206 ranges.
            int low = 0;
            int high = _gbRangeCount - 1;
            int found = -1;
            while (low <= high)
            {
                int mid = (low + high) >> 1;
                int start = ReadU16(_gbRangesAt + 4 * mid);
                if (start <= linear)
                {
                    found = mid;
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }
            if (found < 0)
            {
                return -1;
            }
            int first = ReadU16(_gbRangesAt + 4 * found);
            int firstCode = ReadU16(_gbRangesAt + 4 * found + 2);
            return firstCode < 0 ? -1 : firstCode + linear - first;
        }

        private int ReadU16(int position)
        {
            if (_data.Read(position, _code, 0, 2) != 2)
            {
                return -1;
            }
            return (_code[0] << 8) | _code[1];
        }

        private int Find(int codesAt, int count, int[] index, int codePoint)
        {
            // The last index entry at or below the code point bounds the stretch to search.
            int first = 0;
            int last = index.Length - 1;
            int stretch = -1;
            while (first <= last)
            {
                int mid = (first + last) >> 1;
                if (index[mid] <= codePoint)
                {
                    stretch = mid;
                    first = mid + 1;
                }
                else
                {
                    last = mid - 1;
                }
            }
            if (stretch < 0)
            {
                return -1;
            }
            int start = stretch * IndexStride;
            int codes = start + IndexStride < count ? IndexStride : count - start;
            // The stretch's codes in one read (128 bytes at most), then a binary search of them in RAM (at most
            // 6 probes for 64 codes): one call through the font data instead of one a probe.
            if (_data.Read(codesAt + 2 * start, _stretch, 0, 2 * codes) != 2 * codes)
            {
                _failedRead = true;
                return -1;
            }
            int low = 0;
            int high = codes - 1;
            while (low <= high)
            {
                int mid = (low + high) >> 1;
                int code = (_stretch[2 * mid] << 8) | _stretch[2 * mid + 1];
                if (code == codePoint)
                {
                    return start + mid;
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
