namespace PosFirmware.Iso8583
{
    /// <summary>One line of a field table: the field's format, its (maximum) length and its name.</summary>
    public sealed class FieldSpec
    {
        /// <summary>Creates a field definition.</summary>
        public FieldSpec(int number, int format, int maxLength, bool sensitive, string name)
        {
            Number = number;
            Format = format;
            MaxLength = maxLength;
            Sensitive = sensitive;
            Name = name;
        }

        /// <summary>Field number, 2..128.</summary>
        public int Number { get; private set; }

        /// <summary>A FieldFormat value.</summary>
        public int Format { get; private set; }

        /// <summary>The fixed length, or the maximum for variable fields (digits, characters or bytes).</summary>
        public int MaxLength { get; private set; }

        /// <summary>True for card data, PIN blocks and keys: masked whenever a message is shown.</summary>
        public bool Sensitive { get; private set; }

        /// <summary>What the field carries.</summary>
        public string Name { get; private set; }
    }
}
