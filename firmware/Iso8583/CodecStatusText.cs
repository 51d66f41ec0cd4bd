namespace PosFirmware.Iso8583
{
    /// <summary>
    /// CodecStatus in words. A switch, not the enum's name: on the device an enum formats as its number.
    /// </summary>
    public static class CodecStatusText
    {
        /// <summary>A reason in words (static text: safe to log, never contains field values).</summary>
        public static string Describe(CodecStatus status)
        {
            switch (status)
            {
                case CodecStatus.Ok: return "ok";
                case CodecStatus.Truncated: return "message ends early";
                case CodecStatus.BadMessageType: return "message type is not 4 BCD digits";
                case CodecStatus.UndefinedField: return "bitmap names a field the field table does not define";
                case CodecStatus.BadLength: return "bad length prefix";
                case CodecStatus.BadDigit: return "numeric field holds a non-decimal nibble";
                case CodecStatus.BadPad: return "pad nibble is not 0 or F";
                case CodecStatus.TrailingBytes: return "bytes after the last field";
                case CodecStatus.BufferTooSmall: return "output buffer too small";
                case CodecStatus.BadValue: return "value does not fit the field format";
                case CodecStatus.BadMac: return "MAC mismatch";
                case CodecStatus.MacMissing: return "field 64 (MAC) missing or not last";
                case CodecStatus.BadFrameLength: return "frame length prefix does not match";
                case CodecStatus.BadTpdu: return "TPDU identifier mismatch";
                case CodecStatus.Timeout: return "no complete message before the timeout";
                case CodecStatus.ConnectionClosed: return "connection closed";
                case CodecStatus.NoMacKey: return "no MAC key loaded";
                case CodecStatus.EmptyBitmap: return "bitmap has no fields";
                case CodecStatus.ControlCharacter: return "text field holds a control character";
                default: return "unknown status";
            }
        }
    }
}
