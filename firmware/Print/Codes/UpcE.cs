namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// UPC-E (GS1 General Specifications §5.2.2.4.2): six digits whose parity pattern carries the number
    /// system (0 or 1) and the check digit of the UPC-A number they stand for. Epson's GS k 1 takes 6, 7, 8,
    /// 11 or 12 digits: the six alone (number system 0), with the number system, with the check digit, or the
    /// UPC-A number (without or with its check digit) when it can be zero-suppressed.
    /// </summary>
    public static class UpcE
    {
        // Parity of the six digits for number system 0 by check digit: bit set = even (G); system 1 is the complement.
        private static readonly byte[] ParityPatterns = { 0x38, 0x34, 0x32, 0x31, 0x2C, 0x26, 0x23, 0x2A, 0x29, 0x25 };

        /// <summary>Encodes the data into output (work holds at least 19 bytes); false if it is not a UPC-E.</summary>
        public static bool Encode(byte[] data, int offset, int count, byte[] work, BarcodeModules output)
        {
            output.Clear();
            for (int i = 0; i < count; i++)
            {
                if (data[offset + i] < '0' || data[offset + i] > '9')
                {
                    return false;
                }
            }
            // work[0..5]: the six UPC-E digits; work[6]: number system; work[7]: check digit given, or -1.
            int given = -1;
            int system = 0;
            if (count == 6 || count == 7 || count == 8)
            {
                int start = count == 6 ? 0 : 1;
                system = count == 6 ? 0 : data[offset] - '0';
                for (int i = 0; i < 6; i++)
                {
                    work[i] = (byte)(data[offset + start + i] - '0');
                }
                given = count == 8 ? data[offset + 7] - '0' : -1;
            }
            else if (count == 11 || count == 12)
            {
                if (!Suppress(data, offset, work))
                {
                    return false;
                }
                system = data[offset] - '0';
                given = count == 12 ? data[offset + 11] - '0' : -1;
            }
            else
            {
                return false;
            }
            if (system > 1)
            {
                return false;
            }
            int check = CheckDigit(work, system);
            if (given >= 0 && given != check)
            {
                return false;
            }
            int parity = system == 0 ? ParityPatterns[check] : ~ParityPatterns[check] & 0x3F;
            output.AppendWidths("111");
            for (int i = 0; i < 6; i++)
            {
                Ean13.AppendLeft(output, work[i], ((parity >> (5 - i)) & 1) != 0);
            }
            output.Append(false, 1);
            output.AppendWidths("11111");
            output.AppendText((char)('0' + system));
            for (int i = 0; i < 6; i++)
            {
                output.AppendText((char)('0' + work[i]));
            }
            output.AppendText((char)('0' + check));
            return output.Count == 51;
        }

        /// <summary>The UPC-A check digit of the number the six digits stand for (expanded into six[8..18]).</summary>
        private static int CheckDigit(byte[] six, int system)
        {
            int d6 = six[5];
            six[8] = (byte)system;
            for (int i = 9; i < 19; i++)
            {
                six[i] = 0;
            }
            // Manufacturer digits go to 9..13 and product digits to 14..18, as GS1 expands zero suppression.
            if (d6 <= 2) { Put(six, 9, six[0], six[1], d6); Put(six, 16, six[2], six[3], six[4]); }
            else if (d6 == 3) { Put(six, 9, six[0], six[1], six[2]); six[17] = six[3]; six[18] = six[4]; }
            else if (d6 == 4) { Put(six, 9, six[0], six[1], six[2]); six[12] = six[3]; six[18] = six[4]; }
            else { Put(six, 9, six[0], six[1], six[2]); six[12] = six[3]; six[13] = six[4]; six[18] = (byte)d6; }
            int sum = 0;
            for (int i = 0; i < 11; i++)
            {
                sum += i % 2 == 0 ? 3 * six[8 + i] : six[8 + i];
            }
            return (10 - sum % 10) % 10;
        }

        private static void Put(byte[] buffer, int at, int a, int b, int c)
        {
            buffer[at] = (byte)a;
            buffer[at + 1] = (byte)b;
            buffer[at + 2] = (byte)c;
        }

        private static int Digit(byte[] data, int at)
        {
            return data[at] - '0';
        }

        /// <summary>Zero-suppresses a UPC-A number (system + 10 digits at data[offset]) into six digits; false if it has no UPC-E form.</summary>
        private static bool Suppress(byte[] data, int offset, byte[] six)
        {
            int m = offset + 1; // manufacturer digits m..m+4
            int p = offset + 6; // product digits p..p+4
            bool p01 = Digit(data, p) == 0 && Digit(data, p + 1) == 0;
            if (Digit(data, m + 2) <= 2 && Digit(data, m + 3) == 0 && Digit(data, m + 4) == 0 && p01)
            {
                return Set(six, Digit(data, m), Digit(data, m + 1), Digit(data, p + 2), Digit(data, p + 3), Digit(data, p + 4), Digit(data, m + 2));
            }
            if (Digit(data, m + 3) == 0 && Digit(data, m + 4) == 0 && p01 && Digit(data, p + 2) == 0)
            {
                return Set(six, Digit(data, m), Digit(data, m + 1), Digit(data, m + 2), Digit(data, p + 3), Digit(data, p + 4), 3);
            }
            if (Digit(data, m + 4) == 0 && p01 && Digit(data, p + 2) == 0 && Digit(data, p + 3) == 0)
            {
                return Set(six, Digit(data, m), Digit(data, m + 1), Digit(data, m + 2), Digit(data, m + 3), Digit(data, p + 4), 4);
            }
            if (p01 && Digit(data, p + 2) == 0 && Digit(data, p + 3) == 0 && Digit(data, p + 4) >= 5)
            {
                return Set(six, Digit(data, m), Digit(data, m + 1), Digit(data, m + 2), Digit(data, m + 3), Digit(data, m + 4), Digit(data, p + 4));
            }
            return false;
        }

        private static bool Set(byte[] six, int a, int b, int c, int d, int e, int f)
        {
            six[0] = (byte)a;
            six[1] = (byte)b;
            six[2] = (byte)c;
            six[3] = (byte)d;
            six[4] = (byte)e;
            six[5] = (byte)f;
            return true;
        }
    }
}
