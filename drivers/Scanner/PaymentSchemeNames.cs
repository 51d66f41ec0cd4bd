namespace PosFirmware.Scanner
{
    /// <summary>
    /// The one mapping between a scheme's name as the code table and the journal write it and its
    /// <see cref="PaymentScheme"/>. A switch, not the enum's own name: on the device an enum formats as
    /// its number.
    /// </summary>
    public static class PaymentSchemeNames
    {
        /// <summary>How many schemes there are (values 0..Count-1).</summary>
        public const int Count = 3;

        /// <summary>The names a code table may use, for error messages.</summary>
        public const string Known = "WeChat, Alipay, UnionPay";

        /// <summary>The scheme's name as the code table writes it.</summary>
        public static string Name(PaymentScheme scheme)
        {
            switch (scheme)
            {
                case PaymentScheme.WeChat: return "WeChat";
                case PaymentScheme.Alipay: return "Alipay";
                case PaymentScheme.UnionPay: return "UnionPay";
                default: return "scheme " + ((int)scheme).ToString();
            }
        }

        /// <summary>The scheme a name stands for (exact, case-sensitive); false for any other text.</summary>
        public static bool TryParse(string name, out PaymentScheme scheme)
        {
            for (int i = 0; i < Count; i++)
            {
                if (name == Name((PaymentScheme)i))
                {
                    scheme = (PaymentScheme)i;
                    return true;
                }
            }
            scheme = PaymentScheme.WeChat;
            return false;
        }
    }
}
