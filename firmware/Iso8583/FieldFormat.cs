namespace PosFirmware.Iso8583
{
    /// <summary>
    /// How a field is laid out on the wire (CUP POS dialect, docs/acquirer-protocol.md, framing). Lengths of variable fields
    /// are BCD: one byte (LL, up to 99) or two bytes (LLL, up to 999), counting digits for numeric and
    /// track fields, characters for alphanumerics and bytes for binary fields.
    /// </summary>
    public static class FieldFormat
    {
        /// <summary>n, fixed: BCD, right-aligned, a left zero nibble when the digit count is odd.</summary>
        public const int NumericFixed = 1;

        /// <summary>n..LL: BCD, left-aligned, pad nibble on the right when odd (CUP F60 style).</summary>
        public const int NumericLlvar = 2;

        /// <summary>n...LLL: as NumericLlvar with a two-byte length.</summary>
        public const int NumericLllvar = 3;

        /// <summary>an/ans, fixed: ASCII bytes, shorter values padded with spaces on the right.</summary>
        public const int AlphaFixed = 4;

        /// <summary>an/ans..LL: ASCII bytes.</summary>
        public const int AlphaLlvar = 5;

        /// <summary>an/ans...LLL: ASCII bytes.</summary>
        public const int AlphaLllvar = 6;

        /// <summary>b, fixed: raw bytes, exact length.</summary>
        public const int BinaryFixed = 7;

        /// <summary>b..LL: raw bytes.</summary>
        public const int BinaryLlvar = 8;

        /// <summary>b...LLL: raw bytes.</summary>
        public const int BinaryLllvar = 9;

        /// <summary>z..LL: track data, BCD nibbles with '=' carried as D, left-aligned.</summary>
        public const int TrackLlvar = 10;

        /// <summary>z...LLL: as TrackLlvar with a two-byte length.</summary>
        public const int TrackLllvar = 11;

        /// <summary>True for a format this codec knows.</summary>
        public static bool IsKnown(int format)
        {
            return format >= NumericFixed && format <= TrackLllvar;
        }

        /// <summary>True for fixed-length formats.</summary>
        public static bool IsFixed(int format)
        {
            return format == NumericFixed || format == AlphaFixed || format == BinaryFixed;
        }

        /// <summary>Bytes of the BCD length prefix: 0, 1 (LL) or 2 (LLL).</summary>
        public static int LengthPrefixBytes(int format)
        {
            if (format == NumericLlvar || format == AlphaLlvar || format == BinaryLlvar || format == TrackLlvar)
            {
                return 1;
            }
            if (format == NumericLllvar || format == AlphaLllvar || format == BinaryLllvar || format == TrackLllvar)
            {
                return 2;
            }
            return 0;
        }

        /// <summary>True when the value is packed two characters per byte (numeric and track).</summary>
        public static bool IsNibblePacked(int format)
        {
            return format == NumericFixed || format == NumericLlvar || format == NumericLllvar || format == TrackLlvar || format == TrackLllvar;
        }

        /// <summary>True for binary formats (values are raw bytes, not characters).</summary>
        public static bool IsBinary(int format)
        {
            return format == BinaryFixed || format == BinaryLlvar || format == BinaryLllvar;
        }

        /// <summary>True for an/ans formats (values are characters, carried as bytes).</summary>
        public static bool IsAlpha(int format)
        {
            return format == AlphaFixed || format == AlphaLlvar || format == AlphaLllvar;
        }

        /// <summary>
        /// True for a byte an an/ans field may carry: anything but the C0 controls and DEL. Bytes from 0x80
        /// are let through, as CUP text fields (F63) carry GBK. A control byte in a host's text would reach
        /// the journal and the receipt (a NUL ends a string early on the device), so it is refused at the edge.
        /// </summary>
        public static bool IsAlphaByte(int b)
        {
            return b >= 0x20 && b != 0x7F;
        }

        /// <summary>True for track formats ('=' allowed besides digits).</summary>
        public static bool IsTrack(int format)
        {
            return format == TrackLlvar || format == TrackLllvar;
        }

        /// <summary>The format a short name (as Name writes it) stands for: true with it, or false for an unknown name.</summary>
        public static bool TryParse(string name, out int format)
        {
            for (format = NumericFixed; format <= TrackLllvar; format++)
            {
                if (Name(format) == name)
                {
                    return true;
                }
            }
            format = 0;
            return false;
        }

        /// <summary>Short name as specs write it (n, n..LL, an...LLL, b, z..LL, ...).</summary>
        public static string Name(int format)
        {
            switch (format)
            {
                case NumericFixed: return "n";
                case NumericLlvar: return "n..LL";
                case NumericLllvar: return "n...LLL";
                case AlphaFixed: return "ans";
                case AlphaLlvar: return "ans..LL";
                case AlphaLllvar: return "ans...LLL";
                case BinaryFixed: return "b";
                case BinaryLlvar: return "b..LL";
                case BinaryLllvar: return "b...LLL";
                case TrackLlvar: return "z..LL";
                case TrackLllvar: return "z...LLL";
                default: return "?";
            }
        }
    }
}
