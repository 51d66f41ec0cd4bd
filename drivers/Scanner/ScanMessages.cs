namespace PosFirmware.Scanner
{
    /// <summary>
    /// Short texts for the operator display, one per outcome; each fits a 20-column line, so the console
    /// shows them as they are.
    /// </summary>
    public static class ScanMessages
    {
        /// <summary>A line with digits and something else, or no digits.</summary>
        public const string NotPaymentCode = "Not a payment code";

        /// <summary>Digits that match no scheme in the table.</summary>
        public const string UnknownScheme = "Unknown code type";

        /// <summary>Noise or framing errors in the line.</summary>
        public const string Garbled = "Bad read, rescan";

        /// <summary>The line overflowed the buffer.</summary>
        public const string Overlong = "Code too long";

        /// <summary>The line never ended.</summary>
        public const string Truncated = "Code cut off, rescan";

        /// <summary>The last accepted code again.</summary>
        public const string Duplicate = "Code already used";

        /// <summary>Nothing read in the scan window.</summary>
        public const string NoRead = "No code read";

        /// <summary>A code was accepted.</summary>
        public const string Accepted = "Code read";
    }
}
