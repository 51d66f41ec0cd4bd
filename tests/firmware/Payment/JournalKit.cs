using System.Reflection;
using System.Text;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Firmware.Payment;

/// <summary>Records, stores and state fingerprints shared by the journal tests.</summary>
internal static class JournalKit
{
    private static readonly FieldInfo[] Fields = typeof(TxnRecord).GetFields(BindingFlags.Public | BindingFlags.Instance);

    public static FlashFileStore Store(FlashMode mode, ulong seed, int capacityBytes = 256 * 1024) =>
        new(mode, new SimRandom(seed), capacityBytes: capacityBytes);

    /// <summary>The next trace, which the test expects the store to take.</summary>
    public static int NextTrace(this Journal journal)
    {
        Assert.True(journal.TryTakeTrace(out int trace), "no trace: " + journal.Message);
        return trace;
    }

    public static Journal Open(FlashFileStore store, JournalConfig config, out JournalStatus status)
    {
        var journal = new Journal(store, config);
        status = journal.Recover();
        return journal;
    }

    public static Journal Open(FlashFileStore store, JournalConfig config)
    {
        var journal = Open(store, config, out JournalStatus status);
        Assert.True(status != JournalStatus.StoreFailed, "recovery failed: " + journal.Message);
        return journal;
    }

    public static TxnRecord Sale(int batch, int trace, TxnState state, long amountFen = 1234)
    {
        return new TxnRecord
        {
            Kind = TxnKind.Sale,
            Batch = batch,
            Trace = trace,
            State = state,
            AmountFen = amountFen,
            Scheme = PaymentScheme.WeChat,
            Code = "134567890123456789",
            ResponseCode = state == TxnState.Approved ? "00" : "",
            ReferenceNumber = state == TxnState.Approved ? "R" + trace.ToString("D11") : "",
            AuthCode = state == TxnState.Approved ? "A12345" : "",
            HostDateTime = "1130120000",
            Receipt = state == TxnState.Approved ? ReceiptState.Printed : ReceiptState.None,
            CopiesPrinted = state == TxnState.Approved ? 2 : 0,
        };
    }

    /// <summary>Every public field, so two records compare equal only when all fields do.</summary>
    public static string Fingerprint(TxnRecord r)
    {
        var text = new StringBuilder();
        foreach (var field in Fields)
        {
            text.Append(field.Name).Append('=').Append(field.GetValue(r)).Append(';');
        }
        return text.ToString();
    }

    /// <summary>
    /// The journal's meaning: open batch, key block, and every record compaction must keep (records of
    /// closed batches that owe nothing may or may not still be there, both are right).
    /// </summary>
    public static string State(Journal journal)
    {
        var lines = new List<string>();
        for (int i = 0; i < journal.Count; i++)
        {
            TxnRecord r = journal.At(i);
            if (r.MustKeep || r.Batch == journal.Batch)
            {
                lines.Add(Fingerprint(r));
            }
        }
        lines.Sort(StringComparer.Ordinal);
        var keys = new byte[64];
        int n = journal.LoadKeys(keys, 0);
        return "batch=" + journal.Batch + " trace=" + journal.LastTrace + " keys=" + Convert.ToHexString(keys, 0, n) + "\n" + string.Join("\n", lines);
    }
}

/// <summary>A journal file built record by record, independently of the journal's own writer.</summary>
internal sealed class JournalImage
{
    private readonly MemoryStream _bytes = new();
    private uint _sequence;

    public JournalImage(uint generation, uint firstSequence)
    {
        _sequence = firstSequence;
        var body = new byte[5];
        body[0] = JournalFormat.FormatVersion;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), generation);
        Record(JournalFormat.FileHeader, body);
    }

    public void Number(byte type, int value)
    {
        var body = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(body, (uint)value);
        Record(type, body);
    }

    public void Txn(TxnRecord r)
    {
        var buffer = new byte[JournalFormat.MaxBodyBytes];
        int n = JournalFormat.WriteTxn(r, buffer, 0);
        Record(JournalFormat.Txn, buffer[..n]);
    }

    public void SkipSequence() => _sequence++;

    public void End() => Record(JournalFormat.SnapshotEnd, Array.Empty<byte>());

    /// <summary>One record framed by hand: "JR", type, 0, length (u16), sequence (u32), body, CRC-32 (u32), big-endian.</summary>
    public void Record(byte type, byte[] body)
    {
        var r = new byte[JournalFormat.HeaderBytes + body.Length + JournalFormat.CrcBytes];
        r[0] = (byte)'J';
        r[1] = (byte)'R';
        r[2] = type;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(4), (ushort)body.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(6), _sequence++);
        body.CopyTo(r, JournalFormat.HeaderBytes);
        uint crc = ReferenceCrc32(r, JournalFormat.HeaderBytes + body.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(JournalFormat.HeaderBytes + body.Length), crc);
        _bytes.Write(r);
    }

    public byte[] Bytes() => _bytes.ToArray();

    /// <summary>Bitwise CRC-32 (IEEE, reflected), a second implementation beside the firmware's table.</summary>
    private static uint ReferenceCrc32(byte[] data, int count)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = 0; i < count; i++)
        {
            crc ^= data[i];
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }
        return ~crc;
    }
}
