using PosFirmware.Hal;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// Packs and parses the message body: BCD message type, 64-bit primary bitmap (a secondary one when a
    /// field above 64 is present), then each field as the field table says. Framing (length prefix, TPDU,
    /// header) is Iso8583Frame's job. Parsing checks every length against both the field table and the
    /// bytes left before reading, and reports failures as CodecStatus values with the field concerned.
    /// </summary>
    public sealed class Iso8583Codec
    {
        /// <summary>Bytes of the BCD message type.</summary>
        public const int MessageTypeBytes = 2;

        /// <summary>Bytes of one bitmap.</summary>
        public const int BitmapBytes = 8;

        private const int PadZero = 0x0;
        private const int PadF = 0xF;
        private const int TrackSeparatorNibble = 0xD;

        private readonly FieldTable _table;

        /// <summary>Creates a codec for a field table.</summary>
        public Iso8583Codec(FieldTable table)
        {
            Check.That(table != null, "a codec needs a field table");
            _table = table;
        }

        /// <summary>The field table.</summary>
        public FieldTable Table
        {
            get { return _table; }
        }

        /// <summary>The pad nibble written after odd-length left-aligned values (0 per docs/acquirer-protocol.md, framing; some hosts use F).</summary>
        public int OddPadNibble { get; set; }

        /// <summary>Status of the last Pack or Unpack.</summary>
        public CodecStatus LastStatus { get; private set; }

        /// <summary>Field number the last failure concerns (0 for the message type or bitmap).</summary>
        public int LastField { get; private set; }

        /// <summary>Offset, from the start of the body, where the last Unpack failed.</summary>
        public int LastErrorOffset { get; private set; }

        /// <summary>
        /// Packs msg into buffer[offset..offset+capacity): true with the body's byte count, or false with
        /// LastStatus and LastField set.
        /// </summary>
        public bool TryPack(Iso8583Message msg, byte[] buffer, int offset, int capacity, out int bodyBytes)
        {
            bodyBytes = 0;
            LastField = 0;
            LastErrorOffset = 0;
            if (msg == null || buffer == null || offset < 0 || capacity < 0 || offset + capacity > buffer.Length)
            {
                return Fail(CodecStatus.BufferTooSmall, 0);
            }
            int mti = msg.MessageType;
            if (mti < 0 || mti > 9999)
            {
                return Fail(CodecStatus.BadMessageType, 0);
            }
            int highest = msg.HighestField();
            if (highest == 0)
            {
                return Fail(CodecStatus.EmptyBitmap, 0);
            }
            bool secondary = highest > 64;
            int headBytes = MessageTypeBytes + (secondary ? 2 * BitmapBytes : BitmapBytes);
            if (capacity < headBytes)
            {
                return Fail(CodecStatus.BufferTooSmall, 0);
            }
            int end = offset + capacity;
            buffer[offset] = (byte)(((mti / 1000) << 4) | ((mti / 100) % 10));
            buffer[offset + 1] = (byte)((((mti / 10) % 10) << 4) | (mti % 10));
            int bitmapAt = offset + MessageTypeBytes;
            for (int i = 0; i < headBytes - MessageTypeBytes; i++)
            {
                buffer[bitmapAt + i] = 0;
            }
            if (secondary)
            {
                buffer[bitmapAt] |= 0x80;
            }
            int at = offset + headBytes;
            for (int field = 2; field <= FieldTable.MaxField; field++)
            {
                if (!msg.Has(field))
                {
                    continue;
                }
                FieldSpec spec = _table.Get(field);
                if (spec == null || field == 65 || msg.Table != _table)
                {
                    return Fail(CodecStatus.UndefinedField, field);
                }
                buffer[bitmapAt + (field - 1) / 8] |= (byte)(0x80 >> ((field - 1) % 8));
                at = PackField(spec, msg.ValueBuffer(field), msg.Length(field), buffer, at, end);
                if (at < 0)
                {
                    return Fail(LastStatus, field);
                }
            }
            LastStatus = CodecStatus.Ok;
            bodyBytes = at - offset;
            return true;
        }

        /// <summary>
        /// Parses exactly count bytes of body from buffer[offset] into msg (cleared first). Returns a
        /// CodecStatus; on failure LastField and LastErrorOffset say where. Never reads outside the range.
        /// </summary>
        public CodecStatus Unpack(byte[] buffer, int offset, int count, Iso8583Message msg)
        {
            LastField = 0;
            LastErrorOffset = 0;
            if (msg == null || msg.Table != _table)
            {
                return FailAt(CodecStatus.UndefinedField, 0, 0);
            }
            msg.Clear();
            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                return FailAt(CodecStatus.Truncated, 0, 0);
            }
            int end = offset + count;
            if (count < MessageTypeBytes + BitmapBytes)
            {
                return FailAt(CodecStatus.Truncated, 0, count);
            }
            int mti = 0;
            for (int i = 0; i < MessageTypeBytes; i++)
            {
                int high = buffer[offset + i] >> 4;
                int low = buffer[offset + i] & 0xF;
                if (high > 9 || low > 9)
                {
                    return FailAt(CodecStatus.BadMessageType, 0, i);
                }
                mti = mti * 100 + high * 10 + low;
            }
            int bitmapAt = offset + MessageTypeBytes;
            bool secondary = (buffer[bitmapAt] & 0x80) != 0;
            int bitmapBytes = secondary ? 2 * BitmapBytes : BitmapBytes;
            if (bitmapAt + bitmapBytes > end)
            {
                return FailAt(CodecStatus.Truncated, 0, count);
            }
            int at = bitmapAt + bitmapBytes;
            int lastField = secondary ? FieldTable.MaxField : 64;
            int fieldCount = 0;
            for (int field = 2; field <= lastField; field++)
            {
                if ((buffer[bitmapAt + (field - 1) / 8] & (0x80 >> ((field - 1) % 8))) == 0)
                {
                    continue;
                }
                FieldSpec spec = _table.Get(field);
                if (spec == null)
                {
                    msg.Clear();
                    return FailAt(CodecStatus.UndefinedField, field, at - offset);
                }
                int next = UnpackField(spec, buffer, at, end, msg);
                if (next < 0)
                {
                    msg.Clear();
                    return FailAt(LastStatus, field, at - offset);
                }
                at = next;
                fieldCount++;
            }
            if (fieldCount == 0)
            {
                msg.Clear();
                return FailAt(CodecStatus.EmptyBitmap, 0, MessageTypeBytes);
            }
            if (at != end)
            {
                msg.Clear();
                return FailAt(CodecStatus.TrailingBytes, 0, at - offset);
            }
            msg.MessageType = mti;
            LastStatus = CodecStatus.Ok;
            return CodecStatus.Ok;
        }

        /// <summary>The failure of the last call in words, with the field: for logs and the decode command.</summary>
        public string DescribeLastError()
        {
            if (LastStatus == CodecStatus.Ok)
            {
                return "ok";
            }
            string where = LastField == 0 ? "" : " in field " + LastField.ToString();
            return CodecStatusText.Describe(LastStatus) + where + " at body offset " + LastErrorOffset.ToString();
        }

        private int PackField(FieldSpec spec, byte[] value, int length, byte[] buffer, int at, int end)
        {
            int format = spec.Format;
            int prefix = FieldFormat.LengthPrefixBytes(format);
            bool nibbles = FieldFormat.IsNibblePacked(format);
            int dataBytes = nibbles ? (length + 1) / 2 : length;
            if (length > spec.MaxLength || (FieldFormat.IsFixed(format) && length != spec.MaxLength))
            {
                LastStatus = CodecStatus.BadValue;
                return -1;
            }
            if (end - at < prefix + dataBytes)
            {
                LastStatus = CodecStatus.BufferTooSmall;
                return -1;
            }
            if (prefix == 1)
            {
                buffer[at++] = (byte)(((length / 10) << 4) | (length % 10));
            }
            else if (prefix == 2)
            {
                buffer[at++] = (byte)(length / 100);
                buffer[at++] = (byte)((((length / 10) % 10) << 4) | (length % 10));
            }
            if (!nibbles)
            {
                bool alpha = FieldFormat.IsAlpha(format);
                for (int i = 0; i < length; i++)
                {
                    if (alpha && !FieldFormat.IsAlphaByte(value[i]))
                    {
                        LastStatus = CodecStatus.ControlCharacter;
                        return -1;
                    }
                    buffer[at + i] = value[i];
                }
                return at + length;
            }
            // Fixed numerics are right-aligned (pad nibble first); variable ones left-aligned (pad last).
            bool padFirst = format == FieldFormat.NumericFixed && (length & 1) == 1;
            int nibbleCount = dataBytes * 2;
            for (int n = 0; n < nibbleCount; n++)
            {
                int charIndex = padFirst ? n - 1 : n;
                int nibble;
                if (charIndex < 0)
                {
                    nibble = PadZero;
                }
                else if (charIndex >= length)
                {
                    nibble = OddPadNibble & 0xF;
                }
                else
                {
                    int c = value[charIndex];
                    if (c == '=')
                    {
                        nibble = TrackSeparatorNibble;
                    }
                    else if (c >= '0' && c <= '9')
                    {
                        nibble = c - '0';
                    }
                    else
                    {
                        LastStatus = CodecStatus.BadValue;
                        return -1;
                    }
                }
                if ((n & 1) == 0)
                {
                    buffer[at + n / 2] = (byte)(nibble << 4);
                }
                else
                {
                    buffer[at + n / 2] |= (byte)nibble;
                }
            }
            return at + dataBytes;
        }

        private int UnpackField(FieldSpec spec, byte[] buffer, int at, int end, Iso8583Message msg)
        {
            int format = spec.Format;
            int prefix = FieldFormat.LengthPrefixBytes(format);
            int length = spec.MaxLength;
            if (prefix > 0)
            {
                if (end - at < prefix)
                {
                    LastStatus = CodecStatus.Truncated;
                    return -1;
                }
                length = 0;
                for (int i = 0; i < prefix; i++)
                {
                    int high = buffer[at + i] >> 4;
                    int low = buffer[at + i] & 0xF;
                    if (high > 9 || low > 9)
                    {
                        LastStatus = CodecStatus.BadLength;
                        return -1;
                    }
                    length = length * 100 + high * 10 + low;
                }
                if (length > spec.MaxLength)
                {
                    LastStatus = CodecStatus.BadLength;
                    return -1;
                }
                at += prefix;
            }
            bool nibbles = FieldFormat.IsNibblePacked(format);
            int dataBytes = nibbles ? (length + 1) / 2 : length;
            if (end - at < dataBytes)
            {
                LastStatus = CodecStatus.Truncated;
                return -1;
            }
            byte[] value = msg.ValueBuffer(spec.Number);
            if (!nibbles)
            {
                bool alpha = FieldFormat.IsAlpha(format);
                for (int i = 0; i < length; i++)
                {
                    int b = buffer[at + i];
                    if (alpha && !FieldFormat.IsAlphaByte(b))
                    {
                        LastStatus = CodecStatus.ControlCharacter;
                        return -1;
                    }
                    value[i] = (byte)b;
                }
                msg.MarkDecoded(spec.Number, length);
                return at + length;
            }
            bool padFirst = format == FieldFormat.NumericFixed && (length & 1) == 1;
            bool track = FieldFormat.IsTrack(format);
            int nibbleCount = dataBytes * 2;
            for (int n = 0; n < nibbleCount; n++)
            {
                int b = buffer[at + n / 2];
                int nibble = (n & 1) == 0 ? b >> 4 : b & 0xF;
                int charIndex = padFirst ? n - 1 : n;
                if (charIndex < 0 || charIndex >= length)
                {
                    if (nibble != PadZero && nibble != PadF)
                    {
                        LastStatus = CodecStatus.BadPad;
                        return -1;
                    }
                    continue;
                }
                if (nibble <= 9)
                {
                    value[charIndex] = (byte)('0' + nibble);
                }
                else if (track && nibble == TrackSeparatorNibble)
                {
                    value[charIndex] = (byte)'=';
                }
                else
                {
                    LastStatus = CodecStatus.BadDigit;
                    return -1;
                }
            }
            msg.MarkDecoded(spec.Number, length);
            return at + dataBytes;
        }

        private bool Fail(CodecStatus status, int field)
        {
            LastStatus = status;
            LastField = field;
            return false;
        }

        private CodecStatus FailAt(CodecStatus status, int field, int bodyOffset)
        {
            LastStatus = status;
            LastField = field;
            LastErrorOffset = bodyOffset;
            return status;
        }
    }
}
