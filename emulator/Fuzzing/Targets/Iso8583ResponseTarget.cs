using PosFirmware.Crypto;
using PosFirmware.Hal;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// What the terminal does with bytes from the acquirer: Iso8583Channel.Receive (length prefix, TPDU,
/// header, bitmap, fields, MAC check) over a link that delivers the input, frame after frame. Contract:
/// every result is a CodecStatus; a rejected frame leaves no fields behind; a message that parsed repacks
/// to bytes that parse to the same fields, and a message re-signed under the key passes the MAC check.
/// </summary>
public sealed class Iso8583ResponseTarget : FuzzTarget
{
    private const int FrameBufferBytes = 2048;
    private const int MaxFrames = 64;

    /// <inheritdoc />
    public override string Name => "iso8583-response";

    /// <inheritdoc />
    public override string Summary => "terminal side: Iso8583Channel.Receive + MAC check on acquirer bytes";

    /// <inheritdoc />
    public override IEnumerable<byte[]> BuiltSeeds() => FuzzMessages.Responses();

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        var table = CupFieldTable.Create();
        var codec = new Iso8583Codec(table);
        var link = new InputLink(input);
        var channel = new Iso8583Channel(link, link, new FrameFormat(), codec, FrameBufferBytes);
        var mac = new MacCalculator();
        mac.SetKey(MacScheme.CupEcb, FuzzMessages.MacKey, 0, FuzzMessages.MacKey.Length);
        var msg = new Iso8583Message(table);
        for (int frame = 0; frame < MaxFrames; frame++)
        {
            CodecStatus status = channel.Receive(msg, mac, 1_000_000);
            if (status == CodecStatus.Timeout || status == CodecStatus.ConnectionClosed || status == CodecStatus.BadFrameLength)
            {
                return;
            }
            Require(CodecStatusText.Describe(status).Length > 0, "status " + status + " is not a CodecStatus");
            if (status == CodecStatus.Ok || status == CodecStatus.BadMac || status == CodecStatus.MacMissing)
            {
                CheckRoundTrip(table, msg, mac);
            }
            else
            {
                Require(msg.HighestField() == 0, "a rejected frame (" + CodecStatusText.Describe(status) + ") left fields behind");
            }
        }
    }

    private static void CheckRoundTrip(FieldTable table, Iso8583Message parsed, MacCalculator mac)
    {
        var codec = new Iso8583Codec(table);
        var buffer = new byte[FrameBufferBytes * 2];
        bool packed = parsed.Has(MessageMac.MacField)
            ? new MessageMac().TryPack(codec, parsed, mac, buffer, 0, buffer.Length, out int n)
            : codec.TryPack(parsed, buffer, 0, buffer.Length, out n);
        Require(packed && n > 0, "a parsed message does not repack: " + codec.DescribeLastError());
        var again = new Iso8583Message(table);
        CodecStatus status = codec.Unpack(buffer, 0, n, again);
        Require(status == CodecStatus.Ok, "repacked bytes do not parse: " + codec.DescribeLastError());
        Require(again.MessageType == parsed.MessageType, "message type changed on repack");
        for (int field = 2; field < MessageMac.MacField; field++)
        {
            Require(parsed.FieldEquals(field, again), "field " + field + " changed on repack");
        }
        if (again.Has(MessageMac.MacField))
        {
            CodecStatus verified = new MessageMac().Verify(again, mac, buffer, 0, n);
            Require(verified == CodecStatus.Ok, "a message re-signed under the key fails its MAC check: " + CodecStatusText.Describe(verified));
        }
    }

    /// <summary>A connection whose peer sent exactly the input, then closed; time moves only on waits.</summary>
    private sealed class InputLink : INetworkLink, IClock
    {
        private readonly byte[] _input;
        private int _at;

        public InputLink(byte[] input) => _input = input;

        public bool IsConnected => _at < _input.Length;

        public long NowMicros { get; private set; }

        public bool Connect(long timeoutMicros) => true;

        public int Send(byte[] buffer, int offset, int count) => count;

        public int Receive(byte[] buffer, int offset, int count, long timeoutMicros)
        {
            if (_at >= _input.Length)
            {
                return -1;
            }
            int n = Math.Min(count, _input.Length - _at);
            Array.Copy(_input, _at, buffer, offset, n);
            _at += n;
            return n;
        }

        public void Close() => _at = _input.Length;

        public void DelayMicros(long micros) => NowMicros += micros;
    }
}
