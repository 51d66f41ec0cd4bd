namespace PosFirmware.Print.Codes
{
    /// <summary>EAN-8 (GS1 General Specifications §5.2.1.2.2): four L digits, four R digits, check digit with weights 3, 1.</summary>
    public static class Ean8
    {
        /// <summary>Encodes 7 digits (check digit added) or 8 (check digit verified).</summary>
        public static bool Encode(byte[] data, int offset, int count, BarcodeModules output)
        {
            output.Clear();
            if (count != 7 && count != 8)
            {
                return false;
            }
            int sum = 0;
            for (int i = 0; i < count; i++)
            {
                int d = data[offset + i] - '0';
                if (d < 0 || d > 9)
                {
                    return false;
                }
                if (i < 7)
                {
                    sum += i % 2 == 0 ? 3 * d : d;
                }
            }
            int check = (10 - sum % 10) % 10;
            if (count == 8 && data[offset + 7] - '0' != check)
            {
                return false;
            }
            output.AppendWidths("111");
            for (int i = 0; i < 4; i++)
            {
                Ean13.AppendLeft(output, data[offset + i] - '0', false);
            }
            output.Append(false, 1);
            output.AppendWidths("1111");
            for (int i = 4; i < 8; i++)
            {
                Ean13.AppendRight(output, i == 7 ? check : data[offset + i] - '0');
            }
            output.AppendWidths("111");
            for (int i = 0; i < 7; i++)
            {
                output.AppendText((char)data[offset + i]);
            }
            output.AppendText((char)('0' + check));
            return output.Count == 67;
        }
    }
}
