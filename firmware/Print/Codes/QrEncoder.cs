using PosFirmware.Hal;

namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// QR Code model 2 encoder (ISO/IEC 18004:2015) with one segment: numeric mode when the data is all
    /// digits, alphanumeric when it is all of the 45 characters of Table 5, byte mode otherwise, so every
    /// version holds its full capacity (7089 digits, 4296 characters, 2953 bytes at version 40-L). It picks the
    /// smallest version that holds the data at the requested level, adds Reed-Solomon codewords, interleaves blocks, places modules,
    /// tries all eight masks and keeps the one with the lowest penalty (§7.8.3), and writes the format and
    /// version information. All buffers are sized for the largest version at construction. Modules are kept
    /// packed in bits, a row in 64-bit words (QrMaskPattern, QrPenalty): one set of bits for dark, one for
    /// function modules the masks leave alone (and for the bits past a row's end).
    /// </summary>
    public sealed class QrEncoder
    {
        private readonly int _maxVersion;
        private readonly ulong[] _dark;
        private readonly ulong[] _function;
        private int _words;
        private readonly byte[] _data;
        private readonly byte[] _codewords;
        private readonly byte[] _ecc;
        private readonly ReedSolomon _rs = new ReedSolomon();
        private int _bitLength;

        private const int ByteMode = 4;
        private const int AlphanumericMode = 2;
        private const int NumericMode = 1;
        private const string AlphanumericCharacters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

        /// <summary>Allocates buffers for versions 1..maxVersion (at most 40).</summary>
        public QrEncoder(int maxVersion)
        {
            Check.That(maxVersion >= 1 && maxVersion <= 40, "QR versions are 1..40");
            _maxVersion = maxVersion;
            int size = 4 * maxVersion + 17;
            int words = (size + 63) >> 6;
            _dark = new ulong[size * words];
            _function = new ulong[size * words];
            int raw = QrTables.RawDataModules(maxVersion) / 8;
            _data = new byte[raw];
            _codewords = new byte[raw];
            _ecc = new byte[raw];
        }

        /// <summary>Version of the last encoded symbol (0 if none).</summary>
        public int Version { get; private set; }

        /// <summary>Modules across the last encoded symbol (4·version + 17).</summary>
        public int Size { get; private set; }

        /// <summary>Mask pattern chosen for the last symbol (0..7).</summary>
        public int Mask { get; private set; }

        /// <summary>Largest number of bytes a version and level hold in byte mode.</summary>
        public static int ByteCapacity(int version, QrErrorLevel level)
        {
            int countBits = version < 10 ? 8 : 16;
            return (QrTables.DataCodewords(version, (int)level) * 8 - 4 - countBits) / 8;
        }

        /// <summary>
        /// Encodes count bytes of data at the level. Returns false (and keeps no symbol) if the data does not
        /// fit in the largest version this encoder was sized for.
        /// </summary>
        public bool Encode(byte[] bytes, int offset, int count, QrErrorLevel level)
        {
            Version = 0;
            Size = 0;
            int lvl = (int)level;
            if (lvl < 0 || lvl > 3 || count < 0 || bytes == null || offset < 0 || offset + count > bytes.Length)
            {
                return false;
            }
            int mode = ModeOf(bytes, offset, count);
            int version = 0;
            for (int v = 1; v <= _maxVersion; v++)
            {
                if (DataBits(mode, v, count) <= QrTables.DataCodewords(v, lvl) * 8)
                {
                    version = v;
                    break;
                }
            }
            if (version == 0)
            {
                return false;
            }
            Version = version;
            Size = 4 * version + 17;
            _words = (Size + 63) >> 6;
            WriteDataCodewords(bytes, offset, count, version, lvl, mode);
            int total = InterleaveWithEcc(version, lvl);
            ClearModules();
            DrawFunctionPatterns(version);
            DrawCodewords(total);
            ChooseAndApplyMask(lvl);
            return true;
        }

        /// <summary>True if the module at column x, row y of the last symbol is dark.</summary>
        public bool IsDark(int x, int y)
        {
            if (x < 0 || y < 0 || x >= Size || y >= Size)
            {
                return false;
            }
            return ((_dark[y * _words + (x >> 6)] >> (x & 63)) & 1) != 0;
        }

        /// <summary>
        /// True if the module at column x, row y of the last symbol is a function module (finder, separator,
        /// timing, alignment, format or version information), one the mask leaves as drawn.
        /// </summary>
        public bool IsFunction(int x, int y)
        {
            if (x < 0 || y < 0 || x >= Size || y >= Size)
            {
                return false;
            }
            return ((_function[y * _words + (x >> 6)] >> (x & 63)) & 1) != 0;
        }

        /// <summary>The mode that holds the data most compactly in one segment (Table 2).</summary>
        private static int ModeOf(byte[] bytes, int offset, int count)
        {
            bool digits = true;
            bool alphanumeric = true;
            for (int i = 0; i < count; i++)
            {
                int b = bytes[offset + i];
                digits = digits && b >= '0' && b <= '9';
                alphanumeric = alphanumeric && b < 0x80 && AlphanumericCharacters.IndexOf((char)b) >= 0;
            }
            if (count > 0 && digits)
            {
                return NumericMode;
            }
            return count > 0 && alphanumeric ? AlphanumericMode : ByteMode;
        }

        /// <summary>Bits of the character count indicator (Table 3).</summary>
        private static int CountBits(int mode, int version)
        {
            int range = version < 10 ? 0 : (version < 27 ? 1 : 2);
            if (mode == NumericMode)
            {
                return 10 + 2 * range;
            }
            if (mode == AlphanumericMode)
            {
                return 9 + 2 * range;
            }
            return range == 0 ? 8 : 16;
        }

        /// <summary>Bits of the segment (mode, count and data, §7.4.3-§7.4.5) for count characters.</summary>
        private static int DataBits(int mode, int version, int count)
        {
            int header = 4 + CountBits(mode, version);
            if (mode == NumericMode)
            {
                int rest = count % 3;
                return header + 10 * (count / 3) + (rest == 1 ? 4 : (rest == 2 ? 7 : 0));
            }
            if (mode == AlphanumericMode)
            {
                return header + 11 * (count / 2) + 6 * (count % 2);
            }
            return header + 8 * count;
        }

        private void WriteDataCodewords(byte[] bytes, int offset, int count, int version, int lvl, int mode)
        {
            int capacity = QrTables.DataCodewords(version, lvl);
            for (int i = 0; i < capacity; i++)
            {
                _data[i] = 0;
            }
            _bitLength = 0;
            AppendBits(mode, 4); // mode indicator (Table 2)
            AppendBits(count, CountBits(mode, version)); // character count (Table 3)
            if (mode == NumericMode)
            {
                // Groups of three digits in 10 bits, a last two in 7, a last one in 4 (§7.4.3).
                for (int i = 0; i < count; i += 3)
                {
                    int n = count - i >= 3 ? 3 : count - i;
                    int value = 0;
                    for (int k = 0; k < n; k++)
                    {
                        value = value * 10 + bytes[offset + i + k] - '0';
                    }
                    AppendBits(value, n == 3 ? 10 : (n == 2 ? 7 : 4));
                }
            }
            else if (mode == AlphanumericMode)
            {
                // Pairs as 45 * first + second in 11 bits, a last one in 6 (§7.4.4).
                for (int i = 0; i < count; i += 2)
                {
                    int first = AlphanumericCharacters.IndexOf((char)bytes[offset + i]);
                    if (i + 1 < count)
                    {
                        AppendBits(45 * first + AlphanumericCharacters.IndexOf((char)bytes[offset + i + 1]), 11);
                    }
                    else
                    {
                        AppendBits(first, 6);
                    }
                }
            }
            else
            {
                for (int i = 0; i < count; i++)
                {
                    AppendBits(bytes[offset + i], 8);
                }
            }
            int capacityBits = capacity * 8;
            int terminator = capacityBits - _bitLength;
            AppendBits(0, terminator < 4 ? terminator : 4);
            AppendBits(0, (8 - (_bitLength & 7)) & 7);
            // Pad codewords 11101100 and 00010001 alternately (§7.4.10).
            for (int pad = 0xEC; _bitLength < capacityBits; pad ^= 0xEC ^ 0x11)
            {
                AppendBits(pad, 8);
            }
        }

        private void AppendBits(int value, int bits)
        {
            for (int i = bits - 1; i >= 0; i--)
            {
                if (((value >> i) & 1) != 0)
                {
                    _data[_bitLength >> 3] |= (byte)(0x80 >> (_bitLength & 7));
                }
                _bitLength++;
            }
        }

        private int InterleaveWithEcc(int version, int lvl)
        {
            int blocks = QrTables.EccBlocks[lvl][version];
            int eccLength = QrTables.EccCodewordsPerBlock[lvl][version];
            int raw = QrTables.RawDataModules(version) / 8;
            int shortBlocks = blocks - raw % blocks;
            int shortDataLength = raw / blocks - eccLength;
            _rs.SetDegree(eccLength);
            int start = 0;
            for (int b = 0; b < blocks; b++)
            {
                int length = shortDataLength + (b < shortBlocks ? 0 : 1);
                _rs.Remainder(_data, start, length, _ecc, b * eccLength);
                start += length;
            }
            int at = 0;
            // Data codewords column by column across blocks; long blocks carry one more at the end (§7.6).
            for (int i = 0; i <= shortDataLength; i++)
            {
                int blockStart = 0;
                for (int b = 0; b < blocks; b++)
                {
                    int length = shortDataLength + (b < shortBlocks ? 0 : 1);
                    if (i < length)
                    {
                        _codewords[at++] = _data[blockStart + i];
                    }
                    blockStart += length;
                }
            }
            for (int i = 0; i < eccLength; i++)
            {
                for (int b = 0; b < blocks; b++)
                {
                    _codewords[at++] = _ecc[b * eccLength + i];
                }
            }
            Check.That(at == raw, "interleaved codewords fill the symbol");
            return at;
        }

        private void ClearModules()
        {
            // The bits past the row's end are function bits, so masks never turn them dark.
            int last = Size & 63;
            ulong pastEnd = last == 0 ? 0UL : ulong.MaxValue << last;
            int at = 0;
            for (int y = 0; y < Size; y++)
            {
                for (int w = 0; w < _words; w++, at++)
                {
                    _dark[at] = 0;
                    _function[at] = w + 1 == _words ? pastEnd : 0UL;
                }
            }
        }

        private void SetFunction(int x, int y, bool dark)
        {
            int at = y * _words + (x >> 6);
            ulong bit = 1UL << (x & 63);
            _function[at] |= bit;
            _dark[at] = dark ? _dark[at] | bit : _dark[at] & ~bit;
        }

        private void DrawFunctionPatterns(int version)
        {
            for (int i = 0; i < Size; i++)
            {
                SetFunction(6, i, i % 2 == 0); // timing patterns (§6.3.5)
                SetFunction(i, 6, i % 2 == 0);
            }
            DrawFinder(3, 3);
            DrawFinder(Size - 4, 3);
            DrawFinder(3, Size - 4);
            if (version >= 2)
            {
                int count = version / 7 + 2;
                int step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
                for (int i = 0; i < count; i++)
                {
                    for (int j = 0; j < count; j++)
                    {
                        bool overFinder = (i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0);
                        if (!overFinder)
                        {
                            DrawAlignment(AlignmentPosition(i, count, step), AlignmentPosition(j, count, step));
                        }
                    }
                }
            }
            DrawFormatBits(0, 0); // reserve the format areas; real bits come with the mask
            DrawVersion(version);
        }

        private int AlignmentPosition(int index, int count, int step)
        {
            // Annex E: first at 6, last at size-7, the rest evenly spaced by step from the last.
            return index == 0 ? 6 : Size - 7 - (count - 1 - index) * step;
        }

        private void DrawFinder(int cx, int cy)
        {
            for (int dy = -4; dy <= 4; dy++)
            {
                for (int dx = -4; dx <= 4; dx++)
                {
                    int x = cx + dx;
                    int y = cy + dy;
                    if (x < 0 || y < 0 || x >= Size || y >= Size)
                    {
                        continue;
                    }
                    int distance = Abs(dx) > Abs(dy) ? Abs(dx) : Abs(dy);
                    SetFunction(x, y, distance != 2 && distance != 4);
                }
            }
        }

        private void DrawAlignment(int cx, int cy)
        {
            for (int dy = -2; dy <= 2; dy++)
            {
                for (int dx = -2; dx <= 2; dx++)
                {
                    int distance = Abs(dx) > Abs(dy) ? Abs(dx) : Abs(dy);
                    SetFunction(cx + dx, cy + dy, distance != 1);
                }
            }
        }

        private void DrawFormatBits(int lvl, int mask)
        {
            // BCH(15,5) with generator 10100110111, then XOR 101010000010010 (§7.9.1).
            int data = (QrTables.FormatBits[lvl] << 3) | mask;
            int rem = data;
            for (int i = 0; i < 10; i++)
            {
                rem = (rem << 1) ^ ((rem >> 9) * 0x537);
            }
            int bits = ((data << 10) | rem) ^ 0x5412;
            for (int i = 0; i <= 5; i++)
            {
                SetFunction(8, i, Bit(bits, i));
            }
            SetFunction(8, 7, Bit(bits, 6));
            SetFunction(8, 8, Bit(bits, 7));
            SetFunction(7, 8, Bit(bits, 8));
            for (int i = 9; i < 15; i++)
            {
                SetFunction(14 - i, 8, Bit(bits, i));
            }
            for (int i = 0; i < 8; i++)
            {
                SetFunction(Size - 1 - i, 8, Bit(bits, i));
            }
            for (int i = 8; i < 15; i++)
            {
                SetFunction(8, Size - 15 + i, Bit(bits, i));
            }
            SetFunction(8, Size - 8, true); // the dark module (§7.9.1)
        }

        private void DrawVersion(int version)
        {
            if (version < 7)
            {
                return;
            }
            // BCH(18,6) with generator 1111100100101 (§7.10).
            int rem = version;
            for (int i = 0; i < 12; i++)
            {
                rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
            }
            int bits = (version << 12) | rem;
            for (int i = 0; i < 18; i++)
            {
                bool bit = Bit(bits, i);
                int a = Size - 11 + i % 3;
                int b = i / 3;
                SetFunction(a, b, bit);
                SetFunction(b, a, bit);
            }
        }

        private void DrawCodewords(int count)
        {
            int i = 0;
            int totalBits = count * 8;
            // Two-module columns from the right, zigzagging up and down, skipping the vertical timing column (§7.7.3).
            for (int right = Size - 1; right >= 1; right -= 2)
            {
                if (right == 6)
                {
                    right = 5;
                }
                for (int vert = 0; vert < Size; vert++)
                {
                    for (int j = 0; j < 2; j++)
                    {
                        int x = right - j;
                        bool upward = ((right + 1) & 2) == 0;
                        int y = upward ? Size - 1 - vert : vert;
                        int at = y * _words + (x >> 6);
                        ulong bit = 1UL << (x & 63);
                        if ((_function[at] & bit) == 0 && i < totalBits)
                        {
                            if (((_codewords[i >> 3] >> (7 - (i & 7))) & 1) != 0)
                            {
                                _dark[at] |= bit;
                            }
                            i++;
                        }
                    }
                }
            }
            Check.That(i == totalBits, "every codeword bit placed");
        }

        private void ChooseAndApplyMask(int lvl)
        {
            int best = 0;
            int bestPenalty = int.MaxValue;
            int applied = QrMaskPattern.None;
            // Each mask is reached from the one before in one pass; the format bits are function modules, which masks leave alone.
            for (int mask = 0; mask < 8; mask++)
            {
                QrMaskPattern.Change(_dark, _function, Size, _words, applied, mask);
                applied = mask;
                DrawFormatBits(lvl, mask);
                int penalty = QrPenalty.Score(_dark, Size, _words);
                if (penalty < bestPenalty)
                {
                    best = mask;
                    bestPenalty = penalty;
                }
            }
            QrMaskPattern.Change(_dark, _function, Size, _words, applied, best);
            DrawFormatBits(lvl, best);
            Mask = best;
        }

        private static bool Bit(int value, int index)
        {
            return ((value >> index) & 1) != 0;
        }

        private static int Abs(int v)
        {
            return v < 0 ? -v : v;
        }
    }
}
