using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Core;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// The simulator's host, driven through its own entry point (Handle) at times the test sets, one
/// microsecond tick at a time if need be: a terminal already signed in, its MAC key, an in-memory ledger.
/// </summary>
internal sealed class SignedInHost : IDisposable
{
    public SignedInHost(ulong seed = 1, Action<AcquirerConfig>? configure = null)
    {
        Config = new AcquirerConfig();
        configure?.Invoke(Config);
        Ledger = new AcquirerLedger(":memory:");
        Host = new AcquirerHost(Config, Ledger, new SimRandom(seed));
        var signIn = Parse(Single(RawMessages.SignIn(1)), mak: null);
        Assert.Equal("00", signIn.GetText(39));
        Mak = RawMessages.MacKeyFrom(signIn.ValueBuffer(62)[..signIn.Length(62)]);
    }

    public AcquirerConfig Config { get; }
    public AcquirerLedger Ledger { get; }
    public AcquirerHost Host { get; }
    public byte[] Mak { get; }

    /// <summary>Host time of the next request.</summary>
    public long NowMicros { get; set; } = 1_000_000;

    public LedgerSnapshot Snapshot => Host.Snapshot();

    /// <summary>Hands a frame to the host now.</summary>
    public AcquirerReply Send(byte[] frame) => Host.Handle(frame, NowMicros);

    /// <summary>Hands a frame to the host now and returns its one answer, checking the MAC when the answer carries one.</summary>
    public Iso8583Message Exchange(byte[] frame) => Parse(Single(frame), Mak);

    /// <summary>The one answer frame to a request (asserting there is exactly one and no close).</summary>
    public byte[] Single(byte[] frame)
    {
        var reply = Send(frame);
        Assert.False(reply.Close, reply.Summary);
        return Assert.Single(reply.Sends).Bytes;
    }

    /// <summary>Parses an answer; when it carries field 64, the MAC must verify under mak.</summary>
    public static Iso8583Message Parse(byte[] frame, byte[]? mak)
    {
        var table = CupFieldTable.Create();
        var msg = new Iso8583Message(table);
        Assert.Equal(CodecStatus.Ok, Iso8583Frame.Check(new FrameFormat(), frame, 0, frame.Length));
        Assert.Equal(CodecStatus.Ok, new Iso8583Codec(table).Unpack(frame, 13, frame.Length - 13, msg));
        if (msg.Has(64))
        {
            Assert.NotNull(mak);
            Assert.Equal(Convert.ToHexString(RawMessages.CupEcbMac(mak, frame.AsSpan(13, frame.Length - 13 - 8))), Convert.ToHexString(frame, frame.Length - 8, 8));
        }
        return msg;
    }

    public void Dispose() => Ledger.Dispose();
}
