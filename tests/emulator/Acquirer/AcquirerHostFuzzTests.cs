using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Core;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// The simulator fed mutated requests (signed sales, reversals, queries, settlements with bytes flipped,
/// cut, inserted): it must never throw, must answer every frame or close on it, every answer must be a
/// well-formed frame, and the books must hold: at most one debit per sale and a net debit of either
/// nothing or the sale's amount.
/// </summary>
public class AcquirerHostFuzzTests
{
    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    public void MutatedRequestsNeverBreakTheHostOrTheBooks(ulong seed)
    {
        var random = new SimRandom(seed).Fork("host-fuzz");
        using var ledger = new AcquirerLedger(":memory:");
        var config = new AcquirerConfig();
        var host = new AcquirerHost(config, ledger, new SimRandom(seed));
        var signIn = host.Handle(RawMessages.SignIn(1), 0);
        var signInResponse = TcpAcquirerHarness.Parse(signIn.Sends[0].Bytes);
        byte[] mak = RawMessages.MacKeyFrom(signInResponse.ValueBuffer(62)[..signInResponse.Length(62)]);
        var table = CupFieldTable.Create();
        var codec = new Iso8583Codec(table);
        var parsed = new Iso8583Message(table);
        int answered = 0;
        int closed = 0;
        for (int i = 0; i < 1500; i++)
        {
            int trace = 2 + random.Next(20);
            long amount = 100 + random.Next(3) * 1000 + (random.Next(4) == 0 ? 88 : 0);
            byte[] frame = random.Next(5) switch
            {
                0 => RawMessages.Reversal(mak, trace, amount),
                1 => RawMessages.Query(mak, 30 + i % 1000, trace),
                2 => RawMessages.Settlement(mak, 40, 1000, 1),
                _ => RawMessages.Sale(mak, trace, amount),
            };
            if (random.Next(3) != 0)
            {
                frame = Mutate(frame, random);
            }
            AcquirerReply reply;
            try
            {
                reply = host.Handle(frame, i * 100_000L);
            }
            catch (Exception e)
            {
                Assert.Fail($"seed={seed} iteration={i}: {e.GetType().Name}: {e.Message}; input={Convert.ToHexString(frame)}");
                return;
            }
            // No faults are configured: every frame is answered, or closed when not even its type can be read.
            Assert.True(reply.Close != (reply.Sends.Count == 1), $"seed={seed} iteration={i}: {reply.Sends.Count} answers, close {reply.Close}: {reply.Summary}");
            closed += reply.Close ? 1 : 0;
            foreach (var send in reply.Sends.Where(s => !s.ResetAfter))
            {
                Assert.Equal(CodecStatus.Ok, Iso8583Frame.Check(host.Frame, send.Bytes, 0, send.Bytes.Length));
                Assert.Equal(CodecStatus.Ok, codec.Unpack(send.Bytes, 13, send.Bytes.Length - 13, parsed));
                answered++;
            }
        }
        var snapshot = ledger.Snapshot();
        foreach (var sale in snapshot.Sales)
        {
            Assert.True(snapshot.DebitCount(sale.Id) <= 1, $"sale #{sale.Id} debited twice (seed={seed})");
            long net = snapshot.NetDebitFen(sale.Id);
            Assert.True(net == 0 || net == sale.AmountFen, $"sale #{sale.Id} net {net} (seed={seed})");
            Assert.Equal(sale.State == SaleRecord.Paid, net == sale.AmountFen && net != 0);
        }
        Assert.True(answered > 500, $"only {answered} answers");
        Assert.True(closed > 0, "no mutation made a frame unreadable");
        Assert.Contains(snapshot.Events, e => e.Kind == "rejected");
    }

    private static byte[] Mutate(byte[] frame, SimRandom random)
    {
        var bytes = new List<byte>(frame);
        int at = random.Next(bytes.Count);
        switch (random.Next(4))
        {
            case 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 2:
                bytes.Insert(at, (byte)random.Next(256));
                break;
            default:
                bytes[at] = (byte)random.Next(256);
                break;
        }
        return [.. bytes];
    }
}
