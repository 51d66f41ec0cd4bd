using PosFirmware.Hal;

namespace PosFirmware.Scanner
{
    /// <summary>
    /// Which wallet a scanned code belongs to, by a table of rules tried in order (docs/payment-codes.md:
    /// WeChat 18 digits with prefix 10-15, Alipay 16-24 digits with prefix 25-30, UnionPay QR 19 digits with
    /// prefix 62). Wallets change prefixes over time, so the table is data: Profiles/paycodes.table, read by
    /// PaymentCodeTableFile, is its one definition.
    /// </summary>
    public class PaymentCodeTable
    {
        private readonly PaymentCodeRule[] _rules;
        private int _count;

        /// <summary>Creates an empty table holding up to capacity rules.</summary>
        public PaymentCodeTable(int capacity)
        {
            Check.That(capacity > 0, "code table capacity is positive");
            _rules = new PaymentCodeRule[capacity];
        }

        /// <summary>Rules in the table.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>The rule at index.</summary>
        public PaymentCodeRule Rule(int index)
        {
            Check.That(index >= 0 && index < _count, "rule index inside the table");
            return _rules[index];
        }

        /// <summary>Appends a rule; false when the table is full.</summary>
        public bool Add(PaymentCodeRule rule)
        {
            if (_count == _rules.Length)
            {
                return false;
            }
            _rules[_count++] = rule;
            return true;
        }

        /// <summary>
        /// The index of the first rule the code fits; false with why when it holds anything but ASCII
        /// digits (or nothing), or its digits fit no rule.
        /// </summary>
        public bool TryClassify(byte[] code, int offset, int count, out int rule, out CodeMismatch why)
        {
            rule = -1;
            why = CodeMismatch.NotDigits;
            if (count <= 0)
            {
                return false;
            }
            for (int i = 0; i < count; i++)
            {
                byte b = code[offset + i];
                if (b < (byte)'0' || b > (byte)'9')
                {
                    return false;
                }
            }
            for (int r = 0; r < _count; r++)
            {
                if (_rules[r].Matches(code, offset, count))
                {
                    rule = r;
                    why = CodeMismatch.None;
                    return true;
                }
            }
            why = CodeMismatch.NoRule;
            return false;
        }
    }
}
