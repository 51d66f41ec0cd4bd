using PosFirmware.Hal;

namespace PosFirmware.Printing
{
    /// <summary>
    /// Turns an ESC/POS byte stream into dot lines for the head driver (IDotLineSink). The subset is the
    /// one a receipt needs (docs/escpos.md): text (UTF-8, Unifont 8x16 / 16x16 glyphs) with size, bold,
    /// underline, reverse and alignment; line spacing and feeds; GS v 0 raster images; GS k CODE128 and
    /// EAN-13/UPC-A barcodes; GS ( k QR codes; GS V (feed to the tear bar). Anything else is skipped and
    /// counted: unknown commands by their first two bytes, known ones by their length.
    ///
    /// Text cells follow Epson's fonts on a 58 mm head: font A cells are 12 dots per half-width character
    /// (32 per 384-dot line) and 24 per full-width one (16 per line), the 8- or 16-dot glyph centred in
    /// them; font B (ESC M 1) cells are the glyph itself (48 / 24 per line). ESC SP and FS S add spacing.
    /// Byte code table 0 (the default) is read as UTF-8; ESC t 1 selects Epson's Katakana page, whose
    /// 0x80-0x9F box-drawing characters receiptline uses for rules.
    ///
    /// A job is printed by one call that runs it from the start; if the sink faults, the call returns how
    /// many dot lines were done and a later call with that skip count resumes at the faulted line, since
    /// the same bytes always give the same lines. Nothing of the page is kept beyond one text band.
    /// </summary>
    public sealed class EscPosInterpreter
    {
        private const byte ESC = 0x1B;
        private const byte GS = 0x1D;
        private const byte FS = 0x1C;
        private const byte DLE = 0x10;
        private const int ReplacementCharacter = 0x25A1; // WHITE SQUARE, in GB2312 row 1

        // Epson Katakana page (ESC t 1) 0x80..0x9F: block elements and box drawing (JIS X 0201 extension).
        private static readonly int[] KatakanaGraphics =
        {
            0x2581, 0x2582, 0x2583, 0x2584, 0x2585, 0x2586, 0x2587, 0x2588, 0x258F, 0x258E, 0x258D, 0x258C, 0x258B, 0x258A, 0x2589, 0x253C,
            0x2534, 0x252C, 0x2524, 0x251C, 0x2594, 0x2500, 0x2502, 0x2595, 0x250C, 0x2510, 0x2514, 0x2518, 0x256D, 0x256E, 0x2570, 0x256F,
        };

        private readonly BitmapFont _font;
        private readonly PrintLimits _limits;
        private readonly int _bytesPerLine;
        private readonly TextLine _line;
        private readonly DotLineOutput _output = new DotLineOutput();
        private readonly PrintJobResult _result = new PrintJobResult();
        private readonly byte[] _band;
        private readonly byte[] _dots;
        private readonly QrEncoder _qr;
        private readonly byte[] _qrData;
        private readonly BarcodeModules _barcode;
        private readonly byte[] _barcodeData;
        private readonly byte[] _tabColumns;

        private byte[] _job;
        private int _at;
        private int _end;

        // Print modes (ESC @ resets them).
        private bool _fontB;
        private bool _bold;
        private int _underline;
        private bool _reverse;
        private int _scaleWidth;
        private int _scaleHeight;
        private int _alignment;
        private int _lineSpacingDots;
        private int _halfRightSpacing;
        private int _fullLeftSpacing;
        private int _fullRightSpacing;
        private int _leftMarginDots;
        private int _areaWidthDots;
        private int _codeTable;
        private int _tabCount;
        private int _barcodeHeightDots;
        private int _barcodeModuleDots;
        private int _hriPosition;
        private bool _hriFontB;
        private int _qrModuleDots;
        private QrErrorLevel _qrLevel;
        private int _qrDataLength;

