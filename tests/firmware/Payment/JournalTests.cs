using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using PosFirmware.Scanner;
using Xunit;
using static PosFirmware.Tests.Firmware.Payment.JournalKit;

namespace PosFirmware.Tests.Firmware.Payment;

/// <summary>The journal's behaviour without power cuts: round trips, traces, batches, keys, bounds, full flash.</summary>
public class JournalTests
{
    private static TxnRecord EveryField() => new()
    {
        Kind = TxnKind.Sale,
        Batch = 999999,
        Trace = 999998,
        State = TxnState.Unresolved,
        AmountFen = long.MaxValue - 7,
        Scheme = PaymentScheme.UnionPay,
        Code = new string('9', TxnRecord.MaxCodeChars),
        ResponseCode = "A0",
        ReferenceNumber = "123456789012",
        AuthCode = "654321",
        HostDateTime = "1130235959",
        ReversalReason = "98",
        ReversalAttempts = 3,
        Queries = 9,
        Receipt = ReceiptState.Started,
        CopiesPrinted = 1,
        ClearReason = "顾客已退款 refunded in cash" + new string('x', JournalFormat.MaxTextChars - 23),
    };

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void Every_field_survives_a_reboot_and_a_compaction(FlashMode mode)
    {
        var store = Store(mode, 1);
        var config = new JournalConfig();
        var journal = new Journal(store, config);
        Assert.Equal(JournalStatus.Fresh, journal.Recover());
        TxnRecord saved = EveryField();
        Assert.True(journal.Save(saved), journal.Message);
        var negative = Sale(3, 7, TxnState.Declined, amountFen: -500);
        Assert.True(journal.Save(negative), journal.Message);

        store.Reboot();
        var again = Open(store, config, out JournalStatus status);
        Assert.Equal(JournalStatus.Ok, status);
        Assert.Equal(Fingerprint(saved), Fingerprint(again.Find(999999, 999998)));
        Assert.Equal(Fingerprint(negative), Fingerprint(again.Find(3, 7)));

        // A compaction keeps the unresolved record; the declined one of a closed batch may go.
        config.MaxFileBytes = 1;
        var compacting = Open(store, config);
        Assert.True(compacting.TryTakeTrace(out _), compacting.Message);
        Assert.Equal(1, compacting.Compactions);
        store.Reboot();
        var after = Open(store, config);
        Assert.Equal(Fingerprint(saved), Fingerprint(after.Find(999999, 999998)));
        Assert.Null(after.Find(3, 7));
    }

    [Fact]
    public void The_file_is_byte_for_byte_the_documented_format()
    {
        var store = Store(FlashMode.LittleFs, 12);
        var journal = Open(store, new JournalConfig());
        int trace = journal.NextTrace();
        var r = EveryField();
        Assert.True(journal.Save(r));
        var expected = new JournalImage(generation: 1, firstSequence: 1);
        expected.Number(JournalFormat.Batch, 1);
        expected.End();
        expected.Number(JournalFormat.Trace, trace);
        expected.Txn(r);
        Assert.Equal("journal.a", journal.LiveFile);
        Assert.Equal(expected.Bytes(), store.Snapshot()["journal.a"]);
    }

    [Fact]
    public void Replay_stops_at_a_sequence_gap_and_at_a_stale_copy()
    {
        var first = Sale(1, 1, TxnState.Prepared);
        var approved = Sale(1, 1, TxnState.Approved);
        foreach (bool gap in new[] { true, false })
        {
            var image = new JournalImage(generation: 3, firstSequence: 10);
            image.Number(JournalFormat.Batch, 1);
            image.End();
            image.Txn(first);
            image.Txn(approved);
            byte[] good = image.Bytes();
            if (gap)
            {
                image.SkipSequence();
                image.Txn(Sale(1, 2, TxnState.Prepared));
            }
            // A stale copy (a record written again with its old sequence number) must not roll the state back.
            int firstTxn = FirstTxnOffset(good);
            byte[] bytes = gap ? image.Bytes() : good.Concat(good[firstTxn..(firstTxn + RecordLength(good, firstTxn))]).ToArray();
            var store = Store(FlashMode.Fat, 13);
            store.Load(new Dictionary<string, byte[]> { ["journal.b"] = bytes });
            var journal = Open(store, new JournalConfig(), out JournalStatus status);
            Assert.Equal(JournalStatus.Repaired, status);
            Assert.Equal(1, journal.Count);
            Assert.Equal(Fingerprint(approved), Fingerprint(journal.Find(1, 1)));
        }
    }

