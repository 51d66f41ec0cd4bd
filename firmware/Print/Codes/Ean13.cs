namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// EAN-13 (ISO/IEC 15420): 12 digits plus a mod-10 check digit, 95 modules. The first digit is carried
    /// by the L/G parity pattern of the left half.
    /// </summary>
    public static class Ean13
    {
        // Left-hand odd-parity (L) codes as widths: space, bar, space, bar (§5.1.1, Table 1).
        private static readonly string[] LeftOdd = { "3211", "2221", "2122", "1411", "1132", "1231", "1114", "1312", "1213", "3112" };

        // Parity of the six left digits for each leading digit: bit set = even (G) code (Table 3).
        private static readonly byte[] ParityPatterns = { 0x00, 0x0B, 0x0D, 0x0E, 0x13, 0x19, 0x1C, 0x15, 0x16, 0x1A };

        /// <summary>The check digit of 12 digits at offset.</summary>
        public static int CheckDigit(byte[] digits, int offset)
        {
            int sum = 0;
            for (int i = 0; i < 12; i++)
            {
                int d = digits[offset + i] - '0';
                sum += (i % 2 == 0) ? d : 3 * d;
            }
            return (10 - sum % 10) % 10;
        }

        /// <summary>
        /// Appends a left-half digit: odd (L) codes start with a space; even (G) codes are the mirror image
        /// of R (= L with colours swapped). Shared with EAN-8 and UPC-E, which use the same sets.
        /// </summary>
        public static void AppendLeft(BarcodeModules output, int digit, bool even)
        {
            string widths = LeftOdd[digit];
            for (int k = 0; k < 4; k++)
            {
                int w = even ? widths[3 - k] - '0' : widths[k] - '0';
                output.Append(k % 2 == 1, w);
            }
        }

        /// <summary>Appends a right-half (R) digit: the L widths, starting with a bar.</summary>
        public static void AppendRight(BarcodeModules output, int digit)
        {
            output.AppendWidths(LeftOdd[digit]);
        }

        /// <summary>
        /// Encodes 12 digits (check digit added) or 13 (check digit verified). Returns false for anything else.
        /// </summary>
        public static bool Encode(byte[] data, int offset, int count, BarcodeModules output)
        {
            output.Clear();
            if (count != 12 && count != 13)
            {
                return false;
            }
            for (int i = 0; i < count; i++)
            {
                if (data[offset + i] < '0' || data[offset + i] > '9')
                {
                    return false;
                }
            }
            int check = CheckDigit(data, offset);
            if (count == 13 && data[offset + 12] - '0' != check)
            {
                return false;
            }
            int first = data[offset] - '0';
            output.AppendWidths("111");
            for (int i = 1; i <= 6; i++)
            {
                AppendLeft(output, data[offset + i] - '0', ((ParityPatterns[first] >> (6 - i)) & 1) != 0);
            }
            output.Append(false, 1);
            output.AppendWidths("1111");
            for (int i = 7; i <= 12; i++)
            {
                int digit = i == 12 ? check : data[offset + i] - '0';
                output.AppendWidths(LeftOdd[digit]); // R codes: same widths as L, starting with a bar
            }
            output.AppendWidths("111");
            for (int i = 0; i < 12; i++)
            {
                output.AppendText((char)data[offset + i]);
            }
            output.AppendText((char)('0' + check));
            return output.Count == 95;
        }
    }
}
