namespace PosFirmware.Scanner
{
    /// <summary>Parses the value forms config files use: decimal numbers, number ranges, hex byte lists.</summary>
    public static class ConfigValues
    {
        /// <summary>Largest decimal number accepted (keeps every sum inside a long).</summary>
        public const long MaxNumber = 999999999999L;

        /// <summary>A decimal number of digits only from start to stop (exclusive), or -1 if it is not one.</summary>
        public static long ParseNumber(string text, int start, int stop)
        {
            if (text == null || start >= stop || stop - start > 12)
            {
                return -1;
            }
            long value = 0;
            for (int i = start; i < stop; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        /// <summary>A whole string as a decimal number, or -1.</summary>
        public static long ParseNumber(string text)
        {
            return text == null ? -1 : ParseNumber(text, 0, text.Length);
        }

        /// <summary>
        /// Parses space-separated hex bytes ("7E 00 08") into destination; returns how many, or -1 when a
        /// token is not two hex digits, or -2 when there are more than destination holds.
        /// </summary>
        public static int ParseHexBytes(string text, byte[] destination)
        {
            int count = 0;
            int i = 0;
            while (i < text.Length)
            {
                if (text[i] == ' ')
                {
                    i++;
                    continue;
                }
                if (i + 1 >= text.Length || (i + 2 < text.Length && text[i + 2] != ' '))
                {
                    return -1;
                }
                int high = HexDigit(text[i]);
                int low = HexDigit(text[i + 1]);
                if (high < 0 || low < 0)
                {
                    return -1;
                }
                if (count == destination.Length)
                {
                    return -2;
                }
                destination[count++] = (byte)((high << 4) | low);
                i += 2;
            }
            return count;
        }

        /// <summary>The first count bytes of source as a new array.</summary>
        public static byte[] CopyOf(byte[] source, int count)
        {
            byte[] copy = new byte[count];
            for (int i = 0; i < count; i++)
            {
                copy[i] = source[i];
            }
            return copy;
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }
            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }
            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }
            return -1;
        }
    }
}
