namespace PosFirmware.Scanner
{
    /// <summary>
    /// One scheme's payment-code shape: digits only, a length range and a range of leading digits.
    /// "WeChat, 18 digits, prefix 10-15" is MinLength 18, MaxLength 18, PrefixDigits 2, PrefixLow 10, PrefixHigh 15.
    /// </summary>
    public class PaymentCodeRule
    {
        /// <summary>Creates a rule.</summary>
        public PaymentCodeRule(PaymentScheme scheme, int minLength, int maxLength, int prefixDigits, int prefixLow, int prefixHigh)
        {
            Scheme = scheme;
            MinLength = minLength;
            MaxLength = maxLength;
            PrefixDigits = prefixDigits;
            PrefixLow = prefixLow;
            PrefixHigh = prefixHigh;
        }

        /// <summary>The wallet the rule's codes belong to.</summary>
        public readonly PaymentScheme Scheme;

        /// <summary>Fewest digits.</summary>
        public readonly int MinLength;

        /// <summary>Most digits.</summary>
        public readonly int MaxLength;

        /// <summary>How many leading digits the prefix range compares.</summary>
        public readonly int PrefixDigits;

        /// <summary>Lowest prefix value, inclusive.</summary>
        public readonly int PrefixLow;

        /// <summary>Highest prefix value, inclusive.</summary>
        public readonly int PrefixHigh;

        /// <summary>True if count digits of code from offset fit this rule (the caller checked they are digits).</summary>
        public bool Matches(byte[] code, int offset, int count)
        {
            if (count < MinLength || count > MaxLength || count < PrefixDigits)
            {
                return false;
            }
            int prefix = 0;
            for (int i = 0; i < PrefixDigits; i++)
            {
                prefix = prefix * 10 + (code[offset + i] - (byte)'0');
            }
            return prefix >= PrefixLow && prefix <= PrefixHigh;
        }
    }
}
