namespace PosFirmware.Common
{
    /// <summary>
    /// Bytes as upper-case hexadecimal ASCII, into a caller's buffer (no allocation). Hex text in config
    /// files is read by ConfigReader.TryParseHexBytes.
    /// </summary>
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
    }
}
