using PosFirmware.Crypto;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Network;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>The firmware's channel, codec and keys over a real loopback socket to the TCP simulator.</summary>
[Collection("Wall clock")] // real loopback TCP with wall-clock timeouts: run alone, not beside CPU-bound tests
public class TcpFirmwareChannelTests
{
    [Fact]
    public async Task FirmwareSignsInAndSellsOverRealTcp()
    {
        await using var h = new TcpAcquirerHarness();
        var board = new VirtualBoard(1);
        var link = new TcpNetworkLink(board.Clock, board.Power, "127.0.0.1", h.Server.LocalEndpoint.Port);
        Assert.True(link.Connect(3_000_000));
        var table = CupFieldTable.Create();
        var channel = new Iso8583Channel(link, board.Clock, new FrameFormat(), new Iso8583Codec(table), 2048);
        var builder = new CupMessages(new CupDialect());
        var request = new Iso8583Message(table);
        var response = new Iso8583Message(table);
        var master = new TripleDes();
        master.SetKey(Convert.FromHexString(RawMessages.MasterKeyHex), 0, 16);
        var keys = new WorkingKeys(16, 8, 4, MacScheme.CupEcb);

        builder.SignIn(request, 1, 1, RawMessages.Tid, RawMessages.Mid);
        Assert.Equal(CodecStatus.Ok, channel.Send(request, null));
        Assert.Equal(CodecStatus.Ok, channel.Receive(response, null, 3_000_000));
        Assert.Equal(KeyLoadStatus.Ok, keys.Load(master, response.ValueBuffer(62), 0, response.Length(62)));

        var code = "281234567890123456"u8.ToArray();
        builder.Sale(request, 2, 1, RawMessages.Tid, RawMessages.Mid, 4200, code, 0, code.Length);
        Assert.Equal(CodecStatus.Ok, channel.Send(request, keys.Mac));
        Assert.Equal(CodecStatus.Ok, channel.Receive(response, keys.Mac, 3_000_000));
        Assert.Equal("00", response.GetText(39));
        link.Close();
        var snapshot = h.Host.Snapshot();
        Assert.Equal(4200, snapshot.NetDebitFen(Assert.Single(snapshot.Sales).Id));
    }
}
