using PosFirmware.Hal;

namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// CODE39, ITF (interleaved 2 of 5) and CODABAR (NW-7): symbologies of narrow and wide elements. They are
    /// written into BarcodeModules one dot per module, with Epson's element widths for module width n
    /// (narrow n dots, wide about 2.5 n: 3, 5, 8, 10, 13, 15 for n = 1..6).
    /// </summary>
    public static class TwoWidthCodes
    {
        // CODE39 (ISO/IEC 16388 Table 1): 9 elements, bar first, 1 = wide; the index is the character's place in Code39Characters.
        private const string Code39Characters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%*";
        private static readonly string[] Code39Patterns =
        {
            "000110100", "100100001", "001100001", "101100000", "000110001", "100110000", "001110000", "000100101", "100100100", "001100100",
            "100001001", "001001001", "101001000", "000011001", "100011000", "001011000", "000001101", "100001100", "001001100", "000011100",
            "100000011", "001000011", "101000010", "000010011", "100010010", "001010010", "000000111", "100000110", "001000110", "000010110",
            "110000001", "011000001", "111000000", "010010001", "110010000", "011010000", "010000101", "110000100", "011000100", "010101000",
            "010100010", "010001010", "000101010", "010010100",
        };

        // ITF (ISO/IEC 16390 Table 1): 5 elements per digit, 1 = wide.
        private static readonly string[] ItfPatterns = { "00110", "10001", "01001", "11000", "00101", "10100", "01100", "00011", "10010", "01010" };

        // CODABAR (AIM BC3): 7 elements, bar first, 1 = wide.
        private const string CodabarCharacters = "0123456789-$:/.+ABCD";
        private static readonly string[] CodabarPatterns =
        {
            "0000011", "0000110", "0001001", "1100000", "0010010", "1000010", "0100001", "0100100", "0110000", "1001000",
            "0001100", "0011000", "1000101", "1010001", "1010100", "0010101", "0011010", "0101001", "0001011", "0001110",
        };

        /// <summary>Dots of a wide element for module width n (Epson's 2.5 : 1, rounded as its printers do).</summary>
        public static int WideDots(int narrowDots)
        {
            return (5 * narrowDots + 1) / 2;
        }

        /// <summary>CODE39 of data (start/stop * added when missing); the text shown includes the stars.</summary>
        public static bool EncodeCode39(byte[] data, int offset, int count, int narrow, BarcodeModules output)
        {
            output.Clear();
            int first = offset;
            int last = offset + count - 1;
            if (count >= 2 && data[first] == '*' && data[last] == '*')
            {
                first++;
                last--;
            }
            if (last < first)
            {
                return false;
            }
            bool ok = AppendCode39('*', narrow, output);
            for (int i = first; i <= last && ok; i++)
            {
                if (data[i] == '*')
                {
                    return false;
                }
                ok = AppendCode39(data[i], narrow, output);
            }
            ok = ok && AppendCode39('*', narrow, output);
            return ok;
        }

        private static bool AppendCode39(int c, int narrow, BarcodeModules output)
        {
            int index = Code39Characters.IndexOf((char)c);
            if (index < 0)
            {
                return false;
            }
            if (output.Count > 0 && !output.Append(false, narrow))
            {
                return false; // the gap between characters
            }
            output.AppendText((char)c);
            return AppendElements(Code39Patterns[index], true, narrow, output);
        }

        /// <summary>ITF of an even number of digits (Epson drops the last digit of an odd count).</summary>
        public static bool EncodeItf(byte[] data, int offset, int count, int narrow, BarcodeModules output)
        {
            output.Clear();
            int digits = count - count % 2;
            if (digits < 2)
            {
                return false;
            }
            for (int i = 0; i < digits; i++)
            {
                if (data[offset + i] < '0' || data[offset + i] > '9')
                {
                    return false;
                }
                output.AppendText((char)data[offset + i]);
            }
            bool ok = AppendElements("0000", true, narrow, output);
            for (int i = 0; i < digits && ok; i += 2)
            {
                string bars = ItfPatterns[data[offset + i] - '0'];
                string spaces = ItfPatterns[data[offset + i + 1] - '0'];
                for (int k = 0; k < 5 && ok; k++)
                {
                    ok = output.Append(true, bars[k] == '1' ? WideDots(narrow) : narrow)
                        && output.Append(false, spaces[k] == '1' ? WideDots(narrow) : narrow);
                }
            }
            return ok && AppendElements("100", true, narrow, output);
        }

        /// <summary>CODABAR of data; start and stop A are added when the data does not begin and end with A-D.</summary>
        public static bool EncodeCodabar(byte[] data, int offset, int count, int narrow, BarcodeModules output)
        {
            output.Clear();
            if (count < 1)
            {
                return false;
            }
            bool framed = count >= 2 && IsStartStop(data[offset]) && IsStartStop(data[offset + count - 1]);
            bool ok = framed || AppendCodabar('A', narrow, output);
            for (int i = 0; i < count && ok; i++)
            {
                int c = data[offset + i];
                if (IsStartStop(c) && !framed)
                {
                    return false;
                }
                ok = AppendCodabar(c, narrow, output);
            }
            return ok && (framed || AppendCodabar('A', narrow, output));
        }

        private static bool IsStartStop(int c)
        {
            return (c >= 'A' && c <= 'D') || (c >= 'a' && c <= 'd');
        }

        private static bool AppendCodabar(int c, int narrow, BarcodeModules output)
        {
            if (c >= 'a' && c <= 'd')
            {
                c -= 'a' - 'A';
            }
            int index = CodabarCharacters.IndexOf((char)c);
            if (index < 0)
            {
                return false;
            }
            if (output.Count > 0 && !output.Append(false, narrow))
            {
                return false;
            }
            output.AppendText((char)c);
            return AppendElements(CodabarPatterns[index], true, narrow, output);
        }

        private static bool AppendElements(string pattern, bool barFirst, int narrow, BarcodeModules output)
        {
            Check.That(narrow >= 1, "narrow element of one dot or more");
            bool bar = barFirst;
            for (int i = 0; i < pattern.Length; i++)
            {
                if (!output.Append(bar, pattern[i] == '1' ? WideDots(narrow) : narrow))
                {
                    return false;
                }
                bar = !bar;
            }
            return true;
        }
    }
}
