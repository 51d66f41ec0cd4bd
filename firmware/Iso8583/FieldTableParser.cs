using PosFirmware.Scanner;

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

        /// <summary>Why the last Parse failed, or null.</summary>
        public string Error;

        /// <summary>Parses count bytes of text from offset; null on error (see Error).</summary>
        public FieldTable Parse(byte[] text, int offset, int count)
        {
            Error = null;
            if (text == null || offset < 0 || count < 0 || offset + count > text.Length)
            {
                return Fail("no text");
            }
            FieldTable table = new FieldTable();
            bool[] seen = new bool[FieldTable.MaxField + 1];
            int defined = 0;
            KeyValueText lines = new KeyValueText(text, offset, count, MaxLineChars);
            while (lines.Next())
            {
                long number = ConfigValues.ParseNumber(lines.Key);
                if (number < 2 || number > FieldTable.MaxField || number == 65)
                {
                    return Fail(lines.LineError("'" + lines.Key + "' is not a field number 2..128 (65 is the tertiary bitmap bit)"));
                }
                if (seen[number])
                {
                    return Fail(lines.LineError("field " + lines.Key + " is defined twice"));
                }
                string why = DefineField(table, (int)number, lines.Value);
                if (why != null)
                {
                    return Fail(lines.LineError("field " + lines.Key + ": " + why));
                }
                seen[number] = true;
                defined++;
            }
            if (lines.Error != null)
            {
                return Fail(lines.Error);
            }
            if (defined == 0)
            {
                return Fail("no fields");
            }
            return table;
        }

        private static string DefineField(FieldTable table, int number, string value)
        {
            int formatStop = value.IndexOf(' ');
            if (formatStop <= 0)
            {
                return "expected FORMAT LENGTH [sensitive] NAME, e.g. 4 = n 12 amount";
            }
            int format = FieldFormat.Parse(value.Substring(0, formatStop));
            if (format == 0)
            {
                return "format '" + value.Substring(0, formatStop) + "' is not one of n, n..LL, n...LLL, ans, ans..LL, ans...LLL, b, b..LL, b...LLL, z..LL, z...LLL";
            }
            int lengthStart = formatStop + 1;
            int lengthStop = value.IndexOf(' ', lengthStart);
            if (lengthStop < 0)
            {
                return "a length and a name must follow the format";
            }
            long length = ConfigValues.ParseNumber(value, lengthStart, lengthStop);
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
            table.Define(number, format, (int)length, sensitive, value.Substring(nameStart));
            return null;
        }

        private FieldTable Fail(string why)
        {
            Error = why;
            return null;
        }
    }
}
