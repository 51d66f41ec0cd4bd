using PosFirmware.Crypto;
using PosFirmware.Hal;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// Frames messages over the network link: length prefix + TPDU + header on the way out, and on the way
    /// in a bounded receive buffer that collects exactly one frame within a timeout, then parses it (and
    /// checks its MAC when a MAC key is given). Bytes after a frame stay buffered for the next Receive.
    /// Buffers are allocated once here; Send and Receive allocate nothing.
    /// </summary>
    public sealed class Iso8583Channel
    {
        private readonly INetworkLink _link;
        private readonly IClock _clock;
        private readonly FrameFormat _format;
        private readonly Iso8583Codec _codec;
        private readonly MessageMac _mac = new MessageMac();
        private readonly byte[] _tx;
        private readonly byte[] _rx;
        private int _rxFill;

        /// <summary>Creates a channel with send and receive buffers of frameBufferBytes each.</summary>
        public Iso8583Channel(INetworkLink link, IClock clock, FrameFormat format, Iso8583Codec codec, int frameBufferBytes)
        {
            Check.That(link != null && clock != null && format != null && codec != null, "channel needs link, clock, frame format and codec");
            Check.That(frameBufferBytes >= 64 && frameBufferBytes <= 0xFFFF + FrameFormat.LengthPrefixBytes, "frame buffer must be 64..65537 bytes");
            _link = link;
            _clock = clock;
            _format = format;
            _codec = codec;
            _tx = new byte[frameBufferBytes];
            _rx = new byte[frameBufferBytes];
        }

        /// <summary>The codec (LastField/DescribeLastError after a failed parse).</summary>
        public Iso8583Codec Codec
        {
            get { return _codec; }
        }

        /// <summary>Bytes of the last frame sent (length prefix included).</summary>
        public int LastSentFrameBytes { get; private set; }

        /// <summary>Bytes of the last frame received (length prefix included).</summary>
        public int LastReceivedFrameBytes { get; private set; }

        /// <summary>Bytes received but not yet part of a parsed frame.</summary>
        public int BufferedBytes
        {
            get { return _rxFill; }
        }

        /// <summary>
        /// Packs msg (with field 64 computed when mac is not null), frames it and sends it. Returns a
        /// CodecStatus: Ok, a packing failure, NoMacKey, or ConnectionClosed.
        /// </summary>
        public CodecStatus Send(Iso8583Message msg, MacCalculator mac)
        {
            int bodyAt = Iso8583Frame.BodyOffset(_format);
            int capacity = _tx.Length - bodyAt;
            int bodyBytes;
            if (mac != null)
            {
                if (!_mac.TryPack(_codec, msg, mac, _tx, bodyAt, capacity, out bodyBytes))
                {
                    return _mac.LastStatus;
                }
            }
            else
            {
                if (!_codec.TryPack(msg, _tx, bodyAt, capacity, out bodyBytes))
                {
                    return _codec.LastStatus;
                }
            }
            int frameBytes;
            if (!Iso8583Frame.TryWrap(_format, _tx, 0, bodyBytes, _format.HostAddress, _format.TerminalAddress, out frameBytes))
            {
                return CodecStatus.BufferTooSmall;
            }
            LastSentFrameBytes = frameBytes;
            return _link.Send(_tx, 0, frameBytes) == frameBytes ? CodecStatus.Ok : CodecStatus.ConnectionClosed;
        }

        /// <summary>
        /// Waits up to timeoutMicros for one complete frame and parses it into msg. With a MAC key the
        /// MAC is checked: BadMac or MacMissing then come back with msg still filled, so the caller can
        /// see field 39 and field 11. A length prefix larger than the buffer means framing is lost: the
        /// buffered bytes are dropped, the link closed, and BadFrameLength returned.
        /// </summary>
        public CodecStatus Receive(Iso8583Message msg, MacCalculator mac, long timeoutMicros)
        {
            long deadline = _clock.NowMicros + (timeoutMicros < 0 ? 0 : timeoutMicros);
            // Each pass either completes a frame, ends the call, or adds at least one byte to a buffer of
            // fixed size, so the loop is bounded by the buffer length.
            for (int pass = 0; pass <= _rx.Length + 1; pass++)
            {
                if (_rxFill >= FrameFormat.LengthPrefixBytes)
                {
                    int frameBytes = FrameFormat.LengthPrefixBytes + ((_rx[0] << 8) | _rx[1]);
                    if (frameBytes > _rx.Length)
                    {
                        DiscardInput();
                        _link.Close();
                        return CodecStatus.BadFrameLength;
                    }
                    if (_rxFill >= frameBytes)
                    {
                        return TakeFrame(frameBytes, msg, mac);
                    }
                }
                long remaining = deadline - _clock.NowMicros;
                if (remaining <= 0)
                {
                    return CodecStatus.Timeout;
                }
                int n = _link.Receive(_rx, _rxFill, _rx.Length - _rxFill, remaining);
                if (n < 0)
                {
                    DiscardInput();
                    return CodecStatus.ConnectionClosed;
                }
                if (n == 0)
                {
                    return CodecStatus.Timeout;
                }
                _rxFill += n;
            }
            return CodecStatus.Timeout;
        }

        /// <summary>Drops buffered input (a late or partial answer) before a new exchange.</summary>
        public void DiscardInput()
        {
            _rxFill = 0;
        }

        private CodecStatus TakeFrame(int frameBytes, Iso8583Message msg, MacCalculator mac)
        {
            LastReceivedFrameBytes = frameBytes;
            CodecStatus status = Iso8583Frame.Check(_format, _rx, 0, frameBytes);
            if (status == CodecStatus.Ok)
            {
                int bodyAt = Iso8583Frame.BodyOffset(_format);
                status = _codec.Unpack(_rx, bodyAt, frameBytes - bodyAt, msg);
                if (status == CodecStatus.Ok && mac != null)
                {
                    status = _mac.Verify(msg, mac, _rx, bodyAt, frameBytes - bodyAt);
                }
            }
            else
            {
                msg.Clear();
            }
            int rest = _rxFill - frameBytes;
            for (int i = 0; i < rest; i++)
            {
                _rx[i] = _rx[frameBytes + i];
            }
            _rxFill = rest;
            return status;
        }
    }
}
