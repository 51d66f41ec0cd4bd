using System.Text;
using PosFirmware.Common;
using PosFirmware.Hal;
using PosFirmware.Payment;
using PosFirmware.Scanner;

namespace PosFirmware.Emulator.Storage;

/// <summary>
/// The journal files as text, one line per record, with the same reader the firmware recovers with, so
/// the dump stops where recovery stops. Key blocks show only their length; payment codes are masked.
/// </summary>
public static class JournalDump
{
    /// <summary>Both journal files of a store, each under a title line (a missing file says so).</summary>
    public static string Text(IFileStore store, JournalConfig config)
    {
        var text = new StringBuilder();
        foreach (string name in new[] { config.FileA, config.FileB })
        {
            text.Append(FileText(store, name));
        }
        return text.ToString();
    }

    /// <summary>Writes <see cref="Text"/> to a file (journal.txt in a demo's output folder).</summary>
    public static void WriteTo(string path, IFileStore store, JournalConfig config)
    {
        System.IO.File.WriteAllText(path, Text(store, config), new UTF8Encoding(false));
    }

    /// <summary>One journal file: a title line, a line per good record, and why reading stopped if not at the end.</summary>
    public static string FileText(IFileStore store, string name)
    {
        var text = new StringBuilder();
        var reader = new JournalReader(store);
        if (!reader.Open(name))
        {
            text.Append("== ").Append(name).Append(": none\n");
            return text.ToString();
        }
        text.Append("== ").Append(name).Append(": ").Append(reader.FileSize).Append(" bytes\n");
        int records = 0;
        while (reader.Next())
        {
            records++;
            text.Append('#').Append(reader.Sequence).Append(" @").Append(reader.RecordStart).Append(' ')
                .Append(JournalFormat.TypeName(reader.Type)).Append(Describe(reader)).Append('\n');
        }
        text.Append("-- ").Append(records).Append(" good records, ");
        text.Append(reader.Problem == null ? "clean end" : "stopped: " + reader.Problem);
        if (reader.Problem != null)
        {
            text.Append(" (").Append(reader.FileSize - reader.Position).Append(" bytes not read)");
        }
        text.Append('\n');
        return text.ToString();
    }

    private static string Describe(JournalReader reader)
    {
        byte[] b = reader.Buffer;
        int body = JournalFormat.HeaderBytes;
        switch (reader.Type)
        {
            case JournalFormat.FileHeader:
                return reader.BodyLength == JournalFormat.FileHeaderBodyBytes
                    ? $" version={b[body]} generation={BigEndian.ReadUInt32(b, body + 1)}"
                    : $" malformed ({reader.BodyLength} bytes)";
            case JournalFormat.Trace:
            case JournalFormat.Batch:
                return reader.BodyLength == 4 ? " " + BigEndian.ReadUInt32(b, body) : $" malformed ({reader.BodyLength} bytes)";
            case JournalFormat.Keys:
                return $" {reader.BodyLength} bytes (encrypted under the master key, not shown)";
            case JournalFormat.Txn:
                TxnRecord? r = JournalFormat.ReadTxn(b, body, reader.BodyLength);
                return r == null ? $" malformed ({reader.BodyLength} bytes)" : " " + Txn(r);
            default:
                return "";
        }
    }

    /// <summary>A transaction record as one line of key=value pairs (the payment code masked).</summary>
    public static string Txn(TxnRecord r)
    {
        return $"batch={r.Batch} trace={r.Trace} {r.Kind} {r.State} amount={r.AmountFen} scheme={PaymentSchemeNames.Name(r.Scheme)} code={Mask(r.Code)}"
            + $" rc={r.ResponseCode} ref={r.ReferenceNumber} auth={r.AuthCode} time={r.HostDateTime}"
            + $" reversal={r.ReversalReason} attempts={r.ReversalAttempts} queries={r.Queries}"
            + $" receipt={r.Receipt} copies={r.CopiesPrinted} clear=\"{r.ClearReason}\"";
    }

    /// <summary>A payment code with all but its first and last four characters hidden.</summary>
    public static string Mask(string code)
    {
        if (code.Length <= 8)
        {
            return new string('*', code.Length);
        }
        return code.Substring(0, 4) + new string('*', code.Length - 8) + code.Substring(code.Length - 4);
    }
}
