namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// CODE93 (AIM USS-93): 9-module characters of three bars and three spaces, two check characters (C and
    /// K, modulo 47), full ASCII through the four shift characters. Epson's GS k 72 takes ASCII 0-127.
    /// </summary>
    public static class Code93
    {
        private const string Characters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

        private const int ShiftDollar = 43;
        private const int ShiftPercent = 44;
        private const int ShiftSlash = 45;
        private const int ShiftPlus = 46;

        // Element widths (bar, space, bar, space, bar, space) of values 0..46, then start/stop.
        private static readonly string[] Patterns =
        {
            "131112", "111213", "111312", "111411", "121113", "121212", "121311", "111114", "131211", "141111",
            "211113", "211212", "211311", "221112", "221211", "231111", "112113", "112212", "112311", "122112",
            "132111", "111123", "111222", "111321", "121122", "131121", "212112", "212211", "211122", "211221",
            "221121", "222111", "112122", "112221", "122121", "123111", "121131", "311112", "311211", "321111",
            "112131", "113121", "211131", "121221", "312111", "311121", "122211",
        };

        private const string StartStop = "111141";

        // Full ASCII punctuation, as CODE39's full ASCII table shifts it: (/) A-O, Z and (%) F-W.
        private const string SlashSet = "!\"#$%&'()*+,-./:";
        private const string SlashLetters = "ABCDEFGHIJKLMNOZ";
        private const string PercentSet = ";<=>?@[\\]^_`{|}~";
        private const string PercentLetters = "FGHIJVKLMNOWPQRS";

        /// <summary>Encodes ASCII data; false for other bytes or when the symbol would not fit.</summary>
        public static bool Encode(byte[] data, int offset, int count, byte[] values, BarcodeModules output)
        {
            output.Clear();
            int n = 0;
            for (int i = 0; i < count; i++)
            {
                int c = data[offset + i];
                int added = ValuesOf(c, values, n);
                if (added == 0)
                {
                    return false;
                }
                n += added;
                output.AppendText(c >= 0x20 && c < 0x7F ? (char)c : ' ');
            }
            if (n + 2 > values.Length || n == 0)
            {
                return false;
            }
            values[n] = (byte)Checksum(values, n, 20);
            values[n + 1] = (byte)Checksum(values, n + 1, 15);
            bool ok = output.AppendWidths(StartStop);
            for (int i = 0; i < n + 2 && ok; i++)
            {
                ok = output.AppendWidths(Patterns[values[i]]);
            }
            return ok && output.AppendWidths(StartStop) && output.Append(true, 1);
        }

        private static int Checksum(byte[] values, int count, int maxWeight)
        {
            int sum = 0;
            for (int i = 0; i < count; i++)
            {
                int weight = (count - 1 - i) % maxWeight + 1;
                sum += weight * values[i];
            }
            return sum % 47;
        }

        /// <summary>Writes the value(s) of ASCII c at values[at]; returns how many (0 if it cannot be encoded or does not fit).</summary>
        private static int ValuesOf(int c, byte[] values, int at)
        {
            if (at + 2 > values.Length - 2)
            {
                return 0;
            }
            int direct = c > 0 && c < 0x80 ? Characters.IndexOf((char)c) : -1;
            if (direct >= 0)
            {
                values[at] = (byte)direct;
                return 1;
            }
            int shift;
            int letter;
            if (c >= 'a' && c <= 'z') { shift = ShiftPlus; letter = c - 'a' + 'A'; }
            else if (c >= 1 && c <= 26) { shift = ShiftDollar; letter = c - 1 + 'A'; }
            else if (c == 0) { shift = ShiftPercent; letter = 'U'; }
            else if (c >= 27 && c <= 31) { shift = ShiftPercent; letter = c - 27 + 'A'; }
            else if (c == 0x7F) { shift = ShiftPercent; letter = 'T'; }
            else if (SlashSet.IndexOf((char)c) >= 0) { shift = ShiftSlash; letter = SlashLetters[SlashSet.IndexOf((char)c)]; }
            else if (PercentSet.IndexOf((char)c) >= 0) { shift = ShiftPercent; letter = PercentLetters[PercentSet.IndexOf((char)c)]; }
            else { return 0; }
            values[at] = (byte)shift;
            values[at + 1] = (byte)Characters.IndexOf((char)letter);
            return 2;
        }
    }
}
