namespace PosFirmware.Operator
{
    /// <summary>
    /// Money as the display shows it: "CNY 12.34". ASCII, because character LCD modules (HD44780 ROM A00)
    /// have no yen/yuan sign at a portable code point.
    /// </summary>
    public static class AmountText
    {
        /// <summary>Formats fen as "CNY yuan.fen".</summary>
        public static string Format(long fen)
        {
            string sign = "";
            if (fen < 0)
            {
                sign = "-";
                fen = -fen;
            }
            long yuan = fen / 100;
            long cents = fen % 100;
            return "CNY " + sign + yuan.ToString() + (cents < 10 ? ".0" : ".") + cents.ToString();
        }
    }
}