        /// <summary>Allocates every buffer the limits call for.</summary>
        public EscPosInterpreter(BitmapFont font, PrintLimits limits)
        {
            Check.That(font != null && limits != null, "font and limits given");
            Check.That(limits.DotsPerLine > 0 && limits.DotsPerLine % 8 == 0, "whole bytes per dot line");
            _font = font;
            _limits = limits;
            _bytesPerLine = limits.DotsPerLine / 8;
            _line = new TextLine(font, limits);
            _band = new byte[_bytesPerLine * BitmapFont.HeightDots * limits.MaxTextScale];
            _dots = new byte[_bytesPerLine];
            _qr = new QrEncoder(limits.MaxQrVersion);
            _qrData = new byte[limits.MaxQrDataBytes];
            _barcode = new BarcodeModules(limits.MaxCode128Symbols * 11 + 2, limits.MaxBarcodeDataBytes * 2);
            _barcodeData = new byte[limits.MaxBarcodeDataBytes * 3 + 2];
            _tabColumns = new byte[limits.MaxTabStops];
        }

        /// <summary>
        /// Runs a job (count bytes of job at offset) from its start, sending dot lines to the sink except the
        /// first skipDotLines. Returns the result (the same object each call): on a fault, call again with
        /// result.DotLinesDone once the fault clears.
        /// </summary>
        public PrintJobResult Print(byte[] job, int offset, int count, IDotLineSink sink, int skipDotLines)
        {
            Check.That(job != null && offset >= 0 && count >= 0 && offset + count <= job.Length, "job bytes in range");
            Check.That(sink != null && sink.DotsPerLine == _limits.DotsPerLine, "sink has the configured line width");
            _result.Reset();
            _output.Begin(sink, skipDotLines, _limits.MaxJobDotLines);
            _job = job;
            _at = offset;
            _end = offset + count;
            Initialise();
            // Every pass consumes at least one byte, so the loop ends within count passes.
            while (_at < _end && !_output.Stopped)
            {
                int before = _at;
                Step();
                Check.That(_at > before, "each command consumes input");
            }
            if (!_output.Stopped)
            {
                PrintPendingLine(false);
            }
            _result.Status = _output.Status;
            _result.DotLinesDone = _output.DotLinesDone;
            _result.DotLinesSent = _output.DotLinesSent;
            _result.LineLimitReached = _output.LimitReached;
            _result.BytesConsumed = (_at > _end ? _end : _at) - offset;
            _job = null;
            return _result;
        }

        private void Initialise()
        {
            _line.Clear();
            _fontB = false;
            _bold = false;
            _underline = 0;
            _reverse = false;
            _scaleWidth = 1;
            _scaleHeight = 1;
            _alignment = 0;
            _lineSpacingDots = _limits.DefaultLineSpacingDots;
            _halfRightSpacing = 0;
            _fullLeftSpacing = 0;
            _fullRightSpacing = 0;
            _leftMarginDots = 0;
            _areaWidthDots = _limits.DotsPerLine;
            _codeTable = 0;
            _tabCount = 0;
            _barcodeHeightDots = 162;
            _barcodeModuleDots = 3;
            _hriPosition = 0;
            _hriFontB = false;
            _qrModuleDots = 3;
            _qrLevel = QrErrorLevel.L;
            _qrDataLength = 0;
        }

        private int Available
        {
            get { return _end - _at; }
        }

        private byte At(int index)
        {
            return _job[_at + index];
        }

        private void Step()
        {
            byte b = _job[_at];
            if (b == ESC)
            {
                Escape();
            }
            else if (b == GS)
            {
                GroupSeparator();
            }
            else if (b == FS)
            {
                FileSeparator();
            }
            else if (b == DLE)
            {
                DataLinkEscape();
            }
            else if (b == 0x0A)
            {
                _at++;
                LineFeed();
            }
            else if (b == 0x0C)
            {
                _at++;
                LineFeed();
            }
            else if (b == 0x0D)
            {
                _at++; // CR: the line prints on LF
            }
            else if (b == 0x09)
            {
                _at++;
                HorizontalTab();
            }
            else if (b < 0x20 || b == 0x7F)
            {
                _at++;
                _result.UnknownCommands++;
            }
            else
            {
                Character();
            }
        }

        // ---- Commands -------------------------------------------------------------------------------

