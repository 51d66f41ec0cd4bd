using PosFirmware.Config;

namespace PosFirmware.Scanner
{
    /// <summary>
    /// The payment-code table file (Profiles/paycodes.table): one "rule = Scheme LENGTHS PREFIXES" line per
    /// scheme, tried in file order. LENGTHS is "18" or "16-24"; PREFIXES is "62" or "10-15", and the prefix
    /// compares as many leading digits as its bounds are written with (the same for both). This file is the
    /// one definition of the table: the virtual terminal and the device deploy put it on the flash.
    /// </summary>
    public static class PaymentCodeTableFile
    {
        /// <summary>The keys: rule, once per scheme, up to config.MaxCodeRules.</summary>
        public static ConfigKey[] Schema(ScannerConfig config)
        {
            return new ConfigKey[]
            {
                //            key     type             min  max  unit          required  repeats
                new ConfigKey("rule", ConfigType.Text, 5,   80,  "characters", true,     config.MaxCodeRules),
            };
        }

        /// <summary>A reader for code tables with the bounds of config.</summary>
        public static ConfigReader CreateReader(ScannerConfig config)
        {
            return new ConfigReader(Schema(config), config.MaxConfigFileBytes, config.MaxConfigLineChars, 1);
        }

        /// <summary>Reads a table; false with reader.Status and reader.Message saying why.</summary>
        public static bool TryParse(ConfigReader reader, ScannerConfig config, byte[] text, int offset, int count, out PaymentCodeTable table)
        {
            table = null;
            if (!reader.TryRead(text, offset, count))
            {
                return false;
            }
            PaymentCodeTable rules = new PaymentCodeTable(config.MaxCodeRules);
            for (int i = 0; i < reader.Count("rule"); i++)
            {
                string value;
                reader.TryGetText("rule", i, out value);
                PaymentCodeRule rule;
                string problem = TryParseRule(value, config.MaxLineBytes, out rule);
                if (problem != null)
                {
                    return reader.Fail("rule", i, problem);
                }
                rules.Add(rule);
            }
            table = rules;
            return true;
        }

        // Scheme, lengths and prefixes, separated by single spaces; null when the rule is good, else why not.
        private static string TryParseRule(string value, int maxLength, out PaymentCodeRule rule)
        {
            rule = null;
            int firstSpace = value.IndexOf(' ');
            int lastSpace = value.LastIndexOf(' ');
            if (firstSpace <= 0 || lastSpace == firstSpace || value.IndexOf(' ', firstSpace + 1) != lastSpace)
            {
                return "needs three fields: scheme lengths prefixes (e.g. WeChat 18 10-15)";
            }
            string schemeName = value.Substring(0, firstSpace);
            PaymentScheme scheme;
            if (!PaymentSchemeNames.TryParse(schemeName, out scheme))
            {
                return "unknown scheme '" + schemeName + "' (" + PaymentSchemeNames.Known + ")";
            }
            string lengths = value.Substring(firstSpace + 1, lastSpace - firstSpace - 1);
            string prefixes = value.Substring(lastSpace + 1);
            int minLength;
            int maxLengthGiven;
            int ignored;
            if (!TryParseRange(lengths, false, out minLength, out maxLengthGiven, out ignored) || minLength < 1 || maxLengthGiven < minLength || maxLengthGiven > maxLength)
            {
                return "lengths '" + lengths + "' must be N or N-M with 1 <= N <= M <= " + maxLength.ToString();
            }
            int low;
            int high;
            int digits;
            if (!TryParseRange(prefixes, true, out low, out high, out digits) || high < low || digits > 6 || digits > minLength)
            {
                return "prefixes '" + prefixes + "' must be P or P-Q, both written with the same number of digits (at most 6, at most the shortest length)";
            }
            rule = new PaymentCodeRule(scheme, minLength, maxLengthGiven, digits, low, high);
            return null;
        }

        // "N" or "N-M" of unsigned digits; digits is how many the low bound is written with, and with
        // sameWidth the high bound must be written with as many (prefixes compare that many digits).
        private static bool TryParseRange(string text, bool sameWidth, out int low, out int high, out int digits)
        {
            low = 0;
            high = 0;
            int dash = text.IndexOf('-');
            digits = dash < 0 ? text.Length : dash;
            string lowText = text.Substring(0, digits);
            string highText = dash < 0 ? lowText : text.Substring(dash + 1);
            return digits > 0 && (!sameWidth || highText.Length == digits) && Unsigned(lowText) && Unsigned(highText)
                && ConfigReader.TryParseInt(lowText, out low) && ConfigReader.TryParseInt(highText, out high);
        }

        private static bool Unsigned(string text)
        {
            return text.Length > 0 && text[0] >= '0' && text[0] <= '9';
        }
    }
}
