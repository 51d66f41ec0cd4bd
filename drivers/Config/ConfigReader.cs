using PosFirmware.Hal;

namespace PosFirmware.Config
{
    /// <summary>
    /// The one reader of the firmware's key = value files (mechanism profiles, scanner profiles, the
    /// payment-code table). A file is ASCII, one "key = value" per line; '#' starts a comment wherever it
    /// stands, so "name = X # note" is the name "X"; blank lines are skipped; tabs count as spaces; CR LF
    /// line ends are fine. A key of type <see cref="ConfigType.LineText"/> alone takes its value to the line
    /// end, '#' included (a Wi-Fi passphrase may hold one). Every key and value is checked against the file's schema (a table of
    /// <see cref="ConfigKey"/>) as it is read, and the first problem stops the read with a status and a
    /// message naming the line and key: a bad file is refused whole, never half-applied. After a read, the
    /// typed TryGet methods hand out the values.
    /// </summary>
    public class ConfigReader
    {
        private readonly ConfigKey[] _schema;
        private readonly int _maxTextBytes;
        private readonly char[] _lineChars;
        private readonly int _maxListItems;
        private readonly string[][] _values;
        private readonly int[][] _lines;
        private readonly int[] _counts;

        // The schema's keys by a hash of their names, open addressing (-1 empty): a file's every line and
        // every typed read look a key up, and the field table's schema has 126 keys.
        private readonly int[] _slots;

        // Where the last line's comment starts in _lineChars (its length when it has none), and whether
        // the comment's text is all there: a LineText value is the comment's text too.
        private int _commentAt;
        private bool _commentIntact;

        /// <summary>A reader for files of one schema, with its bounds: whole file, one line, one list.</summary>
        public ConfigReader(ConfigKey[] schema, int maxTextBytes, int maxLineChars, int maxListItems)
        {
            Check.That(schema != null && schema.Length > 0, "a schema has keys");
            Check.That(maxTextBytes > 0 && maxLineChars > 0 && maxListItems > 0, "reader bounds are positive");
            _schema = schema;
            _maxTextBytes = maxTextBytes;
            _lineChars = new char[maxLineChars];
            _maxListItems = maxListItems;
            _values = new string[schema.Length][];
            _lines = new int[schema.Length][];
            _counts = new int[schema.Length];
            for (int i = 0; i < schema.Length; i++)
            {
                Check.That(schema[i].MaxCount >= 1, "a key may appear at least once");
                _values[i] = new string[schema[i].MaxCount];
                _lines[i] = new int[schema[i].MaxCount];
            }
            int size = 8;
            while (size < 2 * schema.Length)
            {
                size *= 2;
            }
            _slots = new int[size];
            for (int i = 0; i < size; i++)
            {
                _slots[i] = -1;
            }
            for (int i = 0; i < schema.Length; i++)
            {
                // A name given twice is found at its first place, as a walk of the schema finds it.
                if (schema[i].Name != null && IndexOf(schema[i].Name) < 0)
                {
                    int slot = Hash(schema[i].Name) & (size - 1);
                    while (_slots[slot] >= 0)
                    {
                        slot = (slot + 1) & (size - 1);
                    }
                    _slots[slot] = i;
                }
            }
        }

        /// <summary>Ok, or what stopped the last read.</summary>
        public ConfigStatus Status;

        /// <summary>The 1-based line the problem is on, or 0 when it concerns the whole file.</summary>
        public int Line;

        /// <summary>The key the problem concerns, or null.</summary>
        public string Key;

        /// <summary>What is wrong, in words, without the line and key.</summary>
        public string Detail;

        /// <summary>The problem as one message: "line 12, key heaterOhms: not a number: abc".</summary>
        public string Message
        {
            get
            {
                if (Status == ConfigStatus.Ok)
                {
                    return null;
                }
                string where = Line > 0 ? "line " + Line.ToString() : "";
                if (Key != null)
                {
                    where = where.Length > 0 ? where + ", key " + Key : "key " + Key;
                }
                return where.Length > 0 ? where + ": " + Detail : Detail;
            }
        }

