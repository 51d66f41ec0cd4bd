using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Core;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>TPDU address handling and header length follow the configuration on both sides.</summary>
public class AcquirerHostFramingTests
{
    [Theory]
    [InlineData(true, "6000000003")]
    [InlineData(false, "6000030000")]
    public void ReplyTpduIsSwappedOnlyWhenConfigured(bool swap, string expectedTpdu)
    {
        using var ledger = new AcquirerLedger(":memory:");
        var host = new AcquirerHost(new AcquirerConfig { SwapTpduOnReply = swap }, ledger, new SimRandom(1));
        var reply = host.Handle(RawMessages.SignIn(1), 0);
        Assert.Equal(expectedTpdu, Convert.ToHexString(reply.Sends[0].Bytes, 2, 5));
    }

    [Fact]
    public void AHeaderlessSourceFirstDialectWorksEndToEndWithTheFirmwareFraming()
    {
        using var ledger = new AcquirerLedger(":memory:");
        var host = new AcquirerHost(new AcquirerConfig { HeaderHex = "", TpduDestinationFirst = false }, ledger, new SimRandom(1));
        var table = CupFieldTable.Create();
        var codec = new Iso8583Codec(table);
        var format = new FrameFormat { DestinationFirst = false, HostAddress = 0x0123, TerminalAddress = 0x0456 };
        format.SetHeader([], 0, 0);
        var msg = new Iso8583Message(table);
        new CupMessages(new CupDialect()).SignIn(msg, 1, 1, RawMessages.Tid, RawMessages.Mid);
        var frame = new byte[512];
        Assert.True(codec.TryPack(msg, frame, Iso8583Frame.BodyOffset(format), 400, out int body));
        Assert.True(Iso8583Frame.TryWrap(format, frame, 0, body, format.HostAddress, format.TerminalAddress, out int n));
        // Source first: 60, terminal 0456, host 0123.
        Assert.Equal("6004560123", Convert.ToHexString(frame, 2, 5));
        var reply = host.Handle(frame[..n], 0).Sends[0].Bytes;
        Assert.Equal(CodecStatus.Ok, Iso8583Frame.Check(format, reply, 0, reply.Length));
        Assert.Equal(0x0456, Iso8583Frame.TpduDestination(format, reply, 0));
        Assert.Equal(0x0123, Iso8583Frame.TpduSource(format, reply, 0));
        Assert.Equal(CodecStatus.Ok, codec.Unpack(reply, Iso8583Frame.BodyOffset(format), reply.Length - Iso8583Frame.BodyOffset(format), msg));
        Assert.Equal("00", msg.GetText(39));
    }
}
