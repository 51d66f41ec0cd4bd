namespace PosFirmware.Print.Codes
{
    /// <summary>QR error-correction level (ISO/IEC 18004 §7.5.1), in the order ESC/POS numbers them (48..51).</summary>
    public enum QrErrorLevel
    {
        /// <summary>Recovers about 7 % of codewords.</summary>
        L = 0,

        /// <summary>Recovers about 15 %.</summary>
        M = 1,

        /// <summary>Recovers about 25 %.</summary>
        Q = 2,

        /// <summary>Recovers about 30 %.</summary>
        H = 3,
    }
}
