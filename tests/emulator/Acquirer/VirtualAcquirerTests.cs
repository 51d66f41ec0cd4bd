using PosFirmware.Crypto;
using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Board;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// The firmware's codec, MAC and channel against the simulator on the virtual network, in virtual time:
/// a 30 s timeout costs no wall time, and the same seed gives the same ledger.
/// </summary>
public class VirtualAcquirerTests
{
    private const long TimeoutMicros = 30_000_000;
    private static readonly byte[] Code = "134567890123456789"u8.ToArray();

    private sealed class Terminal
    {
        public Terminal(ulong seed)
        {
            Virtual = new VirtualTerminal(seed);
            Acquirer = VirtualAcquirer.Attach(Virtual);
            Table = CupFieldTable.Create();
            Channel = new Iso8583Channel(Virtual.Hardware.Network, Virtual.Board.Clock, new FrameFormat(), new Iso8583Codec(Table), 2048);
            Request = new Iso8583Message(Table);
            Response = new Iso8583Message(Table);
            Master.SetKey(Convert.FromHexString(RawMessages.MasterKeyHex), 0, 16);
            Assert.True(Virtual.Hardware.Network.Connect(5_000_000));
        }

        public VirtualTerminal Virtual { get; }
        public VirtualAcquirer Acquirer { get; }
        public FieldTable Table { get; }
        public Iso8583Channel Channel { get; }
        public Iso8583Message Request { get; }
        public Iso8583Message Response { get; }
        public CupMessages Builder { get; } = new(new CupDialect());
        public TripleDes Master { get; } = new();
        public WorkingKeys Keys { get; } = new(16, 8, 4, MacScheme.CupEcb);

        public void SignIn()
        {
            Assert.Equal(CodecStatus.Ok, Builder.SignIn(Request, 1, 1, RawMessages.Tid, RawMessages.Mid));
            Assert.Equal(CodecStatus.Ok, Channel.Send(Request, null));
            Assert.Equal(CodecStatus.Ok, Channel.Receive(Response, null, TimeoutMicros));
            Assert.Equal(KeyLoadStatus.Ok, Keys.Load(Master, Response.ValueBuffer(62), 0, Response.Length(62)));
        }

        public CodecStatus Sale(int trace, long amountFen)
        {
            Assert.Equal(CodecStatus.Ok, Builder.Sale(Request, trace, 1, RawMessages.Tid, RawMessages.Mid, amountFen, Code, 0, Code.Length));
            Assert.Equal(CodecStatus.Ok, Channel.Send(Request, Keys.Mac));
            return Channel.Receive(Response, Keys.Mac, TimeoutMicros);
        }
    }

    [Fact]
    public void FirmwareSignsInSellsAndVerifiesTheHostsMac()
    {
        var t = new Terminal(1);
        t.SignIn();
        Assert.Equal(CodecStatus.Ok, t.Sale(2, 1999));
        Assert.Equal("00", t.Response.GetText(39));
        Assert.Equal("000002", t.Response.GetText(11));
        var snapshot = t.Acquirer.Host.Ledger.Snapshot();
        Assert.Equal(1999, snapshot.NetDebitFen(Assert.Single(snapshot.Sales).Id));
    }

    [Fact]
    public void ReversalBuiltByTheFirmwareIsMatchedByTheHost()
    {
        var t = new Terminal(2);
        t.SignIn();
        t.Sale(2, 500);
        var sale = new Iso8583Message(t.Table);
        sale.CopyFrom(t.Request);
        Assert.Equal(CodecStatus.Ok, t.Builder.Reversal(sale, "98", t.Request));
        Assert.Equal(CodecStatus.Ok, t.Channel.Send(t.Request, t.Keys.Mac));
        Assert.Equal(CodecStatus.Ok, t.Channel.Receive(t.Response, t.Keys.Mac, TimeoutMicros));
        Assert.Equal(410, t.Response.MessageType);
        Assert.Equal("00", t.Response.GetText(39));
        var snapshot = t.Acquirer.Host.Ledger.Snapshot();
        Assert.Equal(0, snapshot.NetDebitFen(Assert.Single(snapshot.Sales).Id));
    }