        /// <summary>Reads count bytes of text from offset; false with Status and Message set on the first problem.</summary>
        public bool TryRead(byte[] text, int offset, int count)
        {
            Check.That(text != null && offset >= 0 && count >= 0 && offset + count <= text.Length, "config text inside its buffer");
            Status = ConfigStatus.Ok;
            Line = 0;
            Key = null;
            Detail = null;
            for (int i = 0; i < _counts.Length; i++)
            {
                _counts[i] = 0;
            }
            if (count > _maxTextBytes)
            {
                return Fail(ConfigStatus.TooLong, 0, null, "longer than " + _maxTextBytes.ToString() + " bytes");
            }
            int position = offset;
            int end = offset + count;
            int lineNumber = 0;
            int settings = 0;
            while (position < end)
            {
                lineNumber++;
                int length;
                if (!ReadLine(text, ref position, end, lineNumber, out length))
                {
                    return false;
                }
                int start = SkipSpaces(0, _commentAt);
                int stop = TrimEnd(start, _commentAt);
                if (start == stop)
                {
                    continue;
                }
                if (!TakeSetting(start, stop, TrimEnd(start, length), lineNumber))
                {
                    return false;
                }
                settings++;
            }
            if (settings == 0)
            {
                return Fail(ConfigStatus.Empty, 0, null, "the file has no key = value line");
            }
            for (int i = 0; i < _schema.Length; i++)
            {
                if (_schema[i].Required && _counts[i] == 0)
                {
                    return Fail(ConfigStatus.Missing, 0, _schema[i].Name, "missing");
                }
            }
            return true;
        }

        /// <summary>
        /// Refuses the file for a rule between values the schema cannot state (e.g. "resume below stop");
        /// the message names the line where key was given. Always returns false.
        /// </summary>
        public bool Fail(string key, string detail)
        {
            int index = IndexOf(key);
            int line = index >= 0 && _counts[index] > 0 ? _lines[index][0] : 0;
            return Fail(ConfigStatus.Inconsistent, line, key, detail);
        }

        /// <summary>Like <see cref="Fail(string, string)"/> for one occurrence of a repeated key.</summary>
        public bool Fail(string key, int occurrence, string detail)
        {
            int index = IndexOf(key);
            int line = index >= 0 && occurrence < _counts[index] ? _lines[index][occurrence] : 0;
            return Fail(ConfigStatus.Inconsistent, line, key, detail);
        }

        /// <summary>How many times the last read file gave key.</summary>
        public int Count(string key)
        {
            return _counts[KnownIndex(key)];
        }

        /// <summary>The text of key; false if the file did not give it.</summary>
        public bool TryGetText(string key, out string value)
        {
            return TryGetText(key, 0, out value);
        }

        /// <summary>The text of one occurrence of a repeated key, in file order.</summary>
        public bool TryGetText(string key, int occurrence, out string value)
        {
            int index = KnownIndex(key);
            value = occurrence < _counts[index] ? _values[index][occurrence] : null;
            return value != null;
        }

        /// <summary>The whole number of key; false if the file did not give it.</summary>
        public bool TryGetInt(string key, out int value)
        {
            value = 0;
            string text;
            return TryGetTyped(key, ConfigType.Integer, out text) && TryParseInt(text, out value);
        }

        /// <summary>The decimal number of key; false if the file did not give it.</summary>
        public bool TryGetNumber(string key, out double value)
        {
            value = 0;
            string text;
            return TryGetTyped(key, ConfigType.Number, out text) && TryParseNumber(text, out value);
        }

        /// <summary>The bytes of key; false if the file did not give it.</summary>
        public bool TryGetHexBytes(string key, out byte[] value)
        {
            value = null;
            string text;
            return TryGetTyped(key, ConfigType.HexBytes, out text) && TryParseHexBytes(text, _lineChars.Length, out value);
        }

        /// <summary>The whole numbers of key; false if the file did not give it.</summary>
        public bool TryGetIntList(string key, out int[] values)
        {
            values = null;
            string text;
            if (!TryGetTyped(key, ConfigType.IntegerList, out text))
            {
                return false;
            }
            string[] items = Items(text);
            values = new int[items.Length];
            for (int i = 0; i < items.Length; i++)
            {
                TryParseInt(items[i], out values[i]);
            }
            return true;
        }

        /// <summary>The a:b pairs of key as two arrays; false if the file did not give it.</summary>
        public bool TryGetPairs(string key, out double[] first, out double[] second)
        {
            first = null;
            second = null;
            string text;
            if (!TryGetTyped(key, ConfigType.NumberPairs, out text))
            {
                return false;
            }
            string[] items = Items(text);
            first = new double[items.Length];
            second = new double[items.Length];
            for (int i = 0; i < items.Length; i++)
            {
                TryParsePair(items[i], out first[i], out second[i]);
            }
            return true;
        }

