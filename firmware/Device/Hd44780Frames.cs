namespace PosFirmware.Device
{
    /// <summary>
    /// HD44780 bytes as the PCF8574 backpack carries them, in 4-bit mode: expander bit 0 = RS, 1 = R/W,
    /// 2 = E, 3 = backlight, 4..7 = D4..D7 (the common module's wiring). Each byte to the controller is two
    /// nibbles, each latched by a high-then-low E, so one byte is 4 expander writes. The frames are written
    /// into a caller's buffer, so a line update allocates nothing.
    /// </summary>
    public static class Hd44780Frames
    {
        public const int RegisterSelect = 0x01;
        public const int Enable = 0x04;
        public const int Backlight = 0x08;

        /// <summary>Expander writes per controller byte.</summary>
        public const int WritesPerByte = 4;

        /// <summary>Clear display (1.52 ms), entry mode increment, display on, function set 4-bit 2-line 5x8.</summary>
        public const byte ClearDisplay = 0x01;
        public const byte EntryModeIncrement = 0x06;
        public const byte DisplayOn = 0x0C;
        public const byte FunctionSet4Bit2Line = 0x28;
        public const byte SetDdramAddress = 0x80;

        /// <summary>DDRAM address of each row's first column on a 20x4 module (rows 2 and 3 continue rows 0 and 1).</summary>
        public static readonly byte[] RowAddresses20x4 = new byte[] { 0x00, 0x40, 0x14, 0x54 };

        /// <summary>Writes the 4 expander bytes for one controller byte at offset; returns the offset after them.</summary>
        public static int Write(byte[] frames, int offset, byte value, bool isData, bool backlight)
        {
            int control = (isData ? RegisterSelect : 0) | (backlight ? Backlight : 0);
            offset = WriteNibble(frames, offset, value & 0xF0, control);
            return WriteNibble(frames, offset, (value << 4) & 0xF0, control);
        }

        /// <summary>Writes one nibble (in the high 4 bits) with E high then low; returns the offset after it.</summary>
        public static int WriteNibble(byte[] frames, int offset, int highNibble, int control)
        {
            frames[offset] = (byte)(highNibble | control | Enable);
            frames[offset + 1] = (byte)(highNibble | control);
            return offset + 2;
        }

        /// <summary>
        /// The character code for a char: ASCII 0x20..0x7D as is, except the backslash, which the common A00
        /// character ROM shows as a yen sign; anything else as '?'.
        /// </summary>
        public static byte CharacterCode(char c)
        {
            return c >= ' ' && c <= '}' && c != '\\' ? (byte)c : (byte)'?';
        }
    }
}
