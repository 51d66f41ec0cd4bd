using PosFirmware.Hal;

namespace PosFirmware.Scanner
{
    /// <summary>
    /// Walks a small "key = value" text file line by line: '#' starts a comment, blank lines are skipped,
    /// spaces around key and value are trimmed. ASCII only. Any malformed line stops the walk with an
    /// error that names the line, so a bad file is refused whole instead of half-applied.
    /// </summary>
    public class KeyValueText
    {
        private readonly byte[] _text;
        private readonly int _end;
        private readonly char[] _lineChars;
        private int _position;

        /// <summary>Walks count bytes of text from offset; lines longer than maxLineChars are an error.</summary>
        public KeyValueText(byte[] text, int offset, int count, int maxLineChars)
        {
            Check.That(text != null && offset >= 0 && count >= 0 && offset + count <= text.Length, "config text inside its buffer");
            Check.That(maxLineChars > 0, "line limit is positive");
            _text = text;
            _position = offset;
            _end = offset + count;
            _lineChars = new char[maxLineChars];
        }

        /// <summary>The key of the current line.</summary>
        public string Key;

        /// <summary>The value of the current line (may be empty).</summary>
        public string Value;

        /// <summary>1-based number of the current line.</summary>
        public int LineNumber;

        /// <summary>Why the walk stopped early, or null.</summary>
        public string Error;

        /// <summary>Moves to the next key = value line; false at the end of the text or on an error.</summary>
        public bool Next()
        {
            while (_position < _end && Error == null)
            {
                LineNumber++;
                int length = 0;
                bool inComment = false;
                while (_position < _end)
                {
                    byte b = _text[_position++];
                    if (b == (byte)'\n')
                    {
                        break;
                    }
                    if (b == (byte)'#')
                    {
                        inComment = true;
                    }
                    if (inComment || b == (byte)'\r')
                    {
                        continue;
                    }
                    if (b == (byte)'\t')
                    {
                        b = (byte)' ';
                    }
                    if (b < 0x20 || b > 0x7E)
                    {
                        Error = "line " + LineNumber.ToString() + ": byte 0x" + b.ToString("X2") + " is not ASCII text";
                        return false;
                    }
                    if (length == _lineChars.Length)
                    {
                        Error = "line " + LineNumber.ToString() + ": longer than " + _lineChars.Length.ToString() + " characters";
                        return false;
                    }
                    _lineChars[length++] = (char)b;
                }
                if (SplitLine(length))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Builds an error for the current line.</summary>
        public string LineError(string why)
        {
            return "line " + LineNumber.ToString() + ": " + why;
        }

        private bool SplitLine(int length)
        {
            int start = SkipSpaces(0, length);
            int stop = TrimEnd(start, length);
            if (start == stop)
            {
                return false;
            }
            int equals = -1;
            for (int i = start; i < stop; i++)
            {
                if (_lineChars[i] == '=')
                {
                    equals = i;
                    break;
                }
            }
            if (equals < 0)
            {
                Error = LineError("expected key = value");
                return false;
            }
            int keyStop = TrimEnd(start, equals);
            if (keyStop == start)
            {
                Error = LineError("no key before '='");
                return false;
            }
            int valueStart = SkipSpaces(equals + 1, stop);
            Key = new string(_lineChars, start, keyStop - start);
            Value = new string(_lineChars, valueStart, stop - valueStart);
            return true;
        }

        private int SkipSpaces(int from, int to)
        {
            while (from < to && _lineChars[from] == ' ')
            {
                from++;
            }
            return from;
        }

        private int TrimEnd(int from, int to)
        {
            while (to > from && _lineChars[to - 1] == ' ')
            {
                to--;
            }
            return to;
        }
    }
}
