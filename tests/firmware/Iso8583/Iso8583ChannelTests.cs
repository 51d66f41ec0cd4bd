using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Network;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Firmware.Iso8583;

/// <summary>The channel's framing against a server model that answers with scripted bytes in scripted pieces.</summary>
public class Iso8583ChannelTests
{
    /// <summary>On each request, sends each piece as its own network message, one millisecond apart.</summary>
    private sealed class ScriptedServer(params byte[][] pieces) : IVirtualServer
    {
        public int Requests { get; private set; }

        public void OnConnect(VirtualConnection connection)
        {
        }

        public void OnReceive(VirtualConnection connection, byte[] data)
        {
            Requests++;
            for (int i = 0; i < pieces.Length; i++)
            {
                connection.SendAfter(i * 1_000_000L, pieces[i]);
            }
        }

        public void OnClose(VirtualConnection connection)
        {
        }
    }

    private static readonly FieldTable Table = CupFieldTable.Create();

    private static byte[] ResponseFrame(string trace)
    {
        var codec = new Iso8583Codec(Table);
        var msg = new Iso8583Message(Table) { MessageType = 210 };
        msg.SetText(11, trace);
        msg.SetText(39, "00");
        var format = new FrameFormat();
        var buffer = new byte[256];
        Assert.True(codec.TryPack(msg, buffer, Iso8583Frame.BodyOffset(format), 200, out int body));
        Assert.True(Iso8583Frame.TryWrap(format, buffer, 0, body, 0x0000, 0x0003, out int n));
        return buffer[..n];
    }

    private static (Iso8583Channel Channel, VirtualTerminal Terminal, Iso8583Message Msg) Connect(ScriptedServer server, int bufferBytes = 256)
    {
        var terminal = new VirtualTerminal(1);
        terminal.Board.Network.Register(VirtualTerminal.AcquirerEndpoint, server);
        Assert.True(terminal.Hardware.Network.Connect(1_000_000));
        var channel = new Iso8583Channel(terminal.Hardware.Network, terminal.Board.Clock, new FrameFormat(), new Iso8583Codec(Table), bufferBytes);
        var msg = new Iso8583Message(Table) { MessageType = 200 };
        msg.SetText(11, "000001");
        Assert.Equal(CodecStatus.Ok, channel.Send(msg, null));
        return (channel, terminal, msg);
    }

    [Fact]
    public void AFrameArrivingOneByteAtATimeIsAssembled()
    {
        var frame = ResponseFrame("000001");
        var (channel, _, msg) = Connect(new ScriptedServer(frame.Select(b => new[] { b }).ToArray()));
        Assert.Equal(CodecStatus.Ok, channel.Receive(msg, null, 10_000_000));
        Assert.Equal("000001", msg.GetText(11));
        Assert.Equal(frame.Length, channel.LastReceivedFrameBytes);
    }

    [Fact]
    public void TwoFramesInOnePieceAreReturnedOneAfterTheOther()
    {
        var (channel, _, msg) = Connect(new ScriptedServer([.. ResponseFrame("000001"), .. ResponseFrame("000002")]));
        Assert.Equal(CodecStatus.Ok, channel.Receive(msg, null, 10_000_000));
        Assert.Equal("000001", msg.GetText(11));
        Assert.True(channel.BufferedBytes > 0);
        Assert.Equal(CodecStatus.Ok, channel.Receive(msg, null, 0));
        Assert.Equal("000002", msg.GetText(11));
        Assert.Equal(0, channel.BufferedBytes);
    }

    [Fact]
    public void AnIncompleteFrameTimesOutAtTheDeadlineOnBothSidesOfIt()
    {
        var frame = ResponseFrame("000001");
        var (channel, terminal, msg) = Connect(new ScriptedServer(frame[..5], frame[5..]));
        // Request crosses in 20 ms (the network's latency), the first piece comes back at +40 ms, the
        // second, sent 1 ms later, completes the frame at exactly +41 ms: one microsecond short times out,
        // and one more microsecond completes it.
        Assert.Equal(CodecStatus.Timeout, channel.Receive(msg, null, 41_000 - 1));
        Assert.Equal(5, channel.BufferedBytes);
        Assert.Equal(CodecStatus.Ok, channel.Receive(msg, null, 1));
        Assert.Equal("000001", msg.GetText(11));
    }

    [Fact]
    public void ALengthPrefixLargerThanTheBufferDropsTheConnection()
    {
        var (channel, terminal, msg) = Connect(new ScriptedServer([0x7F, 0xFF, 0x60, 0, 0]), bufferBytes: 256);
        Assert.Equal(CodecStatus.BadFrameLength, channel.Receive(msg, null, 10_000_000));
        Assert.False(terminal.Hardware.Network.IsConnected);
        Assert.Equal(0, channel.BufferedBytes);
    }

    [Fact]
    public void AWrongTpduIdOrABadBodyIsReportedAndConsumed()
    {
        var wrongTpdu = ResponseFrame("000001");
        wrongTpdu[2] = 0x61;
        var badBody = ResponseFrame("000002");
        badBody[13] = 0xAA;
        var (channel, _, msg) = Connect(new ScriptedServer([.. wrongTpdu, .. badBody, .. ResponseFrame("000003")]));
        Assert.Equal(CodecStatus.BadTpdu, channel.Receive(msg, null, 10_000_000));
        Assert.Equal(CodecStatus.BadMessageType, channel.Receive(msg, null, 0));
        Assert.Equal(CodecStatus.Ok, channel.Receive(msg, null, 0));
        Assert.Equal("000003", msg.GetText(11));
    }

    [Fact]
    public void SendWithoutAMacKeyIsRefusedAndAClosedLinkReported()
    {
        var (channel, terminal, msg) = Connect(new ScriptedServer());
        Assert.Equal(CodecStatus.NoMacKey, channel.Send(msg, new PosFirmware.Crypto.MacCalculator()));
        terminal.Hardware.Network.Close();
        Assert.Equal(CodecStatus.ConnectionClosed, channel.Send(msg, null));
        Assert.Equal(CodecStatus.ConnectionClosed, channel.Receive(msg, null, 1000));
    }
}
