using PosFirmware.Hal;
using PosFirmware.Print.Commands;
using PosFirmware.Print.Text;

namespace PosFirmware.Print.Interpreter
{
    /// <summary>Characters: decoding (GB18030, UTF-8, code tables), glyph cells, and printing the held line.</summary>
    public sealed partial class EscPosInterpreter
    {
        private const int ReplacementCharacter = 0x25A1; // WHITE SQUARE, in GB2312 row 1
        private const int EuroSign = 0x20AC;

        // ESC R n: the twelve ASCII positions national character sets replace (Epson's table).
        private const string NationalPositions = "#$@[\\]^`{|}~";
        private static readonly string[] NationalSets =
        {
            "#$@[\\]^`{|}~",                                               // 0 USA
            "#$\u00E0\u00B0\u00E7\u00A7^`\u00E9\u00F9\u00E8\u00A8",       // 1 France
            "#$\u00A7\u00C4\u00D6\u00DC^`\u00E4\u00F6\u00FC\u00DF",       // 2 Germany
            "\u00A3$@[\\]^`{|}~",                                         // 3 UK
            "#$@\u00C6\u00D8\u00C5^`\u00E6\u00F8\u00E5~",                 // 4 Denmark I
            "#\u00A4\u00C9\u00C4\u00D6\u00C5\u00DC\u00E9\u00E4\u00F6\u00E5\u00FC", // 5 Sweden
            "#$@\u00B0\\\u00E9^\u00F9\u00E0\u00F2\u00E8\u00EC",           // 6 Italy
            "\u20A7$@\u00A1\u00D1\u00BF^`\u00A8\u00F1}~",                 // 7 Spain I
            "#$@[\u00A5]^`{|}~",                                          // 8 Japan
            "#\u00A4\u00C9\u00C6\u00D8\u00C5\u00DC\u00E9\u00E6\u00F8\u00E5\u00FC", // 9 Norway
            "#$\u00C9\u00C6\u00D8\u00C5\u00DC\u00E9\u00E6\u00F8\u00E5\u00FC", // 10 Denmark II
            "#$\u00E1\u00A1\u00D1\u00BF\u00E9`\u00ED\u00F1\u00F3\u00FA",  // 11 Spain II
            "#$\u00E1\u00A1\u00D1\u00BF\u00E9\u00FC\u00ED\u00F1\u00F3\u00FA", // 12 Latin America
            "#$@[\u20A9]^`{|}~",                                          // 13 Korea
            "#$\u017D\u0160\u0110\u0106\u010C\u017E\u0161\u0111\u0107\u010D", // 14 Slovenia / Croatia
            "#\u00A5@[\\]^`{|}~",                                         // 15 China
            "#\u20AB@[\\]^`{|}~",                                         // 16 Vietnam
        };

        private int _codeTable;
        private int _nationalSet;
        private bool _chineseMode;
        private bool _utf8;

        private void InitialiseText()
        {
            _codeTable = 0;
            _nationalSet = 0;
            _chineseMode = _limits.PowerOnEncoding == TextEncoding.Gb18030;
            _utf8 = _limits.PowerOnEncoding == TextEncoding.Utf8;
            InitialiseUserCharacters();
        }

        private void RunText(int handler, int p, int count)
        {
            switch (handler)
            {
                case CommandHandler.CodeTable:
                    if (CodePages.IsKnown(ByteAt(p))) { _codeTable = ByteAt(p); } else { _result.MalformedCommands++; }
                    return;
                case CommandHandler.InternationalSet:
                    if (ByteAt(p) < NationalSets.Length) { _nationalSet = ByteAt(p); } else { _result.MalformedCommands++; }
                    return;
                case CommandHandler.ChineseModeOn:
                    _chineseMode = true;
                    return;
                case CommandHandler.ChineseModeOff:
                    _chineseMode = false;
                    return;
                case CommandHandler.EncodingSelect:
                    SelectEncoding(p + 2, count - 2);
                    return;
                case CommandHandler.ChinesePrintMode:
                    _chineseUnderline = (ByteAt(p) & 0x80) != 0 ? 1 : 0;
                    return;
                default:
                    RunUserCharacters(handler, p, count);
                    return;
            }
        }

