using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Iso8583;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// Framed requests and the simulator's answers to them, as seeds for both ends of the ISO 8583 link. The
/// requests come from the firmware's message builders (SampleMessages), with a zero field 64 that the
/// acquirer target fills with the right MAC; the answers are what AcquirerHost sends back.
/// </summary>
internal static class FuzzMessages
{
    /// <summary>The terminal the seeds speak for (SampleMessages' F41/F42).</summary>
    public const string TerminalId = "12345678";

    /// <summary>Its merchant.</summary>
    public const string MerchantId = "123456789012345";

    /// <summary>The MAC key both ends use for that terminal (CUP ECB, single DES): a fixed test key.</summary>
    public static readonly byte[] MacKey = Convert.FromHexString("2222222222222222");

    /// <summary>A fresh simulator on an in-memory ledger that knows the seeds' terminal and its MAC key.</summary>
    public static AcquirerHost NewHost(AcquirerLedger ledger)
    {
        var host = new AcquirerHost(new AcquirerConfig(), ledger, new SimRandom(1));
        ledger.SaveTerminalKey(MerchantId, TerminalId, MacKey, 0);
        return host;
    }

    /// <summary>Length prefix + TPDU + header (the default CUP framing) around body.</summary>
    public static byte[] Frame(byte[] body)
    {
        var format = new FrameFormat();
        int bodyAt = Iso8583Frame.BodyOffset(format);
        var frame = new byte[bodyAt + body.Length];
        Array.Copy(body, 0, frame, bodyAt, body.Length);
        if (!Iso8583Frame.TryWrap(format, frame, 0, body.Length, format.HostAddress, format.TerminalAddress, out _))
        {
            throw new InvalidOperationException("a seed body too long for one frame");
        }
        return frame;
    }

    /// <summary>One framed request of each kind, MAC-bearing ones with a zero field 64.</summary>
    public static List<byte[]> Requests()
    {
        var table = CupFieldTable.Create();
        var codec = new Iso8583Codec(table);
        var msg = new Iso8583Message(table);
        var buffer = new byte[4096];
        var requests = new List<byte[]>();
        foreach (byte[] body in SampleMessages.All(table))
        {
            if (codec.Unpack(body, 0, body.Length, msg) != CodecStatus.Ok || msg.MessageType % 100 == 10)
            {
                continue;
            }
            if (msg.MessageType != MessageTypes.SignIn && !msg.Has(64))
            {
                msg.Set(64, new byte[8], 0, 8);
            }
            if (!codec.TryPack(msg, buffer, 0, buffer.Length, out int n))
            {
                throw new InvalidOperationException("a seed request does not pack: " + codec.DescribeLastError());
            }
            requests.Add(Frame(buffer[..n]));
        }
        return requests;
    }

    /// <summary>The simulator's answers to Requests(), each a whole frame.</summary>
    public static List<byte[]> Responses()
    {
        using var ledger = new AcquirerLedger(":memory:");
        var host = NewHost(ledger);
        var responses = new List<byte[]>();
        long now = 0;
        foreach (byte[] request in Requests())
        {
            now += 1_000_000;
            SignZeroMac(ledger, request);
            foreach (var send in host.Handle(request, now).Sends)
            {
                responses.Add(send.Bytes);
            }
        }
        return responses;
    }

    /// <summary>
    /// Fills a request's all-zero field 64 with the MAC under the key the ledger holds for its terminal,
    /// so mutated requests reach the host rules behind the MAC check; any other MAC is left to be checked.
    /// </summary>
    public static void SignZeroMac(AcquirerLedger ledger, byte[] frame)
    {
        var format = new FrameFormat();
        int bodyAt = Iso8583Frame.BodyOffset(format);
        if (frame.Length < bodyAt + 8 + 8 || Iso8583Frame.Check(format, frame, 0, frame.Length) != CodecStatus.Ok)
        {
            return;
        }
        for (int i = frame.Length - 8; i < frame.Length; i++)
        {
            if (frame[i] != 0)
            {
                return;
            }
        }
        var table = CupFieldTable.Create();
        var msg = new Iso8583Message(table);
        if (new Iso8583Codec(table).Unpack(frame, bodyAt, frame.Length - bodyAt, msg) != CodecStatus.Ok || msg.HighestField() != 64)
        {
            return;
        }
        byte[]? key = ledger.TerminalKey(msg.GetText(42) ?? "", msg.GetText(41) ?? "");
        if (key != null)
        {
            HostCrypto.Mac(PosFirmware.Crypto.MacScheme.CupEcb, key, frame.AsSpan(bodyAt, frame.Length - bodyAt - 8)).CopyTo(frame, frame.Length - 8);
        }
    }
}
