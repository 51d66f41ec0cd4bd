using System;
using System.Text;
using PosFirmware.Hal;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// One ISO 8583 message: the message type and fields 2..128 in fixed arrays indexed by field number,
    /// each value buffer sized once from the field table. Numeric, track and alphanumeric values are kept
    /// as ASCII characters, binary values as raw bytes; packing turns them into BCD. Reused across
    /// transactions: Clear and the setters allocate nothing.
    /// </summary>
    public sealed class Iso8583Message
    {
        private readonly FieldTable _table;
        private readonly byte[][] _values = new byte[FieldTable.MaxField + 1][];
        private readonly int[] _lengths = new int[FieldTable.MaxField + 1];
        private readonly bool[] _present = new bool[FieldTable.MaxField + 1];

        /// <summary>Creates an empty message for a dialect; allocates every field's buffer now.</summary>
        public Iso8583Message(FieldTable table)
        {
            Check.That(table != null, "a message needs a field table");
            _table = table;
            for (int field = 2; field <= FieldTable.MaxField; field++)
            {
                int capacity = table.ValueCapacity(field);
                if (capacity > 0)
                {
                    _values[field] = new byte[capacity];
                }
            }
        }

        /// <summary>The field table this message follows.</summary>
        public FieldTable Table
        {
            get { return _table; }
        }

        /// <summary>Message type indicator as a number 0..9999 (0200, 0810, ...).</summary>
        public int MessageType { get; set; }

        /// <summary>Removes every field and the message type.</summary>
        public void Clear()
        {
            MessageType = 0;
            for (int field = 0; field <= FieldTable.MaxField; field++)
            {
                _present[field] = false;
                _lengths[field] = 0;
            }
        }

        /// <summary>Makes this message an exact copy of other (same field table required).</summary>
        public void CopyFrom(Iso8583Message other)
        {
            Check.That(other != null && other._table == _table, "copy needs a message of the same field table");
            Clear();
            MessageType = other.MessageType;
            for (int field = 2; field <= FieldTable.MaxField; field++)
            {
                if (other._present[field])
                {
                    Array.Copy(other._values[field], 0, _values[field], 0, other._lengths[field]);
                    _lengths[field] = other._lengths[field];
                    _present[field] = true;
                }
            }
        }

        /// <summary>True when the field is present.</summary>
        public bool Has(int field)
        {
            return field >= 2 && field <= FieldTable.MaxField && _present[field];
        }

        /// <summary>The value length in characters (or bytes for binary), 0 when absent.</summary>
        public int Length(int field)
        {
            return Has(field) ? _lengths[field] : 0;
        }

        /// <summary>The field's value buffer (valid up to Length(field)); null for undefined fields.</summary>
        public byte[] ValueBuffer(int field)
        {
            if (field < 2 || field > FieldTable.MaxField)
            {
                return null;
            }
            return _values[field];
        }

        /// <summary>Removes a field.</summary>
        public void Remove(int field)
        {
            if (field >= 2 && field <= FieldTable.MaxField)
            {
                _present[field] = false;
                _lengths[field] = 0;
            }
        }

        /// <summary>
        /// Sets a field from count bytes of source. Fixed numeric values shorter than the field are padded
        /// with leading zeros, fixed alphanumerics with trailing spaces; fixed binary must be exact.
        /// Returns a CodecStatus (the message is unchanged on failure).
        /// </summary>
        public CodecStatus Set(int field, byte[] source, int offset, int count)
        {
            FieldSpec spec = _table.Get(field);
            if (spec == null)
            {
                return CodecStatus.UndefinedField;
            }
            if (source == null || offset < 0 || count < 0 || offset + count > source.Length || count > spec.MaxLength)
            {
                return CodecStatus.BadValue;
            }
            int format = spec.Format;
            if (FieldFormat.IsNibblePacked(format))
            {
                bool track = FieldFormat.IsTrack(format);
                for (int i = 0; i < count; i++)
                {
                    byte c = source[offset + i];
                    if (!((c >= '0' && c <= '9') || (track && c == '=')))
                    {
                        return CodecStatus.BadValue;
                    }
                }
            }
            if (format == FieldFormat.BinaryFixed && count != spec.MaxLength)
            {
                return CodecStatus.BadValue;
            }
            byte[] target = _values[field];
            int length = FieldFormat.IsFixed(format) ? spec.MaxLength : count;
            int pad = length - count;
            if (format == FieldFormat.NumericFixed)
            {
                for (int i = 0; i < pad; i++)
                {
                    target[i] = (byte)'0';
                }
                Array.Copy(source, offset, target, pad, count);
            }
            else
            {
                Array.Copy(source, offset, target, 0, count);
                for (int i = count; i < length; i++)
                {
                    target[i] = (byte)' ';
                }
            }
            _lengths[field] = length;
            _present[field] = true;
            return CodecStatus.Ok;
        }

        /// <summary>Sets a field from text (ASCII characters). Returns a CodecStatus; unchanged on failure.</summary>
        public CodecStatus SetText(int field, string text)
        {
            FieldSpec spec = _table.Get(field);
            if (spec == null)
            {
                return CodecStatus.UndefinedField;
            }
            if (text == null || text.Length > spec.MaxLength)
            {
                return CodecStatus.BadValue;
            }
            bool nibbles = FieldFormat.IsNibblePacked(spec.Format);
            bool track = FieldFormat.IsTrack(spec.Format);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c > 127 || (nibbles && !((c >= '0' && c <= '9') || (track && c == '='))))
                {
                    return CodecStatus.BadValue;
                }
                if (FieldFormat.IsAlpha(spec.Format) && !FieldFormat.IsAlphaByte(c))
                {
                    return CodecStatus.ControlCharacter;
                }
            }
            if (spec.Format == FieldFormat.BinaryFixed && text.Length != spec.MaxLength)
            {
                return CodecStatus.BadValue;
            }
            // Valid: stage the characters where Set expects them (right-aligned for fixed numerics) and let
            // Set pad in place.
            byte[] buffer = _values[field];
            int at = spec.Format == FieldFormat.NumericFixed ? spec.MaxLength - text.Length : 0;
            for (int i = 0; i < text.Length; i++)
            {
                buffer[at + i] = (byte)text[i];
            }
            return Set(field, buffer, at, text.Length);
        }

        /// <summary>Sets a numeric field to a non-negative number in exactly digits digits (leading zeros).</summary>
        public CodecStatus SetNumber(int field, long value, int digits)
        {
            FieldSpec spec = _table.Get(field);
            if (spec == null)
            {
                return CodecStatus.UndefinedField;
            }
            if (value < 0 || digits < 1 || digits > 19 || digits > spec.MaxLength || !FieldFormat.IsNibblePacked(spec.Format) && spec.Format != FieldFormat.AlphaFixed)
            {
                return CodecStatus.BadValue;
            }
            long rest = value;
            for (int i = 0; i < digits; i++)
            {
                rest /= 10;
            }
            if (rest != 0)
            {
                return CodecStatus.BadValue;
            }
            byte[] buffer = _values[field];
            rest = value;
            for (int i = digits - 1; i >= 0; i--)
            {
                buffer[i] = (byte)('0' + (int)(rest % 10));
                rest /= 10;
            }
            return Set(field, buffer, 0, digits);
        }

        /// <summary>
        /// The field as a number: true with it, or false (value 0) when the field is absent, empty, longer
        /// than 18 digits or not all digits.
        /// </summary>
        public bool TryGetNumber(int field, out long value)
        {
            return TryGetDigits(field, 0, Length(field), out value);
        }

        /// <summary>Digits [start, start+count) of a field as a number: true with it, or false (value 0) as in TryGetNumber.</summary>
        public bool TryGetDigits(int field, int start, int count, out long value)
        {
            value = 0;
            if (!Has(field) || count < 1 || count > 18 || start < 0 || start + count > _lengths[field])
            {
                return false;
            }
            byte[] digits = _values[field];
            long result = 0;
            for (int i = start; i < start + count; i++)
            {
                int c = digits[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                result = result * 10 + (c - '0');
            }
            value = result;
            return true;
        }

        /// <summary>True when the field is present and equals text character for character.</summary>
        public bool TextEquals(int field, string text)
        {
            if (!Has(field) || text == null || text.Length != _lengths[field])
            {
                return false;
            }
            byte[] value = _values[field];
            for (int i = 0; i < text.Length; i++)
            {
                if (value[i] != text[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>True when both messages hold the field with the same bytes (absent in both counts as equal).</summary>
        public bool FieldEquals(int field, Iso8583Message other)
        {
            if (Has(field) != other.Has(field))
            {
                return false;
            }
            if (!Has(field))
            {
                return true;
            }
            if (_lengths[field] != other._lengths[field])
            {
                return false;
            }
            for (int i = 0; i < _lengths[field]; i++)
            {
                if (_values[field][i] != other._values[field][i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The field as text (allocates: for display and tests, not the transaction loop); null when absent.</summary>
        public string GetText(int field)
        {
            if (!Has(field))
            {
                return null;
            }
            return Encoding.UTF8.GetString(_values[field], 0, _lengths[field]);
        }

        /// <summary>Marks a field present after the codec wrote its value straight into ValueBuffer.</summary>
        internal void MarkDecoded(int field, int length)
        {
            _lengths[field] = length;
            _present[field] = true;
        }

        /// <summary>The highest field number present, or 0 when none is.</summary>
        public int HighestField()
        {
            for (int field = FieldTable.MaxField; field >= 2; field--)
            {
                if (_present[field])
                {
                    return field;
                }
            }
            return 0;
        }
    }
}
