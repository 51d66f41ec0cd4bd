namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// CODE128 (ISO/IEC 15417). Takes data in the ESC/POS form: "{A", "{B", "{C" select a code set (the
    /// data must start with one), "{S" shifts one character between A and B, "{1".."{4" are FNC1..FNC4 and
    /// "{{" is a literal brace; in code set C each byte is a value 0..99. PlanEpsonData turns plain text
    /// into that form, using set C for digit runs and set B (with shifts to A for control characters).
    /// </summary>
    public static class Code128
    {
        /// <summary>Symbol value of Start A; Start B and Start C follow (Table 1).</summary>
        public const int StartA = 103;

        /// <summary>Symbol value of the stop pattern.</summary>
        public const int Stop = 106;

        private const int SetA = 0;
        private const int SetB = 1;
        private const int SetC = 2;

        // Bar/space widths of symbol values 0..106 (Table 1); each sums to 11 modules, Stop to 13.
        private static readonly string[] Patterns =
        {
            "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
            "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
            "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
            "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
            "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
            "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
            "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
            "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
            "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
            "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
            "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
        };

        /// <summary>The width pattern of a symbol value (for tests of the table).</summary>
        public static string PatternOf(int value)
        {
            return Patterns[value];
        }

        /// <summary>
        /// Encodes ESC/POS-form data into modules with the mod-103 check symbol and readable text. Returns
        /// false for malformed data (no leading code set, a value a set cannot carry, too many symbols).
        /// </summary>
        public static bool Encode(byte[] data, int offset, int count, int maxSymbols, BarcodeModules output)
        {
            output.Clear();
            if (count < 2 || data[offset] != '{' || data[offset + 1] < 'A' || data[offset + 1] > 'C')
            {
                return false;
            }
            int set = data[offset + 1] - 'A';
            int symbols = 1;
            int checksum = StartA + set;
            if (!output.AppendWidths(Patterns[StartA + set]))
            {
                return false;
            }
            int i = offset + 2;
            int end = offset + count;
            while (i < end)
            {
                int value;
                int shiftSet = -1;
                byte b = data[i];
                if (b == '{')
                {
                    if (i + 1 >= end)
                    {
                        return false;
                    }
                    byte c = data[i + 1];
                    i += 2;
                    if (c >= 'A' && c <= 'C')
                    {
                        int next = c - 'A';
                        if (next == set)
                        {
                            continue;
                        }
                        // Code A = 101 (in B and C), Code B = 100 (in A and C), Code C = 99 (in A and B).
                        value = next == SetA ? 101 : (next == SetB ? 100 : 99);
                        set = next;
                    }
                    else if (c == 'S')
                    {
                        if (set == SetC || i >= end)
                        {
                            return false;
                        }
                        shiftSet = set == SetA ? SetB : SetA;
                        value = 98;
                    }
                    else if (c == '1')
                    {
                        value = 102;
                    }
                    else if (c == '2' && set != SetC)
                    {
                        value = 97;
                    }
                    else if (c == '3' && set != SetC)
                    {
                        value = 96;
                    }
                    else if (c == '4' && set != SetC)
                    {
                        value = set == SetA ? 101 : 100;
                    }
                    else if (c == '{' && set == SetB)
                    {
                        value = '{' - 32;
                        output.AppendText('{');
                    }
                    else
                    {
                        return false;
                    }
                }
                else
                {
                    value = ValueOf(set, b, output);
                    if (value < 0)
                    {
                        return false;
                    }
                    i++;
                }
                if (!AddSymbol(value, ref symbols, ref checksum, maxSymbols, output))
                {
                    return false;
                }
                if (shiftSet >= 0)
                {
                    int shifted = ValueOf(shiftSet, data[i], output);
                    i++;
                    if (shifted < 0 || !AddSymbol(shifted, ref symbols, ref checksum, maxSymbols, output))
                    {
                        return false;
                    }
                }
            }
            if (symbols < 2)
            {
                return false; // a start code and nothing else
            }
            if (symbols + 2 > maxSymbols || !output.AppendWidths(Patterns[checksum % 103]))
            {
                return false;
            }
            return output.AppendWidths(Patterns[Stop]);
        }

        private static bool AddSymbol(int value, ref int symbols, ref int checksum, int maxSymbols, BarcodeModules output)
        {
            if (symbols + 1 > maxSymbols - 2)
            {
                return false;
            }
            checksum += symbols * value;
            symbols++;
            return output.AppendWidths(Patterns[value]);
        }

        private static int ValueOf(int set, byte b, BarcodeModules output)
        {
            if (set == SetC)
            {
                if (b > 99)
                {
                    return -1;
                }
                output.AppendText((char)('0' + b / 10));
                output.AppendText((char)('0' + b % 10));
                return b;
            }
            if (set == SetA)
            {
                if (b >= 96)
                {
                    return -1;
                }
                output.AppendText(b < 32 ? ' ' : (char)b);
                return b < 32 ? b + 64 : b - 32;
            }
            if (b < 32 || b > 127)
            {
                return -1;
            }
            output.AppendText((char)b);
            return b - 32;
        }

        /// <summary>
        /// Writes plain ASCII text as ESC/POS CODE128 data into output: runs of four or more digits (or
        /// a whole even all-digit text) go in set C, two digits per symbol; the rest in set B, with a
        /// shift to set A for each control character. Returns the bytes written, or -1 if the text has
        /// non-ASCII bytes or output is too small.
        /// </summary>
        public static int PlanEpsonData(byte[] text, int offset, int count, byte[] output, int outputOffset, int outputCapacity)
        {
            int at = outputOffset;
            int limit = outputOffset + outputCapacity;
            int set = -1;
            int i = 0;
            while (i < count)
            {
                int digits = 0;
                while (i + digits < count && IsDigit(text[offset + i + digits]))
                {
                    digits++;
                }
                bool useC = digits >= 4 || (digits >= 2 && digits == count);
                if (useC)
                {
                    int pairs = digits / 2;
                    // An odd run starts its single digit in set B when that is where we are or where we start.
                    if (digits % 2 == 1)
                    {
                        if (!SwitchTo(SetB, ref set, output, ref at, limit) || !Put(output, ref at, limit, text[offset + i]))
                        {
                            return -1;
                        }
                        i++;
                    }
                    if (!SwitchTo(SetC, ref set, output, ref at, limit))
                    {
                        return -1;
                    }
                    for (int p = 0; p < pairs; p++)
                    {
                        int value = (text[offset + i] - '0') * 10 + (text[offset + i + 1] - '0');
                        if (!Put(output, ref at, limit, (byte)value))
                        {
                            return -1;
                        }
                        i += 2;
                    }
                    continue;
                }
                byte b = text[offset + i];
                if (b > 127)
                {
                    return -1;
                }
                if (!SwitchTo(SetB, ref set, output, ref at, limit))
                {
                    return -1;
                }
                if (b < 32)
                {
                    if (!Put(output, ref at, limit, (byte)'{') || !Put(output, ref at, limit, (byte)'S'))
                    {
                        return -1;
                    }
                }
                else if (b == '{')
                {
                    if (!Put(output, ref at, limit, (byte)'{'))
                    {
                        return -1;
                    }
                }
                if (!Put(output, ref at, limit, b))
                {
                    return -1;
                }
                i++;
            }
            return at - outputOffset;
        }

        private static bool SwitchTo(int next, ref int set, byte[] output, ref int at, int limit)
        {
            if (set == next)
            {
                return true;
            }
            set = next;
            return Put(output, ref at, limit, (byte)'{') && Put(output, ref at, limit, (byte)('A' + next));
        }

        private static bool Put(byte[] output, ref int at, int limit, byte b)
        {
            if (at >= limit)
            {
                return false;
            }
            output[at++] = b;
            return true;
        }

        private static bool IsDigit(byte b)
        {
            return b >= '0' && b <= '9';
        }
    }
}
