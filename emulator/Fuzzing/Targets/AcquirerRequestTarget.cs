using PosFirmware.Emulator.Acquirer;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// What the acquirer simulator does with bytes from a terminal: the TCP server's FrameAssembler cuts the
/// input into frames, and AcquirerHost.Handle answers each on a fresh in-memory ledger (a request whose
/// field 64 is all zero is signed with the terminal's key first, so mutations reach the host rules behind
/// the MAC check). Contract: nothing throws, every answer is a frame the firmware parses, and the books
/// hold: at most one debit per sale, and a sale's net debit is nothing or its amount.
/// </summary>
public sealed class AcquirerRequestTarget : FuzzTarget
{
    private const int MaxFrameBytes = 4096;
    private const int MaxFrames = 16;

    /// <inheritdoc />
    public override string Name => "acquirer-request";

    /// <inheritdoc />
    public override string Summary => "acquirer side: FrameAssembler + AcquirerHost.Handle on terminal bytes";

    /// <inheritdoc />
    public override IEnumerable<byte[]> BuiltSeeds()
    {
        var requests = FuzzMessages.Requests();
        foreach (var request in requests)
        {
            yield return request;
        }
        // A whole exchange in one input: sign-in, sale, reversal of that sale, query, settlement.
        yield return requests.SelectMany(r => r).ToArray();
    }

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        using var ledger = new AcquirerLedger(":memory:");
        var host = FuzzMessages.NewHost(ledger);
        var assembler = new FrameAssembler(MaxFrameBytes);
        var table = CupFieldTable.Create();
        var codec = new Iso8583Codec(table);
        var answer = new Iso8583Message(table);
        long now = 0;
        var frames = assembler.Add(input);
        for (int i = 0; i < frames.Count && i < MaxFrames; i++)
        {
            byte[] frame = frames[i];
            now += 1_000_000;
            FuzzMessages.SignZeroMac(ledger, frame);
            foreach (var send in host.Handle(frame, now).Sends)
            {
                if (send.ResetAfter)
                {
                    continue;
                }
                Require(Iso8583Frame.Check(host.Frame, send.Bytes, 0, send.Bytes.Length) == CodecStatus.Ok, "an answer is not a well-formed frame");
                int bodyAt = Iso8583Frame.BodyOffset(host.Frame);
                CodecStatus status = codec.Unpack(send.Bytes, bodyAt, send.Bytes.Length - bodyAt, answer);
                Require(status == CodecStatus.Ok, "an answer does not parse: " + codec.DescribeLastError());
            }
        }
        var books = ledger.Snapshot();
        foreach (var sale in books.Sales)
        {
            Require(books.DebitCount(sale.Id) <= 1, $"sale #{sale.Id} debited twice");
            long net = books.NetDebitFen(sale.Id);
            Require(net == 0 || net == sale.AmountFen, $"sale #{sale.Id} nets {net} fen of {sale.AmountFen}");
        }
    }
}
