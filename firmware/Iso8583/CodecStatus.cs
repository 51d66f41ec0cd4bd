namespace PosFirmware.Iso8583
{
    /// <summary>
    /// Results of packing, parsing, framing and MAC checks. Parsing untrusted bytes never throws: it
    /// returns one of these with the field number it concerns, and Describe gives the reason in words.
    /// </summary>
    public static class CodecStatus
    {
        /// <summary>Success.</summary>
        public const int Ok = 0;

        /// <summary>The input ended inside a part of the message.</summary>
        public const int Truncated = 1;

        /// <summary>The message type is not four BCD digits.</summary>
        public const int BadMessageType = 2;

        /// <summary>The bitmap names a field this dialect does not define, or the tertiary bitmap bit.</summary>
        public const int UndefinedField = 3;

        /// <summary>A length prefix is not BCD, is zero where not allowed, or exceeds the field's maximum.</summary>
        public const int BadLength = 4;

        /// <summary>A numeric field holds a nibble that is not a decimal digit.</summary>
        public const int BadDigit = 5;

        /// <summary>The pad nibble of an odd-length numeric field is not 0 or F.</summary>
        public const int BadPad = 6;

        /// <summary>Bytes remain after the last field named by the bitmap.</summary>
        public const int TrailingBytes = 7;

        /// <summary>The output buffer is too small.</summary>
        public const int BufferTooSmall = 8;

        /// <summary>A value is too long, too short or has characters its format does not allow.</summary>
        public const int BadValue = 9;

        /// <summary>The MAC in field 64 does not match the message.</summary>
        public const int BadMac = 10;

        /// <summary>Field 64 is missing (or not the last field) where a MAC is required.</summary>
        public const int MacMissing = 11;

        /// <summary>The frame's length prefix does not match the bytes, or exceeds the receive buffer.</summary>
        public const int BadFrameLength = 12;

        /// <summary>The TPDU's identifier byte is not the configured one.</summary>
        public const int BadTpdu = 13;

        /// <summary>No complete message arrived within the timeout.</summary>
        public const int Timeout = 14;

        /// <summary>The connection is closed or was reset.</summary>
        public const int ConnectionClosed = 15;

        /// <summary>A MAC was needed but no working MAC key is loaded.</summary>
        public const int NoMacKey = 16;

        /// <summary>A message with no fields, or a bitmap with no field bits.</summary>
        public const int EmptyBitmap = 17;

        /// <summary>A reason in words (static text: safe to log, never contains field values).</summary>
        public static string Describe(int status)
        {
            switch (status)
            {
                case Ok: return "ok";
                case Truncated: return "message ends early";
                case BadMessageType: return "message type is not 4 BCD digits";
                case UndefinedField: return "bitmap names a field the field table does not define";
                case BadLength: return "bad length prefix";
                case BadDigit: return "numeric field holds a non-decimal nibble";
                case BadPad: return "pad nibble is not 0 or F";
                case TrailingBytes: return "bytes after the last field";
                case BufferTooSmall: return "output buffer too small";
                case BadValue: return "value does not fit the field format";
                case BadMac: return "MAC mismatch";
                case MacMissing: return "field 64 (MAC) missing or not last";
                case BadFrameLength: return "frame length prefix does not match";
                case BadTpdu: return "TPDU identifier mismatch";
                case Timeout: return "no complete message before the timeout";
                case ConnectionClosed: return "connection closed";
                case NoMacKey: return "no MAC key loaded";
                case EmptyBitmap: return "bitmap has no fields";
                default: return "unknown status";
            }
        }
    }
}