        /// <summary>True if the command has its n bytes (prefix included); counts it malformed and ends the job otherwise.</summary>
        private bool Need(int n)
        {
            if (Available >= n)
            {
                return true;
            }
            _result.MalformedCommands++;
            _at = _end;
            return false;
        }

        private void Skip(int n)
        {
            if (Need(n))
            {
                _at += n;
                _result.IgnoredCommands++;
            }
        }

        private void Unknown()
        {
            _at += Available >= 2 ? 2 : 1;
            _result.UnknownCommands++;
        }

        private void Escape()
        {
            if (!Need(2))
            {
                return;
            }
            byte c = At(1);
            switch (c)
            {
                case (byte)'@':
                    _at += 2;
                    Initialise();
                    return;
                case (byte)'d':
                    if (Need(3))
                    {
                        int lines = At(2);
                        _at += 3;
                        PrintAndFeedLines(lines);
                    }
                    return;
                case (byte)'J':
                    if (Need(3))
                    {
                        int dotsToFeed = At(2);
                        _at += 3;
                        PrintPendingLine(false);
                        _output.Feed(dotsToFeed);
                    }
                    return;
                case (byte)'!':
                    if (Need(3))
                    {
                        int n = At(2);
                        _at += 3;
                        _fontB = (n & 0x01) != 0;
                        _bold = (n & 0x08) != 0;
                        _scaleHeight = (n & 0x10) != 0 ? ClampScale(2) : 1;
                        _scaleWidth = (n & 0x20) != 0 ? ClampScale(2) : 1;
                        _underline = (n & 0x80) != 0 ? 1 : 0;
                    }
                    return;
                case (byte)'a':
                    if (Need(3))
                    {
                        int n = At(2);
                        _at += 3;
                        if (n == 0 || n == 48) { _alignment = 0; }
                        else if (n == 1 || n == 49) { _alignment = 1; }
                        else if (n == 2 || n == 50) { _alignment = 2; }
                        else { _result.MalformedCommands++; }
                    }
                    return;
                case (byte)'E':
                case (byte)'G':
                    if (Need(3))
                    {
                        _bold = (At(2) & 1) != 0;
                        _at += 3;
                    }
                    return;
                case (byte)'-':
                    if (Need(3))
                    {
                        int n = At(2);
                        _at += 3;
                        _underline = (n == 1 || n == 49) ? 1 : ((n == 2 || n == 50) ? 2 : 0);
                    }
                    return;
                case (byte)'2':
                    _at += 2;
                    _lineSpacingDots = _limits.DefaultLineSpacingDots;
                    return;
                case (byte)'3':
                    if (Need(3))
                    {
                        _lineSpacingDots = At(2);
                        _at += 3;
                    }
                    return;
                case (byte)'t':
                    if (Need(3))
                    {
                        _codeTable = At(2);
                        _at += 3;
                    }
                    return;
                case (byte)'M':
                    if (Need(3))
                    {
                        int n = At(2);
                        _fontB = n == 1 || n == 49;
                        _at += 3;
                    }
                    return;
                case (byte)' ':
                    if (Need(3))
                    {
                        _halfRightSpacing = At(2);
                        _at += 3;
                    }
                    return;
                case (byte)'$':
                    if (Need(4))
                    {
                        int x = At(2) | (At(3) << 8);
                        _at += 4;
                        if (x < _areaWidthDots)
                        {
                            _line.CursorX = x;
                        }
                    }
                    return;
                case (byte)'\\':
                    if (Need(4))
                    {
                        int delta = (short)(At(2) | (At(3) << 8));
                        _at += 4;
                        int x = _line.CursorX + delta;
                        if (x >= 0 && x < _areaWidthDots)
                        {
                            _line.CursorX = x;
                        }
                    }
                    return;
                case (byte)'D':
                    SetTabs();
                    return;
                case (byte)'i':
                case (byte)'m':
                    _at += 2;
                    FeedToTearBar();
                    return;
                case (byte)'{':
                case (byte)'R':
                case (byte)'U':
                case (byte)'V':
                case (byte)'r':
                case (byte)'%':
                case (byte)'c':
                case (byte)'=':
                    Skip(c == (byte)'c' ? 4 : 3);
                    return;
                case (byte)'p':
                    Skip(5);
                    return;
                case (byte)'*':
                    SkipBitImage();
                    return;
                case (byte)'L':
                case (byte)'S':
                case (byte)'<':
                    Skip(2);
                    return;
                default:
                    Unknown();
                    return;
            }
        }