        /// <summary>Parses a whole number with an optional sign (at most 9 digits, so it fits an int).</summary>
        public static bool TryParseInt(string s, out int value)
        {
            value = 0;
            int start = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
            double number;
            if (s.Length - start > 9 || s.IndexOf('.') >= 0 || !TryParseNumber(s, out number))
            {
                return false;
            }
            value = (int)number;
            return true;
        }

        /// <summary>Parses a decimal number: optional sign, digits, optional '.' and digits (no exponent, at most 15 digits).</summary>
        public static bool TryParseNumber(string s, out double value)
        {
            value = 0;
            int i = 0;
            bool negative = false;
            if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
            {
                negative = s[0] == '-';
                i = 1;
            }
            int digits = 0;
            double scale = 1;
            bool point = false;
            for (; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '.' && !point)
                {
                    point = true;
                    continue;
                }
                if (c < '0' || c > '9' || digits >= 15)
                {
                    return false;
                }
                digits++;
                if (point)
                {
                    scale /= 10;
                    value += (c - '0') * scale;
                }
                else
                {
                    value = value * 10 + (c - '0');
                }
            }
            if (digits == 0)
            {
                return false;
            }
            if (negative)
            {
                value = -value;
            }
            return true;
        }

        /// <summary>Parses space-separated two-digit hex bytes ("7E 00 08"), at most maxBytes of them.</summary>
        public static bool TryParseHexBytes(string text, int maxBytes, out byte[] bytes)
        {
            bytes = null;
            int count = 0;
            for (int pass = 0; pass < 2; pass++)
            {
                count = 0;
                int i = 0;
                while (i < text.Length)
                {
                    if (text[i] == ' ')
                    {
                        i++;
                        continue;
                    }
                    if (i + 1 >= text.Length || (i + 2 < text.Length && text[i + 2] != ' '))
                    {
                        return false;
                    }
                    int high = HexDigit(text[i]);
                    int low = HexDigit(text[i + 1]);
                    if (high < 0 || low < 0 || count == maxBytes)
                    {
                        return false;
                    }
                    if (bytes != null)
                    {
                        bytes[count] = (byte)((high << 4) | low);
                    }
                    count++;
                    i += 2;
                }
                if (bytes == null)
                {
                    bytes = new byte[count];
                }
            }
            return true;
        }

        private bool ReadLine(byte[] text, ref int position, int end, int lineNumber, out int length)
        {
            // Locals, not fields, in the byte loops (read at every boot, line by line): the fields are set as it returns.
            char[] chars = _lineChars;
            int capacity = chars.Length;
            int at = position;
            int n = 0;
            int commentAt = -1;
            bool intact = true;
            byte bad = 0;
            ConfigStatus failure = ConfigStatus.Ok;
            // The setting, up to a comment or the line's end: printable ASCII within the line's length.
            while (at < end)
            {
                byte b = text[at++];
                if (b == (byte)'\n')
                {
                    break;
                }
                if (b == (byte)'\r')
                {
                    continue;
                }
                if (b == (byte)'\t')
                {
                    b = (byte)' ';
                }
                if (b == (byte)'#')
                {
                    commentAt = n;
                    break;
                }
                if (b < 0x20 || b > 0x7E)
                {
                    failure = ConfigStatus.NotText;
                    bad = b;
                    break;
                }
                if (n == capacity)
                {
                    failure = ConfigStatus.LineTooLong;
                    break;
                }
                chars[n++] = (char)b;
            }
            if (commentAt >= 0)
            {
                // Comments may hold any text but control bytes (a damaged file shows as damaged) and any
                // length; what does not fit or is not ASCII is dropped and the comment marked so.
                byte b = (byte)'#';
                while (true)
                {
                    if (b < 0x20 || b == 0x7F)
                    {
                        failure = ConfigStatus.NotText;
                        bad = b;
                        break;
                    }
                    if (b > 0x7E || n == capacity)
                    {
                        intact = false;
                    }
                    else
                    {
                        chars[n++] = (char)b;
                    }
                    // The next byte of the comment, its line ends and carriage returns skipped as in the setting.
                    do
                    {
                        b = at < end ? text[at++] : (byte)'\n';
                    }
                    while (b == (byte)'\r');
                    if (b == (byte)'\n')
                    {
                        break;
                    }
                    if (b == (byte)'\t')
                    {
                        b = (byte)' ';
                    }
                }
            }
            position = at;
            length = n;
            _commentAt = commentAt < 0 && failure == ConfigStatus.Ok ? n : commentAt;
            _commentIntact = intact;
            if (failure == ConfigStatus.NotText)
            {
                return Fail(ConfigStatus.NotText, lineNumber, null, "byte 0x" + bad.ToString("X2") + " is not ASCII text");
            }
            if (failure == ConfigStatus.LineTooLong)
            {
                return Fail(ConfigStatus.LineTooLong, lineNumber, null, "longer than " + capacity.ToString() + " characters");
            }
            return true;
        }

