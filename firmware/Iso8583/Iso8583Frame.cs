using PosFirmware.Common;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// Wraps a packed body in length prefix + TPDU + header, and finds the body in a received frame. The
    /// layout of one frame: [len:2][TPDU:5][header:HeaderBytes][body], len = 5 + HeaderBytes + body.
    /// </summary>
    public static class Iso8583Frame
    {
        /// <summary>Offset of the body from the start of a frame (length prefix included).</summary>
        public static int BodyOffset(FrameFormat format)
        {
            return FrameFormat.LengthPrefixBytes + format.EnvelopeBytes;
        }

        /// <summary>
        /// Fills prefix, TPDU and header in front of a body already packed at frame[offset + BodyOffset];
        /// true with the whole frame's byte count, or false when the length does not fit two bytes or the buffer.
        /// </summary>
        public static bool TryWrap(FrameFormat format, byte[] frame, int offset, int bodyBytes, int destinationAddress, int sourceAddress, out int frameBytes)
        {
            frameBytes = 0;
            int lengthValue = format.EnvelopeBytes + bodyBytes;
            if (bodyBytes < 0 || lengthValue > 0xFFFF || offset < 0 || offset + FrameFormat.LengthPrefixBytes + lengthValue > frame.Length)
            {
                return false;
            }
            BigEndian.WriteUInt16(frame, offset, lengthValue);
            format.WriteTpdu(frame, offset + FrameFormat.LengthPrefixBytes, destinationAddress, sourceAddress);
            int headerAt = offset + FrameFormat.LengthPrefixBytes + FrameFormat.TpduBytes;
            for (int i = 0; i < format.HeaderBytes; i++)
            {
                frame[headerAt + i] = format.Header[i];
            }
            frameBytes = FrameFormat.LengthPrefixBytes + lengthValue;
            return true;
        }

        /// <summary>
        /// Checks a complete frame of count bytes at frame[offset]: the prefix must equal count - 2, the
        /// envelope must fit, and the TPDU id must match. Returns a CodecStatus; the body is then at
        /// offset + BodyOffset(format) for count - BodyOffset(format) bytes.
        /// </summary>
        public static CodecStatus Check(FrameFormat format, byte[] frame, int offset, int count)
        {
            if (frame == null || offset < 0 || count < 0 || offset + count > frame.Length)
            {
                return CodecStatus.Truncated;
            }
            if (count < FrameFormat.LengthPrefixBytes)
            {
                return CodecStatus.Truncated;
            }
            int lengthValue = BigEndian.ReadUInt16(frame, offset);
            if (lengthValue != count - FrameFormat.LengthPrefixBytes)
            {
                return CodecStatus.BadFrameLength;
            }
            if (lengthValue < format.EnvelopeBytes)
            {
                return CodecStatus.Truncated;
            }
            if (frame[offset + FrameFormat.LengthPrefixBytes] != (byte)format.TpduId)
            {
                return CodecStatus.BadTpdu;
            }
            return CodecStatus.Ok;
        }

        /// <summary>Reads the TPDU's destination address from a frame, in the configured order.</summary>
        public static int TpduDestination(FrameFormat format, byte[] frame, int offset)
        {
            int at = offset + FrameFormat.LengthPrefixBytes + (format.DestinationFirst ? 1 : 3);
            return BigEndian.ReadUInt16(frame, at);
        }

        /// <summary>Reads the TPDU's source address from a frame, in the configured order.</summary>
        public static int TpduSource(FrameFormat format, byte[] frame, int offset)
        {
            int at = offset + FrameFormat.LengthPrefixBytes + (format.DestinationFirst ? 3 : 1);
            return BigEndian.ReadUInt16(frame, at);
        }
    }
}