        private void GroupSeparator()
        {
            if (!Need(2))
            {
                return;
            }
            byte c = At(1);
            switch (c)
            {
                case (byte)'!':
                    if (Need(3))
                    {
                        int n = At(2);
                        _at += 3;
                        _scaleWidth = ClampScale(((n >> 4) & 7) + 1);
                        _scaleHeight = ClampScale((n & 7) + 1);
                    }
                    return;
                case (byte)'B':
                    if (Need(3))
                    {
                        _reverse = (At(2) & 1) != 0;
                        _at += 3;
                    }
                    return;
                case (byte)'v':
                    RasterImage();
                    return;
                case (byte)'k':
                    Barcode();
                    return;
                case (byte)'(':
                    ExtendedCommand();
                    return;
                case (byte)'V':
                    if (Need(3))
                    {
                        int m = At(2);
                        _at += (m == 65 || m == 66 || m == 97 || m == 98 || m == 103 || m == 104) ? 4 : 3;
                        if (_at > _end)
                        {
                            _at = _end;
                            _result.MalformedCommands++;
                            return;
                        }
                        FeedToTearBar();
                    }
                    return;
                case (byte)'h':
                    if (Need(3))
                    {
                        int n = At(2);
                        _at += 3;
                        if (n >= 1) { _barcodeHeightDots = n; } else { _result.MalformedCommands++; }
                    }
                    return;
                case (byte)'w':
                    if (Need(3))
                    {
                        int n = At(2);
                        _at += 3;
                        if (n >= 1 && n <= 6) { _barcodeModuleDots = n; } else { _result.MalformedCommands++; }
                    }
                    return;
                case (byte)'H':
                    if (Need(3))
                    {
                        int n = At(2);
                        _at += 3;
                        _hriPosition = n >= 48 ? n - 48 : n;
                        if (_hriPosition > 3) { _hriPosition = 0; _result.MalformedCommands++; }
                    }
                    return;
                case (byte)'f':
                    if (Need(3))
                    {
                        int n = At(2);
                        _hriFontB = n == 1 || n == 49;
                        _at += 3;
                    }
                    return;
                case (byte)'L':
                    if (Need(4))
                    {
                        int left = At(2) | (At(3) << 8);
                        _at += 4;
                        _leftMarginDots = left > _limits.DotsPerLine - 8 ? _limits.DotsPerLine - 8 : left;
                        if (_leftMarginDots + _areaWidthDots > _limits.DotsPerLine)
                        {
                            _areaWidthDots = _limits.DotsPerLine - _leftMarginDots;
                        }
                    }
                    return;
                case (byte)'W':
                    if (Need(4))
                    {
                        int width = At(2) | (At(3) << 8);
                        _at += 4;
                        int room = _limits.DotsPerLine - _leftMarginDots;
                        _areaWidthDots = width < 8 ? 8 : (width > room ? room : width);
                    }
                    return;
                case (byte)'a':
                case (byte)'r':
                case (byte)'b':
                case (byte)'I':
                case (byte)'E':
                case (byte)'T':
                case (byte)'/':
                    Skip(3);
                    return;
                case (byte)'P':
                    Skip(4);
                    return;
                case (byte)'*':
                    if (Need(4))
                    {
                        Skip(4 + At(2) * At(3) * 8);
                    }
                    return;
                case (byte)'8':
                    if (Need(7))
                    {
                        long length = At(3) + (At(4) << 8) + ((long)At(5) << 16) + ((long)At(6) << 24);
                        if (length > Available - 7)
                        {
                            _result.MalformedCommands++;
                            _at = _end;
                            return;
                        }
                        Skip(7 + (int)length);
                    }
                    return;
                default:
                    Unknown();
                    return;
            }
        }