        private void SelectEncoding(int p, int count)
        {
            // FS ( C pL pH fn ...: fn 48 m selects one-byte (1, 49) or UTF-8 (2, 50) text; fn 60 (font priority) is ignored.
            if (count == 2 && ByteAt(p) == 48)
            {
                int m = ByteAt(p + 1);
                if (m == 1 || m == 49) { _utf8 = false; return; }
                if (m == 2 || m == 50) { _utf8 = true; return; }
            }
            if (count >= 1 && ByteAt(p) == 60)
            {
                _result.IgnoredCommands++;
                return;
            }
            _result.MalformedCommands++;
        }

        private void Character()
        {
            int start = _at;
            int codePoint = DecodeCharacter();
            if (UserCharacterAt(codePoint, start))
            {
                return;
            }
            int glyphWidth = _font.WidthOf(codePoint);
            if (glyphWidth == 0)
            {
                _result.ReplacedCharacters++;
                codePoint = ReplacementCharacter;
                glyphWidth = _font.WidthOf(codePoint);
                if (glyphWidth == 0)
                {
                    codePoint = '?';
                    glyphWidth = _font.WidthOf(codePoint);
                }
            }
            AddCharacter(codePoint, glyphWidth, 0);
        }

        /// <summary>Adds a character cell at the cursor, wrapping the line first if the cell does not fit.</summary>
        private void AddCharacter(int codePoint, int glyphWidth, int extraFlags)
        {
            bool wide = glyphWidth == 16 || _rotated;
            int sw = _scaleWidth;
            int cell;
            int drawX;
            if (wide)
            {
                cell = (_fullLeftSpacing + (_fontB ? 16 : 24) + _fullRightSpacing) * sw;
                drawX = (_fullLeftSpacing + (_fontB ? 0 : 4)) * sw;
            }
            else
            {
                cell = ((_fontB ? 8 : 12) + _halfRightSpacing) * sw;
                drawX = (_fontB ? 0 : 2) * sw;
            }
            // Epson: ESC - underlines half-width characters, FS - full-width ones; either underlines a full-width one here.
            int underline = glyphWidth == 16 && _chineseUnderline > _underline ? _chineseUnderline : _underline;
            int flags = extraFlags | (_bold ? TextLine.Bold : 0) | (_reverse ? TextLine.Reverse : 0)
                | (underline == 1 ? TextLine.Underline1 : 0) | (underline == 2 ? TextLine.Underline2 : 0)
                | (_rotated ? TextLine.Rotate : 0)
                | (codePoint >= 0x2500 && codePoint <= 0x259F && !_rotated ? TextLine.Stretch : 0);
            if (cell > _areaWidthDots)
            {
                _result.ClampedRequests++;
                return;
            }
            if (_line.CursorX + cell > _areaWidthDots || _line.IsFull)
            {
                PrintPendingLine(true); // wrap
                _line.Clear();
            }
            _line.Add(codePoint, glyphWidth, cell, drawX, sw, _scaleHeight, flags);
            _result.CharactersPrinted++;
        }

        /// <summary>Reads one character at the cursor (consuming it) as a code point; invalid input gives -1.</summary>
        private int DecodeCharacter()
        {
            int b = _job[_at];
            if (b < 0x80)
            {
                _at++;
                return _utf8 ? b : National(b);
            }
            if (_utf8)
            {
                return DecodeUtf8(b);
            }
            if (_chineseMode)
            {
                return DecodeGb18030(b);
            }
            _at++;
            return CodePages.Decode(_codeTable, b);
        }

        private int National(int b)
        {
            if (_nationalSet == 0)
            {
                return b;
            }
            for (int i = 0; i < NationalPositions.Length; i++)
            {
                if (NationalPositions[i] == b)
                {
                    return NationalSets[_nationalSet][i];
                }
            }
            return b;
        }