        // stop ends the setting before any comment; lineStop ends the line (for a LineText value).
        private bool TakeSetting(int start, int stop, int lineStop, int lineNumber)
        {
            int equals = -1;
            for (int i = start; i < stop; i++)
            {
                if (_lineChars[i] == '=')
                {
                    equals = i;
                    break;
                }
            }
            int keyStop = equals < 0 ? start : TrimEnd(start, equals);
            if (keyStop == start)
            {
                return Fail(ConfigStatus.NotKeyValue, lineNumber, null, "expected key = value");
            }
            // Found from the line's characters: the key's string is made only to name an unknown one.
            int index = IndexOf(_lineChars, start, keyStop - start);
            if (index < 0)
            {
                return Fail(ConfigStatus.UnknownKey, lineNumber, new string(_lineChars, start, keyStop - start), "unknown key");
            }
            ConfigKey spec = _schema[index];
            string key = spec.Name;
            if (spec.Type == ConfigType.LineText)
            {
                if (!_commentIntact)
                {
                    return Fail(ConfigStatus.NotText, lineNumber, key, "holds a character that is not ASCII text");
                }
                stop = lineStop;
            }
            int valueStart = SkipSpaces(equals + 1, stop);
            string value = new string(_lineChars, valueStart, stop - valueStart);
            if (_counts[index] == spec.MaxCount)
            {
                return Fail(ConfigStatus.Repeated, lineNumber, key, spec.MaxCount == 1 ? "given twice" : "given more than " + spec.MaxCount.ToString() + " times");
            }
            string problem = CheckValue(spec, value);
            if (problem != null)
            {
                return Fail(_problemStatus, lineNumber, key, problem);
            }
            _values[index][_counts[index]] = value;
            _lines[index][_counts[index]] = lineNumber;
            _counts[index]++;
            return true;
        }

        private ConfigStatus _problemStatus;

        private string CheckValue(ConfigKey spec, string value)
        {
            _problemStatus = ConfigStatus.BadValue;
            if (spec.Type == ConfigType.LineText)
            {
                return value.Length < spec.Min || value.Length > spec.Max
                    ? OutOfRange("must be " + ((int)spec.Min).ToString() + " to " + ((int)spec.Max).ToString() + " characters")
                    : null;
            }
            if (value.Length == 0)
            {
                return "empty value";
            }
            switch (spec.Type)
            {
                case ConfigType.Text:
                    return value.Length > spec.Max ? OutOfRange("longer than " + ((int)spec.Max).ToString() + " characters") : null;
                case ConfigType.Integer:
                    int whole;
                    if (!TryParseInt(value, out whole))
                    {
                        return "not a whole number: " + value;
                    }
                    return CheckRange(spec, whole, value);
                case ConfigType.Number:
                    double number;
                    if (!TryParseNumber(value, out number))
                    {
                        return "not a number: " + value;
                    }
                    return CheckRange(spec, number, value);
                case ConfigType.HexBytes:
                    byte[] bytes;
                    if (!TryParseHexBytes(value, _lineChars.Length, out bytes))
                    {
                        return "must be hex bytes separated by spaces, e.g. 7E 00 08";
                    }
                    if (bytes.Length < spec.Min || bytes.Length > spec.Max)
                    {
                        return OutOfRange("must be " + ((int)spec.Min).ToString() + " to " + ((int)spec.Max).ToString() + " bytes");
                    }
                    return null;
                default:
                    return CheckList(spec, value);
            }
        }

