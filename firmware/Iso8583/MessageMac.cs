using PosFirmware.Crypto;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// Field 64 over a packed body. The MAC block is the body from the message type to the end of the
    /// field before 64, i.e. the body minus its last 8 bytes, excluding length prefix, TPDU and header
    /// (docs/acquirer-protocol.md, MAC, LiaoYang trancomm.c MakeReqPacket). Field 64 must therefore be the last field.
    /// </summary>
    public sealed class MessageMac
    {
        /// <summary>The MAC field.</summary>
        public const int MacField = 64;

        private readonly byte[] _scratch = new byte[MacCalculator.MacBytes];

        /// <summary>Status of the last call.</summary>
        public CodecStatus LastStatus { get; private set; }

        /// <summary>
        /// Sets field 64 to zeros, packs the body at buffer[offset], computes the MAC over it and writes it
        /// into both the packed bytes and the message. True with the body length, or false with LastStatus
        /// (NoMacKey, MacMissing when a field above 64 is present, or the codec's failure).
        /// </summary>
        public bool TryPack(Iso8583Codec codec, Iso8583Message msg, MacCalculator mac, byte[] buffer, int offset, int capacity, out int bodyBytes)
        {
            bodyBytes = 0;
            if (mac == null || !mac.HasKey)
            {
                LastStatus = CodecStatus.NoMacKey;
                return false;
            }
            if (msg.HighestField() > MacField)
            {
                LastStatus = CodecStatus.MacMissing;
                return false;
            }
            for (int i = 0; i < MacCalculator.MacBytes; i++)
            {
                _scratch[i] = 0;
            }
            CodecStatus status = msg.Set(MacField, _scratch, 0, MacCalculator.MacBytes);
            if (status != CodecStatus.Ok)
            {
                LastStatus = status;
                return false;
            }
            if (!codec.TryPack(msg, buffer, offset, capacity, out bodyBytes))
            {
                LastStatus = codec.LastStatus;
                return false;
            }
            int macAt = offset + bodyBytes - MacCalculator.MacBytes;
            mac.Compute(buffer, offset, bodyBytes - MacCalculator.MacBytes, buffer, macAt);
            msg.Set(MacField, buffer, macAt, MacCalculator.MacBytes);
            LastStatus = CodecStatus.Ok;
            return true;
        }

        /// <summary>
        /// Checks field 64 of a body already parsed into msg. Returns (and keeps in LastStatus) Ok,
        /// MacMissing (no field 64, or not last), NoMacKey or BadMac.
        /// </summary>
        public CodecStatus Verify(Iso8583Message msg, MacCalculator mac, byte[] body, int offset, int count)
        {
            if (!msg.Has(MacField) || msg.HighestField() != MacField || count < MacCalculator.MacBytes)
            {
                LastStatus = CodecStatus.MacMissing;
            }
            else if (mac == null || !mac.HasKey)
            {
                LastStatus = CodecStatus.NoMacKey;
            }
            else
            {
                int macAt = offset + count - MacCalculator.MacBytes;
                bool good = mac.Verify(body, offset, count - MacCalculator.MacBytes, body, macAt, _scratch);
                LastStatus = good ? CodecStatus.Ok : CodecStatus.BadMac;
            }
            return LastStatus;
        }
    }
}
