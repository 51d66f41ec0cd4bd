namespace PosFirmware.Common
{
    /// <summary>Bytes as upper-case hexadecimal ASCII and back, into caller buffers (no allocation).</summary>
    public static class HexText
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary>Writes 2*count ASCII hex characters for source[offset..] into target[targetOffset..].</summary>
        public static void Encode(byte[] source, int offset, int count, byte[] target, int targetOffset)
        {
            for (int i = 0; i < count; i++)
            {
                int b = source[offset + i];
                target[targetOffset + 2 * i] = (byte)Digits[b >> 4];
                target[targetOffset + 2 * i + 1] = (byte)Digits[b & 0xF];
            }
        }

        /// <summary>The value of one ASCII hex digit (either case), or -1 if it is not one.</summary>
        public static int DigitValue(int ascii)
        {
            if (ascii >= '0' && ascii <= '9')
            {
                return ascii - '0';
            }
            if (ascii >= 'A' && ascii <= 'F')
            {
                return ascii - 'A' + 10;
            }
            if (ascii >= 'a' && ascii <= 'f')
            {
                return ascii - 'a' + 10;
            }
            return -1;
        }

        /// <summary>
        /// Parses hex text into target; returns the byte count, or -1 if the text has an odd length, a
        /// character that is not a hex digit, or does not fit.
        /// </summary>
        public static int Decode(string text, byte[] target, int targetOffset)
        {
            if (text == null || (text.Length & 1) != 0 || targetOffset < 0 || targetOffset + text.Length / 2 > target.Length)
            {
                return -1;
            }
            for (int i = 0; i < text.Length; i += 2)
            {
                int high = DigitValue(text[i]);
                int low = DigitValue(text[i + 1]);
                if (high < 0 || low < 0)
                {
                    return -1;
                }
                target[targetOffset + i / 2] = (byte)((high << 4) | low);
            }
            return text.Length / 2;
        }
    }
}
