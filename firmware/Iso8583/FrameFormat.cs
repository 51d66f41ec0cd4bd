using PosFirmware.Hal;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// What surrounds the body on the wire (docs/acquirer-protocol.md, framing): a 2-byte big-endian length that does not
    /// count itself, a 5-byte TPDU (id 0x60 + two 2-byte NII addresses) and a 6-byte header. The address
    /// order and the header bytes differ between acquirers, so they are settings.
    /// </summary>
    public sealed class FrameFormat
    {
        /// <summary>Bytes of the length prefix.</summary>
        public const int LengthPrefixBytes = 2;

        /// <summary>Bytes of the TPDU.</summary>
        public const int TpduBytes = 5;

        /// <summary>Largest header this codec accepts.</summary>
        public const int MaxHeaderBytes = 16;

        private readonly byte[] _header = new byte[MaxHeaderBytes];

        /// <summary>The default CUP framing: TPDU 60 0003 0000 (destination first), header 60 31 00 31 00 00.</summary>
        public FrameFormat()
        {
            TpduId = 0x60;
            HostAddress = 0x0003;
            TerminalAddress = 0x0000;
            DestinationFirst = true;
            HeaderBytes = 6;
            _header[0] = 0x60;
            _header[1] = 0x31;
            _header[2] = 0x00;
            _header[3] = 0x31;
            _header[4] = 0x00;
            _header[5] = 0x00;
        }

        /// <summary>TPDU identifier byte (0x60 for a transaction TPDU).</summary>
        public int TpduId { get; set; }

        /// <summary>The acquirer's NII address.</summary>
        public int HostAddress { get; set; }

        /// <summary>The terminal's NII address.</summary>
        public int TerminalAddress { get; set; }

        /// <summary>
        /// True when the TPDU reads id, destination, source (the usual reading); false for id, source,
        /// destination. [U] docs/acquirer-protocol.md, framing: unconfirmed.
        /// </summary>
        public bool DestinationFirst { get; set; }

        /// <summary>Header length in bytes (6 for CUP; 0 when an acquirer sends none).</summary>
        public int HeaderBytes { get; private set; }

        /// <summary>The header buffer (HeaderBytes used).</summary>
        public byte[] Header
        {
            get { return _header; }
        }

        /// <summary>Bytes before the body: TPDU + header (the length prefix not counted).</summary>
        public int EnvelopeBytes
        {
            get { return TpduBytes + HeaderBytes; }
        }

        /// <summary>Sets the header bytes the terminal sends.</summary>
        public void SetHeader(byte[] source, int offset, int count)
        {
            Check.That(source != null && count >= 0 && count <= MaxHeaderBytes && offset >= 0 && offset + count <= source.Length, "header must be 0..16 bytes");
            for (int i = 0; i < count; i++)
            {
                _header[i] = source[offset + i];
            }
            HeaderBytes = count;
        }

        /// <summary>
        /// Writes the TPDU for a message going out from the side that owns sourceAddress to
        /// destinationAddress, in the configured order.
        /// </summary>
        public void WriteTpdu(byte[] buffer, int offset, int destinationAddress, int sourceAddress)
        {
            buffer[offset] = (byte)TpduId;
            int first = DestinationFirst ? destinationAddress : sourceAddress;
            int second = DestinationFirst ? sourceAddress : destinationAddress;
            buffer[offset + 1] = (byte)(first >> 8);
            buffer[offset + 2] = (byte)first;
            buffer[offset + 3] = (byte)(second >> 8);
            buffer[offset + 4] = (byte)second;
        }
    }
}