        private int DecodeGb18030(int b1)
        {
            // GB 18030: 0x81-0xFE lead a two-byte code (trail 0x40-0x7E, 0x80-0xFE) or a four-byte one
            // (0x30-0x39, 0x81-0xFE, 0x30-0x39). 0x80 is the euro sign of code page 936, which clones keep.
            if (b1 == 0x80)
            {
                _at++;
                return EuroSign;
            }
            if (b1 == 0xFF || _end - _at < 2)
            {
                _at++;
                return -1;
            }
            int b2 = _job[_at + 1];
            if (b2 >= 0x30 && b2 <= 0x39)
            {
                if (_end - _at < 4)
                {
                    _at++;
                    return -1;
                }
                int b3 = _job[_at + 2];
                int b4 = _job[_at + 3];
                if (b3 < 0x81 || b3 > 0xFE || b4 < 0x30 || b4 > 0x39)
                {
                    _at++;
                    return -1;
                }
                _at += 4;
                int linear = (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
                return _font.DecodeGbFourByte(linear);
            }
            if (b2 < 0x40 || b2 == 0x7F || b2 == 0xFF)
            {
                _at++;
                return -1;
            }
            _at += 2;
            return _font.DecodeGbTwoByte(b1, b2);
        }

        private int DecodeUtf8(int b)
        {
            int length;
            int value;
            int low = 0x80;
            int high = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) { length = 2; value = b & 0x1F; }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                length = 3;
                value = b & 0x0F;
                if (b == 0xE0) { low = 0xA0; }      // no overlong forms
                else if (b == 0xED) { high = 0x9F; } // no surrogates
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                length = 4;
                value = b & 0x07;
                if (b == 0xF0) { low = 0x90; }
                else if (b == 0xF4) { high = 0x8F; }
            }
            else
            {
                _at++;
                return -1;
            }
            if (_end - _at < length)
            {
                _at++;
                return -1;
            }
            for (int k = 1; k < length; k++)
            {
                int next = _job[_at + k];
                int min = k == 1 ? low : 0x80;
                int max = k == 1 ? high : 0xBF;
                if (next < min || next > max)
                {
                    _at++;
                    return -1;
                }
                value = (value << 6) | (next & 0x3F);
            }
            _at += length;
            return value;
        }

        /// <summary>
        /// Prints the held characters as one band. With advance, the paper then moves on to the next line
        /// (line spacing, or the band's own height when that is taller); an empty line just feeds the spacing.
        /// A bit image printed on this line (ESC *) counts as its band.
        /// </summary>
        private void PrintPendingLine(bool advance)
        {
            int height = _line.BandHeight;
            if (height == 0)
            {
                _line.Clear();
                int printed = _imageBandDots;
                _imageBandDots = 0;
                if (advance)
                {
                    _output.Feed(_lineSpacingDots > printed ? _lineSpacingDots - printed : 0);
                }
                return;
            }
            _imageBandDots = 0;
            _line.Render(_band, _leftMarginDots + AlignmentOffset(_line.Width));
            if (_upsideDown)
            {
                TurnBandUpsideDown(height);
            }
            _output.BeginElement();
            for (int row = 0; row < height; row++)
            {
                _output.Line(_band, row * _bytesPerLine);
            }
            _output.EndElement();
            if (advance && _lineSpacingDots > height)
            {
                _output.Feed(_lineSpacingDots - height);
            }
            _line.Clear();
        }

        private void TurnBandUpsideDown(int height)
        {
            // ESC {: the line turned 180 degrees, so it reads right when the receipt is turned over.
            Check.That(height * _bytesPerLine <= _band.Length, "band holds the line");
            for (int top = 0, bottom = height - 1; top <= bottom; top++, bottom--)
            {
                for (int i = 0; i < _bytesPerLine; i++)
                {
                    byte a = Mirror(_band[top * _bytesPerLine + i]);
                    byte b = Mirror(_band[bottom * _bytesPerLine + i]);
                    _band[top * _bytesPerLine + i] = b;
                    _band[bottom * _bytesPerLine + i] = a;
                }
                ReverseRow(top);
                if (bottom != top)
                {
                    ReverseRow(bottom);
                }
            }
        }

        private void ReverseRow(int row)
        {
            int at = row * _bytesPerLine;
            for (int i = 0, j = _bytesPerLine - 1; i < j; i++, j--)
            {
                byte t = _band[at + i];
                _band[at + i] = _band[at + j];
                _band[at + j] = t;
            }
        }

        private static byte Mirror(byte b)
        {
            int r = 0;
            for (int k = 0; k < 8; k++)
            {
                if ((b & (1 << k)) != 0)
                {
                    r |= 0x80 >> k;
                }
            }
            return (byte)r;
        }
    }
}
