using PosFirmware.Config;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// Reads a field-table file (firmware/Iso8583/Tables/cup-pos.fields): one "NUMBER = FORMAT LENGTH
    /// [sensitive] NAME" line per field. A bad line refuses the whole file with the line and the reason,
    /// so a terminal never talks to its acquirer with half a table.
    /// </summary>
    public class FieldTableParser
    {
        /// <summary>Longest line accepted.</summary>
        public const int MaxLineChars = 160;

        /// <summary>The word that marks a field as sensitive.</summary>
        public const string SensitiveWord = "sensitive";

        /// <summary>Ok, or what stopped the last TryParse.</summary>
        public ConfigStatus Status;

        /// <summary>Why the last TryParse failed (line, key and reason), or null.</summary>
        public string Message;

        /// <summary>Largest field-table file read.</summary>
        public const int MaxTextBytes = 16384;

        // The one key = value reader, with a schema of the field numbers: 2..128 but 65 (the tertiary bitmap
        // bit), each at most once. Built once and reused.
        private static ConfigKey[] _schema;
        private ConfigReader _reader;

        /// <summary>Reads count bytes of text from offset: true with the table, or false with Status and Message.</summary>
        public bool TryParse(byte[] text, int offset, int count, out FieldTable table)
        {
            table = null;
            Status = ConfigStatus.Ok;
            Message = null;
            if (text == null || offset < 0 || count < 0 || offset + count > text.Length)
            {
                return Fail(ConfigStatus.Empty, "no text");
            }
            if (_reader == null)
            {
                _reader = new ConfigReader(Schema(), MaxTextBytes, MaxLineChars, 1);
            }
            if (!_reader.TryRead(text, offset, count))
            {
                return Fail(_reader.Status, _reader.Status == ConfigStatus.Empty ? "no fields" : _reader.Message);
            }
            FieldTable parsed = new FieldTable();
            for (int number = 2; number <= FieldTable.MaxField; number++)
            {
                string key = number.ToString();
                string value;
                if (number == 65 || !_reader.TryGetText(key, out value))
                {
                    continue;
                }
                string why = DefineField(parsed, number, value);
                if (why != null)
                {
                    _reader.Fail(key, "field " + key + ": " + why);
                    return Fail(_reader.Status, _reader.Message);
                }
            }
            table = parsed;
            return true;
        }

        private static ConfigKey[] Schema()
        {
            if (_schema == null)
            {
                ConfigKey[] keys = new ConfigKey[FieldTable.MaxField - 2];
                int n = 0;
                for (int number = 2; number <= FieldTable.MaxField; number++)
                {
                    if (number != 65)
                    {
                        keys[n++] = new ConfigKey(number.ToString(), ConfigType.Text, 1, MaxLineChars, "", false);
                    }
                }
                _schema = keys;
            }
            return _schema;
        }

        private static string DefineField(FieldTable table, int number, string value)
        {
            int formatStop = value.IndexOf(' ');
            if (formatStop <= 0)
            {
                return "expected FORMAT LENGTH [sensitive] NAME, e.g. 4 = n 12 amount";
            }
            int format;
            if (!FieldFormat.TryParse(value.Substring(0, formatStop), out format))
            {
                return "format '" + value.Substring(0, formatStop) + "' is not one of n, n..LL, n...LLL, ans, ans..LL, ans...LLL, b, b..LL, b...LLL, z..LL, z...LLL";
            }
            int lengthStart = formatStop + 1;
            int lengthStop = value.IndexOf(' ', lengthStart);
            if (lengthStop < 0)
            {
                return "a length and a name must follow the format";
            }
            int length;
            if (!ConfigReader.TryParseInt(value.Substring(lengthStart, lengthStop - lengthStart), out length))
            {
                length = -1;
            }
            int limit = FieldFormat.LengthPrefixBytes(format) == 1 ? 99 : FieldTable.MaxVariableLength;
            if (length < 1 || length > limit)
            {
                return "length '" + value.Substring(lengthStart, lengthStop - lengthStart) + "' must be 1.." + limit.ToString() + " for " + FieldFormat.Name(format);
            }
            int nameStart = lengthStop + 1;
            bool sensitive = false;
            if (value.Length - nameStart >= SensitiveWord.Length && value.Substring(nameStart, SensitiveWord.Length) == SensitiveWord
                && (value.Length == nameStart + SensitiveWord.Length || value[nameStart + SensitiveWord.Length] == ' '))
            {
                sensitive = true;
                nameStart += SensitiveWord.Length;
                while (nameStart < value.Length && value[nameStart] == ' ')
                {
                    nameStart++;
                }
            }
            if (nameStart >= value.Length)
            {
                return "a name must follow the length";
            }
            table.Define(number, format, length, sensitive, value.Substring(nameStart));
            return null;
        }

        private bool Fail(ConfigStatus status, string why)
        {
            Status = status;
            Message = why;
            return false;
        }
    }
}
