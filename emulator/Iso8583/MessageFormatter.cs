using System.Text;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Iso8583;

/// <summary>
/// Turns a message (as hex, with or without length prefix, TPDU and header) into lines a person reads.
/// Sensitive fields (card data, PIN blocks, keys, payment codes) are masked: only their length and, for
/// digit strings, the first and last four digits are shown.
/// </summary>
public static class MessageFormatter
{
    /// <summary>Decodes bytes; returns the lines and whether the message parsed.</summary>
    public static (List<string> Lines, bool Ok) Decode(byte[] bytes, MessageLayout layout, int headerBytes, FieldTable table)
    {
        var lines = new List<string>();
        if (layout == MessageLayout.Auto)
        {
            layout = Guess(bytes, headerBytes);
        }
        int at = 0;
        if (layout == MessageLayout.Frame)
        {
            if (bytes.Length < 2)
            {
                lines.Add("error: too short for a length prefix");
                return (lines, false);
            }
            int length = (bytes[0] << 8) | bytes[1];
            lines.Add($"length prefix: {length}{(length == bytes.Length - 2 ? "" : $" (but {bytes.Length - 2} bytes follow: MISMATCH)")}");
            if (length != bytes.Length - 2)
            {
                return (lines, false);
            }
            at = 2;
        }
        if (layout is MessageLayout.Frame or MessageLayout.Envelope)
        {
            if (bytes.Length < at + 5 + headerBytes)
            {
                lines.Add("error: too short for TPDU and header");
                return (lines, false);
            }
            lines.Add($"TPDU: id {bytes[at]:X2}, addresses {bytes[at + 1]:X2}{bytes[at + 2]:X2} {bytes[at + 3]:X2}{bytes[at + 4]:X2}");
            lines.Add($"header: {Convert.ToHexString(bytes, at + 5, headerBytes)}");
            at += 5 + headerBytes;
        }
        var codec = new Iso8583Codec(table);
        var msg = new Iso8583Message(table);
        CodecStatus status = codec.Unpack(bytes, at, bytes.Length - at, msg);
        if (status != CodecStatus.Ok)
        {
            lines.Add($"error: {codec.DescribeLastError()} (body starts at byte {at})");
            if (codec.LastStatus == CodecStatus.UndefinedField && codec.LastField > 1)
            {
                lines.Add($"hint: field {codec.LastField} is not in the field table; if your acquirer sends it, add a line such as");
                lines.Add($"      {codec.LastField} = ans...LLL 999 what it carries");
                lines.Add("      (FORMAT n, n..LL, n...LLL, ans, ans..LL, ans...LLL, b, b..LL, b...LLL, z..LL or z...LLL) to a copy of");
                lines.Add($"      firmware/Iso8583/Tables/{FieldTables.DefaultFile} and pass it with --fields FILE");
            }
            return (lines, false);
        }
        lines.Add($"MTI: {msg.MessageType:D4}");
        lines.Add($"bitmap: {Convert.ToHexString(bytes, at + 2, (bytes[at + 2] & 0x80) != 0 ? 16 : 8)}");
        for (int field = 2; field <= FieldTable.MaxField; field++)
        {
            if (!msg.Has(field))
            {
                continue;
            }
            var spec = table.Get(field)!;
            lines.Add($"F{field,-3} {FieldFormat.Name(spec.Format),-9} len {msg.Length(field),3}  {Show(msg, spec)}  ({spec.Name})");
        }
        return (lines, true);
    }

    private static MessageLayout Guess(byte[] bytes, int headerBytes)
    {
        if (bytes.Length >= 2 + 5 + headerBytes && ((bytes[0] << 8) | bytes[1]) == bytes.Length - 2 && bytes[2] == 0x60)
        {
            return MessageLayout.Frame;
        }
        // A body starts with the BCD message type, whose first digit is the ISO version (0..2), never 6.
        return bytes.Length >= 5 + headerBytes && bytes[0] == 0x60 ? MessageLayout.Envelope : MessageLayout.Body;
    }

    private static string Show(Iso8583Message msg, FieldSpec spec)
    {
        var raw = msg.ValueBuffer(spec.Number).AsSpan(0, msg.Length(spec.Number));
        if (spec.Sensitive)
        {
            if (!FieldFormat.IsBinary(spec.Format) && raw.Length > 8)
            {
                string text = Encoding.ASCII.GetString(raw);
                return $"{text[..4]}{new string('*', text.Length - 8)}{text[^4..]} [masked]";
            }
            return $"[{raw.Length} bytes masked]";
        }
        if (FieldFormat.IsBinary(spec.Format))
        {
            return Convert.ToHexString(raw);
        }
        var shown = new StringBuilder("\"");
        foreach (byte b in raw)
        {
            shown.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }
        return shown.Append('"').ToString();
    }
}
