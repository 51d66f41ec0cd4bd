namespace PosFirmware.Iso8583
{
    /// <summary>
    /// Results of packing, parsing, framing and MAC checks. Parsing untrusted bytes never throws: it
    /// returns one of these with the field number it concerns, and CodecStatusText.Describe gives the reason in words.
    /// </summary>
    public enum CodecStatus
    {
        /// <summary>Success.</summary>
        Ok = 0,

        /// <summary>The input ended inside a part of the message.</summary>
        Truncated = 1,

        /// <summary>The message type is not four BCD digits.</summary>
        BadMessageType = 2,

        /// <summary>The bitmap names a field this dialect does not define, or the tertiary bitmap bit.</summary>
        UndefinedField = 3,

        /// <summary>A length prefix is not BCD, is zero where not allowed, or exceeds the field's maximum.</summary>
        BadLength = 4,

        /// <summary>A numeric field holds a nibble that is not a decimal digit.</summary>
        BadDigit = 5,

        /// <summary>The pad nibble of an odd-length numeric field is not 0 or F.</summary>
        BadPad = 6,

        /// <summary>Bytes remain after the last field named by the bitmap.</summary>
        TrailingBytes = 7,

        /// <summary>The output buffer is too small.</summary>
        BufferTooSmall = 8,

        /// <summary>A value is too long, too short or has characters its format does not allow.</summary>
        BadValue = 9,

        /// <summary>The MAC in field 64 does not match the message.</summary>
        BadMac = 10,

        /// <summary>Field 64 is missing (or not the last field) where a MAC is required.</summary>
        MacMissing = 11,

        /// <summary>The frame's length prefix does not match the bytes, or exceeds the receive buffer.</summary>
        BadFrameLength = 12,

        /// <summary>The TPDU's identifier byte is not the configured one.</summary>
        BadTpdu = 13,

        /// <summary>No complete message arrived within the timeout.</summary>
        Timeout = 14,

        /// <summary>The connection is closed or was reset.</summary>
        ConnectionClosed = 15,

        /// <summary>A MAC was needed but no working MAC key is loaded.</summary>
        NoMacKey = 16,

        /// <summary>A message with no fields, or a bitmap with no field bits.</summary>
        EmptyBitmap = 17,

        /// <summary>An an/ans field holds a control character (C0 or DEL).</summary>
        ControlCharacter = 18,
    }
}
