namespace PosFirmware.Scanner
{
    /// <summary>
    /// Reads a code-table file: one "rule = Scheme LENGTHS PREFIXES" line per scheme, where LENGTHS is
    /// "18" or "16-24" and PREFIXES is "62" or "10-15" (the prefix compares as many leading digits as the
    /// bounds are written with, which must be the same for both). Rules keep file order.
    /// </summary>
    public class PaymentCodeTableParser
    {
        private readonly ScannerConfig _config;

        /// <summary>Creates a parser with the limits of config.</summary>
        public PaymentCodeTableParser(ScannerConfig config)
        {
            _config = config;
        }

        /// <summary>Why the last Parse failed, or null.</summary>
        public string Error;

        /// <summary>Parses count bytes of text from offset; null on error (see Error).</summary>
        public PaymentCodeTable Parse(byte[] text, int offset, int count)
        {
            Error = null;
            PaymentCodeTable table = new PaymentCodeTable(_config.MaxCodeRules);
            KeyValueText lines = new KeyValueText(text, offset, count, _config.MaxConfigLineChars);
            while (lines.Next())
            {
                if (lines.Key != "rule")
                {
                    return Fail(lines.LineError("unknown key '" + lines.Key + "' (expected rule)"));
                }
                PaymentCodeRule rule = ParseRule(lines.Value);
                if (rule == null)
                {
                    return Fail(lines.LineError(Error));
                }
                if (!table.Add(rule))
                {
                    return Fail(lines.LineError("more than " + _config.MaxCodeRules.ToString() + " rules"));
                }
            }
            if (lines.Error != null)
            {
                return Fail(lines.Error);
            }
            if (table.Count == 0)
            {
                return Fail("no rules");
            }
            return table;
        }

        private PaymentCodeTable Fail(string why)
        {
            Error = why;
            return null;
        }

        private PaymentCodeRule ParseRule(string value)
        {
            int firstSpace = value.IndexOf(' ');
            int lastSpace = value.LastIndexOf(' ');
            if (firstSpace <= 0 || lastSpace == firstSpace || value.IndexOf(' ', firstSpace + 1) != lastSpace)
            {
                Error = "rule needs three fields: scheme lengths prefixes (e.g. WeChat 18 10-15)";
                return null;
            }
            string scheme = value.Substring(0, firstSpace);
            string lengths = value.Substring(firstSpace + 1, lastSpace - firstSpace - 1);
            string prefixes = value.Substring(lastSpace + 1);
            int dash = lengths.IndexOf('-');
            long minLength = dash < 0 ? ConfigValues.ParseNumber(lengths) : ConfigValues.ParseNumber(lengths, 0, dash);
            long maxLength = dash < 0 ? minLength : ConfigValues.ParseNumber(lengths, dash + 1, lengths.Length);
            if (minLength < 1 || maxLength < minLength || maxLength > _config.MaxLineBytes)
            {
                Error = "lengths '" + lengths + "' must be N or N-M with 1 <= N <= M <= " + _config.MaxLineBytes.ToString();
                return null;
            }
            dash = prefixes.IndexOf('-');
            int lowStop = dash < 0 ? prefixes.Length : dash;
            int highStart = dash < 0 ? 0 : dash + 1;
            int digits = lowStop;
            long low = ConfigValues.ParseNumber(prefixes, 0, lowStop);
            long high = ConfigValues.ParseNumber(prefixes, highStart, prefixes.Length);
            if (low < 0 || high < low || digits > 6 || prefixes.Length - highStart != digits || digits > minLength)
            {
                Error = "prefixes '" + prefixes + "' must be P or P-Q, both written with the same number of digits (at most 6, at most the shortest length)";
                return null;
            }
            return new PaymentCodeRule(scheme, (int)minLength, (int)maxLength, digits, (int)low, (int)high);
        }
    }
}