    private static int RecordLength(byte[] file, int at) =>
        JournalFormat.HeaderBytes + ((file[at + 4] << 8) | file[at + 5]) + JournalFormat.CrcBytes;

    /// <summary>Offset of the fourth record (header, batch, snapshot-end come first).</summary>
    private static int FirstTxnOffset(byte[] file)
    {
        int at = 0;
        for (int i = 0; i < 3; i++)
        {
            at += RecordLength(file, at);
        }
        return at;
    }

    [Fact]
    public void Save_replaces_the_record_of_the_same_batch_and_trace_and_keeps_a_copy()
    {
        var store = Store(FlashMode.LittleFs, 2);
        var journal = Open(store, new JournalConfig());
        var r = Sale(1, journal.NextTrace(), TxnState.Prepared);
        Assert.True(journal.Save(r));
        r.State = TxnState.Approved;
        Assert.Equal(TxnState.Prepared, journal.Find(1, r.Trace).State);
        Assert.True(journal.Save(r));
        Assert.Equal(1, journal.Count);
        Assert.Equal(TxnState.Approved, journal.At(0).State);
        Assert.Null(journal.Find(1, r.Trace + 1));
    }

    [Fact]
    public void Bad_records_are_refused_with_a_reason_and_change_nothing()
    {
        var store = Store(FlashMode.LittleFs, 3);
        var journal = Open(store, new JournalConfig());
        var tooLong = Sale(1, 1, TxnState.Prepared);
        tooLong.ClearReason = new string('r', JournalFormat.MaxTextChars + 1);
        Assert.False(journal.Save(tooLong));
        Assert.Contains("longer than", journal.Message);
        var nullText = Sale(1, 1, TxnState.Prepared);
        nullText.Code = null!;
        Assert.False(journal.Save(nullText));
        Assert.False(journal.Save(Sale(0, 1, TxnState.Prepared)));
        Assert.False(journal.Save(Sale(1, 1000000, TxnState.Prepared)));
        Assert.False(journal.Save(null!));
        Assert.Equal(0, journal.Count);
        Assert.Equal(0, journal.Appends);
    }

    [Fact]
    public void A_journal_that_was_not_recovered_refuses_every_write()
    {
        var journal = new Journal(Store(FlashMode.LittleFs, 4), new JournalConfig());
        Assert.False(journal.TryTakeTrace(out _));
        Assert.Contains("not recovered", journal.Message);
        Assert.False(journal.Save(Sale(1, 1, TxnState.Prepared)));
        Assert.False(journal.StartNewBatch());
        Assert.False(journal.SaveKeys(new byte[] { 1 }, 0, 1));
    }