        private void FileSeparator()
        {
            if (!Need(2))
            {
                return;
            }
            byte c = At(1);
            switch (c)
            {
                case (byte)'&':
                case (byte)'.':
                    Skip(2); // Kanji mode on/off: text is UTF-8 either way.
                    return;
                case (byte)'C':
                case (byte)'-':
                case (byte)'W':
                case (byte)'!':
                    Skip(3); // FS - (Kanji underline) is left to ESC -, which covers every character here.
                    return;
                case (byte)'S':
                    if (Need(4))
                    {
                        _fullLeftSpacing = At(2);
                        _fullRightSpacing = At(3);
                        _at += 4;
                    }
                    return;
                case (byte)'p':
                    Skip(4);
                    return;
                case (byte)'(':
                    SkipLengthPrefixed();
                    return;
                default:
                    Unknown();
                    return;
            }
        }

        private void DataLinkEscape()
        {
            if (!Need(2))
            {
                return;
            }
            byte c = At(1);
            if (c == 0x04 || c == 0x05)
            {
                Skip(3); // DLE EOT n / DLE ENQ n: status, nothing to print
            }
            else if (c == 0x14)
            {
                Skip(5);
            }
            else
            {
                Unknown();
            }
        }

        private void SkipLengthPrefixed()
        {
            if (Need(5))
            {
                int length = At(3) | (At(4) << 8);
                Skip(5 + length);
            }
        }

        private void SkipBitImage()
        {
            if (Need(5))
            {
                int m = At(2);
                int columns = At(3) | (At(4) << 8);
                int bytesPerColumn = (m == 32 || m == 33) ? 3 : 1;
                Skip(5 + columns * bytesPerColumn);
            }
        }

        private void SetTabs()
        {
            // ESC D n1 .. nk NUL: increasing columns, at most MaxTabStops.
            _at += 2;
            _tabCount = 0;
            int previous = 0;
            for (int k = 0; k <= _limits.MaxTabStops; k++)
            {
                if (_at >= _end)
                {
                    _result.MalformedCommands++;
                    return;
                }
                int n = _job[_at++];
                if (n == 0)
                {
                    return;
                }
                if (n > previous && _tabCount < _tabColumns.Length)
                {
                    _tabColumns[_tabCount++] = (byte)n;
                    previous = n;
                }
            }
            _result.MalformedCommands++;
        }

        private int ClampScale(int scale)
        {
            if (scale > _limits.MaxTextScale)
            {
                _result.ClampedRequests++;
                return _limits.MaxTextScale;
            }
            return scale;
        }

        // ---- Text ---------------------------------------------------------------------------------

        private void Character()
        {
            int codePoint = DecodeCharacter();
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
            bool wide = glyphWidth == 16;
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
            int flags = (_bold ? TextLine.Bold : 0) | (_reverse ? TextLine.Reverse : 0)
                | (_underline == 1 ? TextLine.Underline1 : 0) | (_underline == 2 ? TextLine.Underline2 : 0)
                | (codePoint >= 0x2500 && codePoint <= 0x259F ? TextLine.Stretch : 0);
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
        }

