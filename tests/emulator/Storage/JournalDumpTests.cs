using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Emulator.Storage;

/// <summary>The journal dump: one line per record, where reading stopped, and never a key byte.</summary>
public class JournalDumpTests
{
    [Fact]
    public void Dump_lists_each_record_masks_the_code_hides_the_keys_and_names_a_torn_tail()
    {
        var store = new FlashFileStore(FlashMode.Fat, new SimRandom(3));
        var config = new JournalConfig();
        var journal = new Journal(store, config);
        Assert.Equal(JournalStatus.Fresh, journal.Recover());
        byte[] keys = { 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x23, 0x45, 0x67 };
        Assert.True(journal.SaveKeys(keys, 0, keys.Length));
        Assert.True(journal.TryTakeTrace(out int trace), journal.Message);
        var sale = new TxnRecord
        {
            Batch = 1, Trace = trace, State = TxnState.Approved, AmountFen = 2500, Scheme = PaymentScheme.Alipay,
            Code = "281234567890123456", ResponseCode = "00", ReferenceNumber = "000123456789", Receipt = ReceiptState.Pending,
        };
        Assert.True(journal.Save(sale));
        int goodBytes = journal.FileBytes;
        // A cut tears the next save: the dump must say where the good records end.
        store.PlanCut(store.WritePoints + 1, CutPhase.During);
        Assert.Throws<PowerLossException>(() => journal.Save(sale));
        store.Reboot();

        string text = JournalDump.Text(store, config);
        string[] lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal("== journal.a: " + store.SizeOf("journal.a") + " bytes", lines[0]);
        Assert.Equal("#1 @0 file version=1 generation=1", lines[1]);
        Assert.Equal("#2 @19 batch 1", lines[2]);
        Assert.StartsWith("#3 @37 snapshot-end", lines[3]);
        Assert.Equal("#4 @51 keys 8 bytes (encrypted under the master key, not shown)", lines[4]);
        Assert.Equal("#5 @73 trace 1", lines[5]);
        Assert.StartsWith("#6 @91 txn batch=1 trace=1 Sale Approved amount=2500 scheme=Alipay code=2812**********3456 rc=00 ref=000123456789", lines[6]);
        Assert.Contains("receipt=Pending", lines[6]);
        Assert.Matches(@"^-- 6 good records, stopped: .+ at byte " + goodBytes + @" \(\d+ bytes not read\)$", lines[7]);
        Assert.Equal("== journal.b: none", lines[8]);
        Assert.Equal(9, lines.Length);
        foreach (string hex in new[] { "DEADBEEF", "deadbeef", "DE AD", "222 173" })
        {
            Assert.DoesNotContain(hex, text);
        }
        Assert.DoesNotContain(sale.Code, text);
        Assert.True(store.SizeOf("journal.a") > goodBytes, "the cut landed part of the record");
        Assert.Contains("stopped", lines[7]);

        string path = Path.Combine(Path.GetTempPath(), "journal-dump-" + Environment.ProcessId + ".txt");
        JournalDump.WriteTo(path, store, config);
        Assert.Equal(text, File.ReadAllText(path));
        File.Delete(path);
    }

    [Fact]
    public void Dump_of_garbage_says_where_it_stopped_and_does_not_throw()
    {
        var store = new FlashFileStore(FlashMode.LittleFs, new SimRandom(4));
        store.Load(new Dictionary<string, byte[]> { ["journal.a"] = new byte[] { 0x4A, 0x52, 9, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5 } });
        string text = JournalDump.FileText(store, "journal.a");
        Assert.Equal("== journal.a: 14 bytes\n-- 0 good records, stopped: unknown type 9 at byte 0 (14 bytes not read)\n", text);
    }
}
