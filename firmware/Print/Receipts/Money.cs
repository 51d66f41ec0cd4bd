namespace PosFirmware.Print.Receipts
{
    /// <summary>Formats amounts held in fen (1/100 yuan) as long; no floating point anywhere.</summary>
    public static class Money
    {
        /// <summary>"12.34" (with a leading "-" for negative amounts).</summary>
        public static string Decimal(long fen)
        {
            bool negative = fen < 0;
            // Work in the negative range so long.MinValue formats too.
            long n = negative ? fen : -fen;
            long yuan = -(n / 100);
            long cents = -(n % 100);
            string text = yuan.ToString() + "." + (cents < 10 ? "0" : "") + cents.ToString();
            return negative ? "-" + text : text;
        }

        /// <summary>"¥12.34".</summary>
        public static string Yuan(long fen)
        {
            return fen < 0 ? "-\u00A5" + Decimal(fen).Substring(1) : "\u00A5" + Decimal(fen);
        }

        /// <summary>"12.34 CNY".</summary>
        public static string Cny(long fen)
        {
            return Decimal(fen) + " CNY";
        }
    }
}
