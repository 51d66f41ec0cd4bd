namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// The block structure of QR symbols (ISO/IEC 18004:2015 Table 9): per version 1..40 and level L/M/Q/H,
    /// the error-correction codewords per block and the number of blocks. Index 0 is unused.
    /// </summary>
    internal static class QrTables
    {
        /// <summary>Error-correction codewords per block, [level][version].</summary>
        public static readonly sbyte[][] EccCodewordsPerBlock =
        {
            // 0, 1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40
            new sbyte[] { -1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 }, // L
            new sbyte[] { -1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28 }, // M
            new sbyte[] { -1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 }, // Q
            new sbyte[] { -1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 }, // H
        };

        /// <summary>Number of error-correction blocks, [level][version].</summary>
        public static readonly sbyte[][] EccBlocks =
        {
            new sbyte[] { -1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25 }, // L
            new sbyte[] { -1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49 }, // M
            new sbyte[] { -1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68 }, // Q
            new sbyte[] { -1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81 }, // H
        };

        /// <summary>Format-information bits of each level (§7.9.1: L 01, M 00, Q 11, H 10).</summary>
        public static readonly int[] FormatBits = { 1, 0, 3, 2 };

        /// <summary>
        /// Modules available for data and error correction in a version: the symbol's area less finder,
        /// separator, timing, alignment, format and version patterns (§7.1, Table 1 column "data modules").
        /// </summary>
        public static int RawDataModules(int version)
        {
            int result = (16 * version + 128) * version + 64;
            if (version >= 2)
            {
                int alignments = version / 7 + 2;
                result -= (25 * alignments - 10) * alignments - 55;
                if (version >= 7)
                {
                    result -= 36;
                }
            }
            return result;
        }

        /// <summary>Data codewords of a version and level (Table 7).</summary>
        public static int DataCodewords(int version, int level)
        {
            return RawDataModules(version) / 8 - EccCodewordsPerBlock[level][version] * EccBlocks[level][version];
        }
    }
}