    [Fact]
    public void Traces_wrap_after_999999_and_skip_one_a_live_record_holds()
    {
        var store = Store(FlashMode.LittleFs, 5);
        var journal = Open(store, new JournalConfig());
        // Walk the counter to the top through a durable trace record made by the journal itself.
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(i + 1, journal.NextTrace());
        }
        Assert.True(journal.Save(Sale(1, 1, TxnState.ReversalPending)));
        Assert.True(journal.Save(Sale(1, 2, TxnState.Approved)));
        var config = new JournalConfig();
        var top = TopOfRange(store, config);
        Assert.Equal(999999, top.NextTrace());
        Assert.Equal(3, top.NextTrace()); // 1 and 2 are held by live records
        store.Reboot();
        Assert.Equal(4, Open(store, config).NextTrace());
    }

    /// <summary>Rewrites the live file by hand with the trace counter at 999998 (the records stay).</summary>
    private static Journal TopOfRange(FlashFileStore store, JournalConfig config)
    {
        var journal = Open(store, config);
        var image = new JournalImage(generation: 7, firstSequence: 100);
        image.Number(JournalFormat.Batch, journal.Batch);
        image.Number(JournalFormat.Trace, 999998);
        for (int i = 0; i < journal.Count; i++)
        {
            image.Txn(journal.At(i));
        }
        image.End();
        store.Load(new Dictionary<string, byte[]> { [config.FileB] = image.Bytes() });
        store.Reboot();
        var top = Open(store, config, out JournalStatus status);
        Assert.Equal(JournalStatus.Ok, status);
        Assert.Equal(999998, top.LastTrace);
        return top;
    }

    [Fact]
    public void Batches_count_up_and_survive_reboots()
    {
        var store = Store(FlashMode.Fat, 6);
        var config = new JournalConfig();
        var journal = Open(store, config);
        Assert.Equal(1, journal.Batch);
        Assert.True(journal.StartNewBatch());
        Assert.True(journal.StartNewBatch());
        store.Reboot();
        Assert.Equal(3, Open(store, config).Batch);
    }

    [Fact]
    public void Keys_are_stored_as_given_forgotten_and_bounded()
    {
        var store = Store(FlashMode.LittleFs, 7);
        var config = new JournalConfig { MaxKeyBytes = 24 };
        var journal = Open(store, config);
        byte[] block = { 0, 9, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0, 8 };
        Assert.True(journal.SaveKeys(block, 2, 16));
        store.Reboot();
        journal = Open(store, config);
        var loaded = new byte[30];
        Assert.Equal(16, journal.LoadKeys(loaded, 4));
        Assert.Equal(block[2..18], loaded[4..20]);
        Assert.False(journal.SaveKeys(new byte[25], 0, 25));
        Assert.Contains("over 24", journal.Message);
        Assert.True(journal.ForgetKeys());
        store.Reboot();
        Assert.Equal(0, Open(store, config).LoadKeys(loaded, 0));
    }

    [Fact]
    public void IsFull_refuses_a_new_record_but_still_replaces_and_a_new_batch_makes_room()
    {
        var store = Store(FlashMode.LittleFs, 8);
        var config = new JournalConfig { MaxRecords = 4 };
        var journal = Open(store, config);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(journal.Save(Sale(1, journal.NextTrace(), TxnState.Approved)));
        }
        var pending = Sale(1, journal.NextTrace(), TxnState.ReversalPending);
        Assert.True(journal.Save(pending));
        Assert.True(journal.IsFull);
        int trace = journal.NextTrace();
        Assert.False(journal.Save(Sale(1, trace, TxnState.Prepared)));
        Assert.Contains("journal full", journal.Message);
        Assert.Equal(4, journal.Count);
        pending.ReversalAttempts = 1;
        Assert.True(journal.Save(pending), journal.Message);

        Assert.True(journal.StartNewBatch());
        Assert.False(journal.IsFull);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(journal.Save(Sale(2, journal.NextTrace(), TxnState.Prepared)), journal.Message);
        }
        Assert.True(journal.IsFull);
        Assert.NotNull(journal.Find(1, pending.Trace));
        store.Reboot();
        var again = Open(store, config);
        Assert.True(again.IsFull);
        Assert.Equal(1, again.Find(1, pending.Trace).ReversalAttempts);
    }

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void Compaction_bounds_the_files_over_thousands_of_saves_and_keeps_every_record_owed_something(FlashMode mode)
    {
        var store = Store(mode, 9);
        var config = new JournalConfig { MaxRecords = 60, MaxFileBytes = 6 * 1024 };
        var journal = Open(store, config);
        var owed = new Dictionary<(int, int), string>();
        int saves = 0;
        int bound = config.MaxFileBytes + JournalFormat.MaxRecordBytes;
        for (int sale = 1; sale <= 2000; sale++)
        {
            int trace = journal.NextTrace();
            var r = Sale(journal.Batch, trace, TxnState.Prepared, amountFen: sale);
            Assert.True(journal.Save(r), journal.Message);
            r.State = sale % 250 == 0 ? TxnState.Unresolved : TxnState.Approved;
            r.Receipt = sale % 333 == 0 ? ReceiptState.Pending : ReceiptState.Printed;
            Assert.True(journal.Save(r), journal.Message);
            saves += 2;
            if (r.MustKeep)
            {
                owed[(r.Batch, r.Trace)] = Fingerprint(r);
            }
            if (sale % 40 == 0)
            {
                Assert.True(journal.StartNewBatch());
            }
            Assert.True(journal.FileBytes <= bound, $"live file {journal.FileBytes} bytes after sale {sale}");
            Assert.Equal(journal.FileBytes, store.SizeOf(journal.LiveFile));
            Assert.True(store.UsedBytes <= bound, $"flash holds {store.UsedBytes} bytes after sale {sale}");
        }
        Assert.True(journal.Compactions > 10, $"{journal.Compactions} compactions");
        store.Reboot();
        var again = Open(store, config, out JournalStatus status);
        Assert.Equal(JournalStatus.Ok, status);
        Assert.Equal(State(journal), State(again));
        foreach (var kv in owed)
        {
            Assert.Equal(kv.Value, Fingerprint(again.Find(kv.Key.Item1, kv.Key.Item2)));
        }
        Console.WriteLine($"journal bound: {saves} saves, {journal.Compactions} compactions, owed records kept {owed.Count}");
    }

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void A_full_flash_is_reported_and_loses_nothing_confirmed(FlashMode mode)
    {
        var store = Store(mode, 10, capacityBytes: 3000);
        var config = new JournalConfig { MaxFileBytes = 100000 };
        var journal = Open(store, config);
        var confirmed = new List<TxnRecord>();
        for (int i = 0; i < 100; i++)
        {
            if (!journal.TryTakeTrace(out int trace))
            {
                break;
            }
            var r = Sale(1, trace, TxnState.Approved);
            if (!journal.Save(r))
            {
                break;
            }
            confirmed.Add(r);
        }
        Assert.Contains("flash full", journal.Message);
        Assert.True(confirmed.Count > 5);
        // A trace record is smaller than a sale: traces go on until they too no longer fit.
        int lastTaken = 0;
        for (int i = 0; i < 300; i++)
        {
            if (!journal.TryTakeTrace(out int trace))
            {
                break;
            }
            lastTaken = trace;
        }
        Assert.False(journal.TryTakeTrace(out _));
        Assert.Contains("flash full", journal.Message);
        Assert.False(journal.Save(Sale(1, 900000, TxnState.Prepared)));
        Assert.Null(journal.Find(1, 900000));
        store.Reboot();
        var again = Open(store, config);
        Assert.Equal(lastTaken, again.LastTrace);
        foreach (var r in confirmed)
        {
            Assert.Equal(Fingerprint(r), Fingerprint(again.Find(1, r.Trace)));
        }
        Assert.Equal(confirmed.Count, again.Count);
    }

    [Fact]
    public void A_compaction_that_does_not_fit_leaves_the_live_file_in_use()
    {
        var store = Store(FlashMode.LittleFs, 11, capacityBytes: 1200);
        var config = new JournalConfig { MaxFileBytes = 700 };
        var journal = Open(store, config);
        int saved = 0;
        for (int i = 1; i <= 40 && journal.Save(Sale(1, i, TxnState.Approved)); i++)
        {
            saved = i;
        }
        Assert.True(saved > 3);
        Assert.Contains("flash full", journal.Message);
        store.Reboot();
        Assert.Equal(saved, Open(store, config).Count);
    }
}