        private string CheckList(ConfigKey spec, string value)
        {
            if (CountItems(value) > _maxListItems)
            {
                _problemStatus = ConfigStatus.TooManyItems;
                return "more than " + _maxListItems.ToString() + " items";
            }
            string[] items = Items(value);
            for (int i = 0; i < items.Length; i++)
            {
                string item = items[i];
                double a;
                double b = 0;
                bool ok;
                if (spec.Type == ConfigType.NumberPairs)
                {
                    ok = TryParsePair(item, out a, out b);
                }
                else
                {
                    int whole;
                    ok = TryParseInt(item, out whole);
                    a = whole;
                }
                if (!ok)
                {
                    return ItemName(i) + (spec.Type == ConfigType.NumberPairs ? " must be number:number" : " is not a whole number");
                }
                string outside = CheckRange(spec, a, item);
                if (outside == null && spec.Type == ConfigType.NumberPairs)
                {
                    outside = CheckRange(spec, b, item);
                }
                if (outside != null)
                {
                    return ItemName(i) + ": " + outside;
                }
            }
            return null;
        }

        // A list item's name in a message, made only for a message: most lists are long and every item good.
        private static string ItemName(int i)
        {
            return "item " + (i + 1).ToString();
        }

        private string CheckRange(ConfigKey spec, double number, string written)
        {
            if (number >= spec.Min && number <= spec.Max)
            {
                return null;
            }
            string unit = spec.Unit.Length > 0 ? " " + spec.Unit : "";
            return OutOfRange(written + " is outside " + spec.Min.ToString() + " to " + spec.Max.ToString() + unit);
        }

        private string OutOfRange(string detail)
        {
            _problemStatus = ConfigStatus.OutOfRange;
            return detail;
        }

        private static bool TryParsePair(string item, out double first, out double second)
        {
            first = 0;
            second = 0;
            int colon = item.IndexOf(':');
            return colon > 0 && TryParseNumber(item.Substring(0, colon).Trim(), out first)
                && TryParseNumber(item.Substring(colon + 1).Trim(), out second);
        }

        private bool TryGetTyped(string key, ConfigType type, out string text)
        {
            int index = KnownIndex(key);
            Check.That(_schema[index].Type == type, "a key is read as the type its schema gives");
            text = _counts[index] > 0 ? _values[index][0] : null;
            return text != null;
        }

        private bool Fail(ConfigStatus status, int line, string key, string detail)
        {
            Status = status;
            Line = line;
            Key = key;
            Detail = detail;
            return false;
        }

        private int IndexOf(string key)
        {
            if (key == null)
            {
                return -1;
            }
            int mask = _slots.Length - 1;
            int slot = Hash(key) & mask;
            // At most half the slots are taken, so an empty one ends every probe.
            while (_slots[slot] >= 0)
            {
                if (_schema[_slots[slot]].Name == key)
                {
                    return _slots[slot];
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        // As IndexOf(string) for the key held in chars[start, start + length).
        private int IndexOf(char[] chars, int start, int length)
        {
            int hash = length;
            for (int i = start; i < start + length; i++)
            {
                hash = hash * 31 + chars[i];
            }
            int mask = _slots.Length - 1;
            int slot = (hash & 0x7FFFFFFF) & mask;
            while (_slots[slot] >= 0)
            {
                string name = _schema[_slots[slot]].Name;
                if (name.Length == length && SameChars(name, chars, start))
                {
                    return _slots[slot];
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        private static bool SameChars(string name, char[] chars, int start)
        {
            for (int i = 0; i < name.Length; i++)
            {
                if (name[i] != chars[start + i])
                {
                    return false;
                }
            }
            return true;
        }

        private static int Hash(string text)
        {
            int hash = text.Length;
            for (int i = 0; i < text.Length; i++)
            {
                hash = hash * 31 + text[i];
            }
            return hash & 0x7FFFFFFF;
        }

        private int KnownIndex(string key)
        {
            int index = IndexOf(key);
            Check.That(index >= 0, "a key is read only if its schema has it");
            return index;
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

        private static int CountItems(string value)
        {
            int count = 1;
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == ',')
                {
                    count++;
                }
            }
            return count;
        }

        // The comma-separated items of a list value, each trimmed.
        private static string[] Items(string value)
        {
            string[] items = new string[CountItems(value)];
            int at = 0;
            for (int i = 0; i < items.Length; i++)
            {
                int comma = value.IndexOf(',', at);
                int stop = comma < 0 ? value.Length : comma;
                items[i] = value.Substring(at, stop - at).Trim();
                at = stop + 1;
            }
            return items;
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }
            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }
            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }
            return -1;
        }
    }
}
