namespace PosFirmware.Crypto
{
    /// <summary>Which MAC an acquirer wants in field 64 (docs/acquirer-protocol.md, MAC: acquirer-specific).</summary>
    public static class MacScheme
    {
        /// <summary>
        /// The CUP POS "ECB" MAC: XOR of the MAB blocks, expanded to hex, two block encryptions; field 64
        /// holds the first 8 hex characters as ASCII.
        /// </summary>
        public const int CupEcb = 1;

        /// <summary>ANSI X9.19 retail MAC (ISO 9797-1 algorithm 3): CBC with K1, then D_K2, E_K1; 8 binary bytes.</summary>
        public const int X919 = 2;

        /// <summary>True for a scheme this firmware implements.</summary>
        public static bool IsKnown(int scheme)
        {
            return scheme == CupEcb || scheme == X919;
        }
    }
}