    [Fact]
    public void AMalformedRequestIsAnsweredAtOnceAndAnUnreadableOneClosesTheConnection()
    {
        var t = new Terminal(8);
        var link = t.Virtual.Hardware.Network;
        var headerAndTypeOnly = RawMessages.Frame(Convert.FromHexString("0200"));
        link.Send(headerAndTypeOnly, 0, headerAndTypeOnly.Length);
        long before = t.Virtual.Board.Clock.NowMicros;
        Assert.Equal(CodecStatus.Ok, t.Channel.Receive(t.Response, null, TimeoutMicros));
        Assert.True(t.Virtual.Board.Clock.NowMicros - before < 1_000_000, "answered within a virtual second");
        Assert.Equal(210, t.Response.MessageType);
        Assert.Equal("30", t.Response.GetText(39));
        var unreadable = RawMessages.Frame(Convert.FromHexString("0A0A2000000000000000000000"));
        link.Send(unreadable, 0, unreadable.Length);
        Assert.Equal(CodecStatus.ConnectionClosed, t.Channel.Receive(t.Response, null, TimeoutMicros));
        Assert.True(t.Virtual.Board.Clock.NowMicros - before < 2_000_000, "closed within a virtual second");
        Assert.Equal(1, t.Acquirer.ConnectionsDropped);
    }

    [Fact]
    public void LateAnswerTimesOutInVirtualTimeAndIsStillReadableAfterwards()
    {
        var t = new Terminal(3);
        t.SignIn();
        t.Acquirer.Host.Faults.ForceNext(AcquirerFault.Late);
        long before = t.Virtual.Board.Clock.NowMicros;
        Assert.Equal(CodecStatus.Timeout, t.Sale(2, 100));
        long waited = t.Virtual.Board.Clock.NowMicros - before;
        Assert.InRange(waited, TimeoutMicros, TimeoutMicros + 100_000);
        // The answer was held 65 s; a second wait picks it up, matched by its trace.
        Assert.Equal(CodecStatus.Ok, t.Channel.Receive(t.Response, t.Keys.Mac, 60_000_000));
        Assert.Equal("000002", t.Response.GetText(11));
    }

    [Fact]
    public void CorruptMacIsReportedWithTheResponseStillReadable()
    {
        var t = new Terminal(4);
        t.SignIn();
        t.Acquirer.Host.Faults.ForceNext(AcquirerFault.CorruptMac);
        Assert.Equal(CodecStatus.BadMac, t.Sale(2, 100));
        Assert.Equal("00", t.Response.GetText(39));
    }

    [Fact]
    public void ResetMidFrameIsAClosedConnectionNotAHalfMessage()
    {
        var t = new Terminal(5);
        t.SignIn();
        t.Acquirer.Host.Faults.ForceNext(AcquirerFault.ResetMidFrame);
        Assert.Equal(CodecStatus.ConnectionClosed, t.Sale(2, 100));
        Assert.False(t.Virtual.Hardware.Network.IsConnected);
        Assert.Equal(0, t.Channel.BufferedBytes);
    }

    [Fact]
    public void DuplicateAnswerIsBufferedAsASecondIdenticalFrame()
    {
        var t = new Terminal(6);
        t.SignIn();
        t.Acquirer.Host.Faults.ForceNext(AcquirerFault.Duplicate);
        Assert.Equal(CodecStatus.Ok, t.Sale(2, 100));
        string first = t.Response.GetText(37)!;
        Assert.Equal(CodecStatus.Ok, t.Channel.Receive(t.Response, t.Keys.Mac, 1_000_000));
        Assert.Equal(first, t.Response.GetText(37));
    }

    [Fact]
    public void DroppedResponseTimesOutButTheHostDebitedExactlyOnce()
    {
        var t = new Terminal(7);
        t.SignIn();
        t.Acquirer.Host.Faults.ForceNext(AcquirerFault.DropResponse);
        Assert.Equal(CodecStatus.Timeout, t.Sale(2, 100));
        Assert.Equal(CodecStatus.Ok, t.Sale(2, 100));
        var snapshot = t.Acquirer.Host.Ledger.Snapshot();
        Assert.Equal(1, snapshot.DebitCount(Assert.Single(snapshot.Sales).Id));
    }

    [Fact]
    public void SameSeedAndFaultsGiveTheSameLedger()
    {
        string Run()
        {
            var t = new Terminal(42);
            t.Acquirer.Host.Faults.SetProbability(AcquirerFault.DropResponse, 0.3);
            t.Acquirer.Host.Faults.SetProbability(AcquirerFault.Duplicate, 0.3);
            t.SignIn();
            for (int trace = 2; trace < 12; trace++)
            {
                t.Channel.DiscardInput();
                t.Sale(trace, 100 * trace);
            }
            return t.Acquirer.Host.Ledger.DumpJson();
        }
        string a = Run();
        Assert.Equal(a, Run());
        Assert.Contains("drop-response", a);
    }
}