        /// <summary>Reads one character at the cursor (consuming it) as a code point; invalid input gives -1.</summary>
        private int DecodeCharacter()
        {
            int b = _job[_at];
            if (b < 0x80)
            {
                _at++;
                return b;
            }
            if (_codeTable == 1)
            {
                _at++;
                if (b <= 0x9F)
                {
                    return KatakanaGraphics[b - 0x80];
                }
                return b >= 0xA1 && b <= 0xDF ? 0xFF61 + (b - 0xA1) : -1;
            }
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
            if (Available < length)
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

        private void HorizontalTab()
        {
            int column = _fontB ? 8 : 12;
            int current = _line.CursorX / column;
            for (int k = 0; k < _tabCount; k++)
            {
                if (_tabColumns[k] > current)
                {
                    int x = _tabColumns[k] * column;
                    if (x < _areaWidthDots)
                    {
                        _line.CursorX = x;
                    }
                    return;
                }
            }
            if (_tabCount == 0)
            {
                // Epson's default stops: every eight characters.
                int x = (current / 8 + 1) * 8 * column;
                if (x < _areaWidthDots)
                {
                    _line.CursorX = x;
                }
            }
        }

        private void LineFeed()
        {
            PrintPendingLine(true);
        }

        private void PrintAndFeedLines(int lines)
        {
            // ESC d n prints the buffer and feeds n lines: the first of them is the printed line's own pitch.
            if (_line.Count > 0)
            {
                PrintPendingLine(lines > 0);
                lines--;
            }
            if (lines > 0)
            {
                _output.Feed(lines * _lineSpacingDots);
            }
            _line.Clear();
        }

        /// <summary>
        /// Prints the held characters as one band. With advance, the paper then moves on to the next line
        /// (line spacing, or the band's own height when that is taller); an empty line just feeds the spacing.
        /// </summary>
        private void PrintPendingLine(bool advance)
        {
            int height = _line.BandHeight;
            if (height == 0)
            {
                _line.Clear();
                if (advance)
                {
                    _output.Feed(_lineSpacingDots);
                }
                return;
            }
            _line.Render(_band, _leftMarginDots + AlignmentOffset(_line.Width));
            for (int row = 0; row < height; row++)
            {
                _output.Line(_band, row * _bytesPerLine);
            }
            if (advance && _lineSpacingDots > height)
            {
                _output.Feed(_lineSpacingDots - height);
            }
            _line.Clear();
        }

        private int AlignmentOffset(int widthDots)
        {
            if (widthDots >= _areaWidthDots || _alignment == 0)
            {
                return 0;
            }
            return _alignment == 1 ? (_areaWidthDots - widthDots) / 2 : _areaWidthDots - widthDots;
        }

        private void FeedToTearBar()
        {
            PrintPendingLine(false);
            _output.Feed(_limits.TearBarFeedDotLines);
        }

        // ---- Raster image (GS v 0 m xL xH yL yH d1..dk) ---------------------------------------------

        private void RasterImage()
        {
            if (!Need(8))
            {
                return;
            }
            int form = At(2);
            int m = At(3);
            int widthBytes = At(4) | (At(5) << 8);
            int heightDots = At(6) | (At(7) << 8);
            if (form != '0' || (m > 3 && (m < 48 || m > 51)))
            {
                _at += 2;
                _result.MalformedCommands++;
                return;
            }
            long dataBytes = (long)widthBytes * heightDots;
            if (dataBytes > Available - 8)
            {
                _result.MalformedCommands++;
                _at = _end;
                return;
            }
            int dataAt = _at + 8;
            _at = dataAt + (int)dataBytes;
            if (heightDots > _limits.MaxRasterHeightDots || widthBytes == 0 || heightDots == 0)
            {
                _result.MalformedCommands++;
                return;
            }
            PrintPendingLine(false);
            int mode = m & 3;
            int sx = (mode & 1) != 0 ? 2 : 1;
            int sy = (mode & 2) != 0 ? 2 : 1;
            int imageWidth = widthBytes * 8 * sx;
            int visibleWidth = imageWidth > _areaWidthDots ? _areaWidthDots : imageWidth;
            int left = _leftMarginDots + AlignmentOffset(visibleWidth);
            for (int y = 0; y < heightDots && !_output.Stopped; y++)
            {
                ClearDots();
                int row = dataAt + y * widthBytes;
                for (int x = 0; x < visibleWidth; x++)
                {
                    int source = x / sx;
                    if ((_job[row + (source >> 3)] & (0x80 >> (source & 7))) != 0)
                    {
                        SetDot(left + x);
                    }
                }
                for (int k = 0; k < sy; k++)
                {
                    _output.Line(_dots, 0);
                }
            }
        }

        private void ClearDots()
        {
            for (int i = 0; i < _bytesPerLine; i++)
            {
                _dots[i] = 0;
            }
        }

        private void SetDot(int x)
        {
            if (x >= 0 && x < _limits.DotsPerLine)
            {
                _dots[x >> 3] |= (byte)(0x80 >> (x & 7));
            }
        }

        // ---- Barcodes (GS k) ------------------------------------------------------------------------

        private void Barcode()
        {
            if (!Need(3))
            {
                return;
            }
            int m = At(2);
            int dataAt;
            int dataLength;
            if (m <= 6)
            {
                // Function A: data ends at NUL.
                dataAt = _at + 3;
                int nul = -1;
                int limit = _limits.MaxBarcodeDataBytes;
                for (int i = 0; i <= limit && dataAt + i < _end; i++)
                {
                    if (_job[dataAt + i] == 0)
                    {
                        nul = i;
                        break;
                    }
                }
                if (nul < 0)
                {
                    _result.MalformedCommands++;
                    _at = dataAt;
                    return;
                }
                dataLength = nul;
                _at = dataAt + nul + 1;
            }
            else if (m >= 65 && m <= 79)
            {
                if (!Need(4))
                {
                    return;
                }
                dataLength = At(3);
                dataAt = _at + 4;
                if (dataLength > Available - 4)
                {
                    _result.MalformedCommands++;
                    _at = _end;
                    return;
                }
                _at = dataAt + dataLength;
            }
            else
            {
                Unknown();
                return;
            }
            bool encoded;
            if (m == 2 || m == 67)
            {
                encoded = Ean13.Encode(_job, dataAt, dataLength, _barcode);
            }
            else if (m == 0 || m == 65)
            {
                encoded = EncodeUpcA(dataAt, dataLength);
            }
            else if (m == 73)
            {
                encoded = EncodeCode128(dataAt, dataLength);
            }
            else
            {
                _result.IgnoredCommands++; // UPC-E, CODE39, ITF, CODABAR, CODE93: not printed by this terminal
                return;
            }
            if (!encoded || _barcode.Count * _barcodeModuleDots > _areaWidthDots)
            {
                _result.MalformedCommands++;
                return;
            }
            PrintBarcode();
        }

        private bool EncodeUpcA(int dataAt, int dataLength)
        {
            // UPC-A is EAN-13 with a leading 0 (GS1 General Specifications §5.2.1.2).
            if (dataLength != 11 && dataLength != 12)
            {
                return false;
            }
            _barcodeData[0] = (byte)'0';
            for (int i = 0; i < dataLength; i++)
            {
                _barcodeData[1 + i] = _job[dataAt + i];
            }
            return Ean13.Encode(_barcodeData, 0, dataLength + 1, _barcode);
        }

        private bool EncodeCode128(int dataAt, int dataLength)
        {
            if (dataLength >= 2 && _job[dataAt] == '{')
            {
                return Code128.Encode(_job, dataAt, dataLength, _limits.MaxCode128Symbols, _barcode);
            }
            // Plain text without a code set: choose sets ourselves rather than refuse it.
            int planned = Code128.PlanEpsonData(_job, dataAt, dataLength, _barcodeData, 0, _barcodeData.Length);
            return planned > 0 && Code128.Encode(_barcodeData, 0, planned, _limits.MaxCode128Symbols, _barcode);
        }

        private void PrintBarcode()
        {
            PrintPendingLine(false);
            int width = _barcode.Count * _barcodeModuleDots;
            int left = _leftMarginDots + AlignmentOffset(width);
            if (_hriPosition == 1 || _hriPosition == 3)
            {
                PrintHri(left, width);
            }
            ClearDots();
            for (int i = 0; i < _barcode.Count; i++)
            {
                if (_barcode.IsBar(i))
                {
                    for (int k = 0; k < _barcodeModuleDots; k++)
                    {
                        SetDot(left + i * _barcodeModuleDots + k);
                    }
                }
            }
            for (int y = 0; y < _barcodeHeightDots && !_output.Stopped; y++)
            {
                _output.Line(_dots, 0);
            }
            if (_hriPosition == 2 || _hriPosition == 3)
            {
                PrintHri(left, width);
            }
        }

        private void PrintHri(int barcodeLeft, int barcodeWidth)
        {
            // Human-readable text, centred under (or over) the bars, in plain font A or B.
            int cell = _hriFontB ? 8 : 12;
            int count = _barcode.TextLength;
            int maxChars = _areaWidthDots / cell;
            if (count > maxChars)
            {
                count = maxChars;
            }
            int textWidth = count * cell;
            int x = barcodeLeft - _leftMarginDots + (barcodeWidth - textWidth) / 2;
            if (x < 0)
            {
                x = 0;
            }
            _line.Clear();
            _line.CursorX = x;
            for (int i = 0; i < count && !_line.IsFull; i++)
            {
                _line.Add(_barcode.TextAt(i), 8, cell, _hriFontB ? 0 : 2, 1, 1, 0);
            }
            int saved = _alignment;
            _alignment = 0;
            PrintPendingLine(false);
            _alignment = saved;
        }

        // ---- QR code (GS ( k) and other length-prefixed GS ( commands ---------------------------------

        private void ExtendedCommand()
        {
            if (!Need(5))
            {
                return;
            }
            int function = At(2);
            int length = At(3) | (At(4) << 8);
            if (length > Available - 5)
            {
                _result.MalformedCommands++;
                _at = _end;
                return;
            }
            int bodyAt = _at + 5;
            _at = bodyAt + length;
            if (function != 'k' || length < 2)
            {
                _result.IgnoredCommands++;
                return;
            }
            int cn = _job[bodyAt];
            int fn = _job[bodyAt + 1];
            if (cn != 49)
            {
                _result.IgnoredCommands++; // PDF417, MaxiCode, DataMatrix, Aztec: not printed
                return;
            }
            QrFunction(fn, bodyAt + 2, length - 2);
        }

        private void QrFunction(int fn, int argsAt, int argsLength)
        {
            if (fn == 65)
            {
                // Model: only model 2 is printed; model 1 and micro QR requests still print model 2.
                if (argsLength != 2) { _result.MalformedCommands++; }
            }
            else if (fn == 67)
            {
                int n = argsLength == 1 ? _job[argsAt] : 0;
                if (n >= 1 && n <= _limits.MaxQrModuleDots) { _qrModuleDots = n; } else { _result.MalformedCommands++; }
            }
            else if (fn == 69)
            {
                int n = argsLength == 1 ? _job[argsAt] : 0;
                if (n >= 48 && n <= 51) { _qrLevel = (QrErrorLevel)(n - 48); } else { _result.MalformedCommands++; }
            }
            else if (fn == 80)
            {
                int dataLength = argsLength - 1;
                if (argsLength < 1 || _job[argsAt] != 48 || dataLength > _qrData.Length)
                {
                    _result.MalformedCommands++;
                    _qrDataLength = 0;
                    return;
                }
                for (int i = 0; i < dataLength; i++)
                {
                    _qrData[i] = _job[argsAt + 1 + i];
                }
                _qrDataLength = dataLength;
            }
            else if (fn == 81)
            {
                PrintQr();
            }
            else
            {
                _result.IgnoredCommands++; // fn 82 (size information) and others: nothing to print
            }
        }

        private void PrintQr()
        {
            if (_qrDataLength == 0 || !_qr.Encode(_qrData, 0, _qrDataLength, _qrLevel))
            {
                _result.MalformedCommands++;
                return;
            }
            int width = _qr.Size * _qrModuleDots;
            if (width > _areaWidthDots)
            {
                _result.MalformedCommands++;
                return;
            }
            PrintPendingLine(false);
            int left = _leftMarginDots + AlignmentOffset(width);
            for (int y = 0; y < _qr.Size && !_output.Stopped; y++)
            {
                ClearDots();
                for (int x = 0; x < _qr.Size; x++)
                {
                    if (_qr.IsDark(x, y))
                    {
                        for (int k = 0; k < _qrModuleDots; k++)
                        {
                            SetDot(left + x * _qrModuleDots + k);
                        }
                    }
                }
                for (int k = 0; k < _qrModuleDots; k++)
                {
                    _output.Line(_dots, 0);
                }
            }
        }
    }
}
