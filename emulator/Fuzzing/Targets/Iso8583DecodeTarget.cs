using System.Text;
using PosFirmware.Emulator.Iso8583;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// `posemu iso8583 decode` on pasted bytes (MessageFormatter.Decode). The first byte picks the layout (bits
/// 0-1 mod 3: frame, envelope, body) and the header length (bits 2-6, 0..16). Contract: lines and a verdict,
/// never an exception; no sensitive field's value appears whole in what it prints.
/// </summary>
public sealed class Iso8583DecodeTarget : FuzzTarget
{
    private static readonly FieldTable Table = CupFieldTable.Create();

    /// <inheritdoc />
    public override string Name => "iso8583-decode";

    /// <inheritdoc />
    public override string Summary => "MessageFormatter.Decode (posemu iso8583 decode) with masking of sensitive fields";

    /// <inheritdoc />
    public override IEnumerable<byte[]> BuiltSeeds()
    {
        foreach (byte[] frame in FuzzMessages.Requests().Concat(FuzzMessages.Responses()))
        {
            yield return [(byte)(0 | (6 << 2)), .. frame];
        }
    }

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }
        var layout = (MessageLayout)(1 + (input[0] & 3) % 3);
        int headerBytes = Math.Min((input[0] >> 2) & 31, FrameFormat.MaxHeaderBytes);
        byte[] message = input[1..];
        var (lines, ok) = MessageFormatter.Decode(message, layout, headerBytes, Table);
        Require(lines.Count > 0, "no lines");
        int bodyAt = layout switch { MessageLayout.Frame => 2 + 5 + headerBytes, MessageLayout.Envelope => 5 + headerBytes, _ => 0 };
        var msg = new Iso8583Message(Table);
        bool parses = message.Length >= bodyAt && new Iso8583Codec(Table).Unpack(message, bodyAt, message.Length - bodyAt, msg) == CodecStatus.Ok
            && (layout != MessageLayout.Frame || ((message[0] << 8) | message[1]) == message.Length - 2);
        Require(ok == parses, ok ? "decoded a message the codec rejects" : "refused a message the codec parses");
        if (!ok)
        {
            return;
        }
        for (int field = 2; field <= FieldTable.MaxField; field++)
        {
            FieldSpec? spec = Table.Get(field);
            if (spec == null || !spec.Sensitive || !msg.Has(field) || msg.Length(field) <= 8)
            {
                continue;
            }
            string value = FieldFormat.IsBinary(spec.Format)
                ? Convert.ToHexString(msg.ValueBuffer(field), 0, msg.Length(field))
                : Encoding.ASCII.GetString(msg.ValueBuffer(field), 0, msg.Length(field));
            string line = lines.First(l => l.StartsWith($"F{field,-3} ", StringComparison.Ordinal));
            Require(!line.Contains(value, StringComparison.Ordinal), $"F{field} is printed unmasked");
        }
    }
}
