using PosFirmware.Print.Commands;

namespace PosFirmware.Print.Interpreter
{
    /// <summary>Print modes, positions, spacing and feeds: the commands that change how later text lands.</summary>
    public sealed partial class EscPosInterpreter
    {
        private readonly byte[] _tabColumns;

        private bool _fontB;
        private bool _bold;
        private int _underline;
        private int _chineseUnderline;
        private bool _reverse;
        private bool _upsideDown;
        private bool _rotated;
        private int _scaleWidth;
        private int _scaleHeight;
        private int _alignment;
        private int _lineSpacingDots;
        private int _halfRightSpacing;
        private int _fullLeftSpacing;
        private int _fullRightSpacing;
        private int _leftMarginDots;
        private int _areaWidthDots;
        private int _tabCount;

        private void InitialiseModes()
        {
            _line.Clear();
            _fontB = false;
            _bold = false;
            _underline = 0;
            _chineseUnderline = 0;
            _reverse = false;
            _upsideDown = false;
            _rotated = false;
            _scaleWidth = 1;
            _scaleHeight = 1;
            _alignment = 0;
            _lineSpacingDots = _limits.DefaultLineSpacingDots;
            _halfRightSpacing = 0;
            _fullLeftSpacing = 0;
            _fullRightSpacing = 0;
            _leftMarginDots = 0;
            _areaWidthDots = _limits.DotsPerLine;
            _tabCount = 0;
        }

        private void RunMode(int handler, int p, int count)
        {
            switch (handler)
            {
                case CommandHandler.Initialise:
                    Initialise();
                    return;
                case CommandHandler.PrintMode:
                    SetPrintMode(ByteAt(p));
                    return;
                case CommandHandler.Align:
                    SetAlignment(ByteAt(p));
                    return;
                case CommandHandler.Bold:
                    _bold = (ByteAt(p) & 1) != 0;
                    return;
                case CommandHandler.Underline:
                    _underline = UnderlineDots(ByteAt(p));
                    return;
                case CommandHandler.ChineseUnderline:
                    _chineseUnderline = UnderlineDots(ByteAt(p));
                    return;
                case CommandHandler.DefaultLineSpacing:
                    _lineSpacingDots = _limits.DefaultLineSpacingDots;
                    return;
                case CommandHandler.LineSpacing:
                    _lineSpacingDots = ByteAt(p);
                    return;
                case CommandHandler.Font:
                    _fontB = ByteAt(p) == 1 || ByteAt(p) == 49;
                    return;
                case CommandHandler.RightSpacing:
                    _halfRightSpacing = ByteAt(p);
                    return;
                case CommandHandler.ChineseSpacing:
                    _fullLeftSpacing = ByteAt(p);
                    _fullRightSpacing = ByteAt(p + 1);
                    return;
                case CommandHandler.AbsolutePosition:
                    MoveTo(U16At(p));
                    return;
                case CommandHandler.RelativePosition:
                    MoveTo(_line.CursorX + (short)U16At(p));
                    return;
                case CommandHandler.TabStops:
                    SetTabs(p, count);
                    return;
                case CommandHandler.FeedLines:
                    PrintAndFeedLines(ByteAt(p));
                    return;
                case CommandHandler.FeedDots:
                    PrintPendingLine(false);
                    _output.Feed(ByteAt(p));
                    return;
                case CommandHandler.Cut:
                    PrintPendingLine(false);
                    _output.Feed(_limits.TearBarFeedDotLines);
                    return;
                case CommandHandler.UpsideDown:
                    _upsideDown = (ByteAt(p) & 1) != 0;
                    return;
                case CommandHandler.Rotate:
                    _rotated = ByteAt(p) == 1 || ByteAt(p) == 49 || ByteAt(p) == 2 || ByteAt(p) == 50;
                    return;
                case CommandHandler.CharacterSize:
                    _scaleWidth = ClampScale(((ByteAt(p) >> 4) & 7) + 1);
                    _scaleHeight = ClampScale((ByteAt(p) & 7) + 1);
                    return;
                case CommandHandler.Reverse:
                    _reverse = (ByteAt(p) & 1) != 0;
                    return;
                case CommandHandler.LeftMargin:
                    SetLeftMargin(U16At(p));
                    return;
                case CommandHandler.AreaWidth:
                    int room = _limits.DotsPerLine - _leftMarginDots;
                    int width = U16At(p);
                    _areaWidthDots = width < 8 ? 8 : (width > room ? room : width);
                    return;
                default:
                    _result.IgnoredCommands++;
                    return;
            }
        }

        private void SetPrintMode(int n)
        {
            _fontB = (n & 0x01) != 0;
            _bold = (n & 0x08) != 0;
            _scaleHeight = (n & 0x10) != 0 ? ClampScale(2) : 1;
            _scaleWidth = (n & 0x20) != 0 ? ClampScale(2) : 1;
            _underline = (n & 0x80) != 0 ? 1 : 0;
        }

        private void SetAlignment(int n)
        {
            if (n == 0 || n == 48) { _alignment = 0; }
            else if (n == 1 || n == 49) { _alignment = 1; }
            else if (n == 2 || n == 50) { _alignment = 2; }
            else { _result.MalformedCommands++; }
        }

        private static int UnderlineDots(int n)
        {
            return (n == 1 || n == 49) ? 1 : ((n == 2 || n == 50) ? 2 : 0);
        }

        private void MoveTo(int x)
        {
            if (x >= 0 && x < _areaWidthDots)
            {
                _line.CursorX = x;
            }
        }

        private void SetLeftMargin(int left)
        {
            _leftMarginDots = left > _limits.DotsPerLine - 8 ? _limits.DotsPerLine - 8 : left;
            if (_leftMarginDots + _areaWidthDots > _limits.DotsPerLine)
            {
                _areaWidthDots = _limits.DotsPerLine - _leftMarginDots;
            }
        }

        private void SetTabs(int p, int count)
        {
            // ESC D n1 .. nk NUL: increasing columns, at most MaxTabStops (the rest are dropped and counted).
            _tabCount = 0;
            int previous = 0;
            for (int k = 0; k < count - 1; k++)
            {
                int n = ByteAt(p + k);
                if (n > previous && _tabCount < _tabColumns.Length)
                {
                    _tabColumns[_tabCount++] = (byte)n;
                    previous = n;
                }
                else
                {
                    _result.MalformedCommands++;
                    return;
                }
            }
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

        private void HorizontalTab()
        {
            int column = _fontB ? 8 : 12;
            int current = _line.CursorX / column;
            for (int k = 0; k < _tabCount; k++)
            {
                if (_tabColumns[k] > current)
                {
                    MoveTo(_tabColumns[k] * column);
                    return;
                }
            }
            if (_tabCount == 0)
            {
                // Epson's default stops: every eight characters.
                MoveTo((current / 8 + 1) * 8 * column);
            }
        }

        private void PrintAndFeedLines(int lines)
        {
            // ESC d n prints the buffer and feeds n lines: the first of them is the printed line's own pitch.
            if (_line.Count > 0 || _imageBandDots > 0)
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

        private int AlignmentOffset(int widthDots)
        {
            if (widthDots >= _areaWidthDots || _alignment == 0)
            {
                return 0;
            }
            return _alignment == 1 ? (_areaWidthDots - widthDots) / 2 : _areaWidthDots - widthDots;
        }
    }
}
