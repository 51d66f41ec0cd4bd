namespace PosFirmware.Scanner
{
    /// <summary>What one Poll of the scanner produced.</summary>
    public enum ScanStatus
    {
        /// <summary>Nothing finished yet.</summary>
        None = 0,

        /// <summary>A payment code of a known scheme was read: it may go to the acquirer.</summary>
        CodeRead = 1,

        /// <summary>A clean line that is not a payment code of any scheme in the table.</summary>
        Refused = 2,

        /// <summary>A line with bytes that are not printable text (noise, framing errors).</summary>
        Garbled = 3,

        /// <summary>A line longer than the buffer; it was discarded up to its terminator.</summary>
        Overlong = 4,

        /// <summary>A line that stopped arriving before its terminator.</summary>
        Truncated = 5,

        /// <summary>The code last accepted, again within the duplicate window: ignored.</summary>
        Duplicate = 6,

        /// <summary>The scan window ended without a usable code.</summary>
        NoRead = 7,
    }
}
