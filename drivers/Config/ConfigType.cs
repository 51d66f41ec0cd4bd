namespace PosFirmware.Config
{
    /// <summary>The value forms a config file's keys take.</summary>
    public enum ConfigType
    {
        /// <summary>Printable ASCII text, not empty.</summary>
        Text = 0,

        /// <summary>A whole number with an optional sign, at most 9 digits.</summary>
        Integer = 1,

        /// <summary>A decimal number: optional sign, digits, optional '.' and digits (no exponent).</summary>
        Number = 2,

        /// <summary>Bytes as two hex digits each, separated by spaces: "7E 00 08".</summary>
        HexBytes = 3,

        /// <summary>Whole numbers separated by commas.</summary>
        IntegerList = 4,

        /// <summary>Pairs of decimal numbers "a:b" separated by commas.</summary>
        NumberPairs = 5,

        /// <summary>
        /// Printable ASCII text to the line end, '#' included (a secret may hold one), Min..Max characters:
        /// empty when Min is 0.
        /// </summary>
        LineText = 6,
    }
}
