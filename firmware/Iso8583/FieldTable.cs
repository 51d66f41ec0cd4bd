using PosFirmware.Hal;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// The packager as data: which fields exist in a dialect and how each is laid out (jPOS style).
    /// Acquirers differ, so a table is configuration; CupFieldTable builds the common CUP POS one.
    /// </summary>
    public sealed class FieldTable
    {
        /// <summary>Highest field number (secondary bitmap).</summary>
        public const int MaxField = 128;

        /// <summary>The largest length a variable field may declare (three BCD digits).</summary>
        public const int MaxVariableLength = 999;

        private readonly FieldSpec[] _fields = new FieldSpec[MaxField + 1];

        /// <summary>Adds or replaces a field definition; throws on an impossible one (a config bug).</summary>
        public void Define(int number, int format, int maxLength, bool sensitive, string name)
        {
            Check.That(number >= 2 && number <= MaxField && number != 65, "field number must be 2..128 (65 is the tertiary bitmap bit)");
            Check.That(FieldFormat.IsKnown(format), "unknown field format");
            int limit = FieldFormat.LengthPrefixBytes(format) == 1 ? 99 : MaxVariableLength;
            Check.That(maxLength >= 1 && maxLength <= limit, "field length out of range for its format");
            _fields[number] = new FieldSpec(number, format, maxLength, sensitive, name);
        }

        /// <summary>Removes a field from the table.</summary>
        public void Undefine(int number)
        {
            Check.That(number >= 2 && number <= MaxField, "field number must be 2..128");
            _fields[number] = null;
        }

        /// <summary>The definition of a field, or null if the dialect does not have it.</summary>
        public FieldSpec Get(int number)
        {
            if (number < 2 || number > MaxField)
            {
                return null;
            }
            return _fields[number];
        }

        /// <summary>Bytes needed to store the field's value as characters (digits, ASCII) or bytes.</summary>
        public int ValueCapacity(int number)
        {
            FieldSpec spec = Get(number);
            return spec == null ? 0 : spec.MaxLength;
        }
    }
}
