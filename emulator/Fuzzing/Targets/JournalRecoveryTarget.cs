using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using PosFirmware.Scanner;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// A journal file as the flash holds it after a cut or damage, through Journal.Recover. The first byte picks
/// the layout (bit 0: the bytes are journal.a, or journal.b beside a valid journal.a; bit 1: FAT-like store).
/// Contract: Fresh, Ok or Repaired, never an exception or StoreFailed on a healthy store; within MaxRecords;
/// recovering again finds the same records (nothing invented by the repair); a record saved after
/// recovery is there after the next recovery.
/// </summary>
public sealed class JournalRecoveryTarget : FuzzTarget
{
    private static readonly JournalConfig Config = new();

    /// <inheritdoc />
    public override string Name => "journal-recovery";

    /// <inheritdoc />
    public override string Summary => "Journal.Recover on a damaged journal file, recovered twice, then a save";

    /// <inheritdoc />
    public override IEnumerable<byte[]> BuiltSeeds()
    {
        byte[] journal = SampleJournal();
        yield return [0, .. journal];
        yield return [2, .. journal];
        yield return [1, .. journal[..(journal.Length * 2 / 3)]];
    }

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }
        var store = new FlashFileStore((input[0] & 2) == 0 ? FlashMode.LittleFs : FlashMode.Fat, new SimRandom(1));
        var files = new Dictionary<string, byte[]>();
        if ((input[0] & 1) == 0)
        {
            files[Config.FileA] = input[1..];
        }
        else
        {
            files[Config.FileA] = SampleJournal();
            files[Config.FileB] = input[1..];
        }
        store.Load(files);
        var journal = new Journal(store, Config);
        JournalStatus status = journal.Recover();
        Require(status != JournalStatus.StoreFailed, "recovery failed on a healthy store: " + journal.Message);
        Require(journal.Count <= Config.MaxRecords, journal.Count + " records");
        var again = new Journal(store, Config);
        Require(again.Recover() == JournalStatus.Ok, "a recovered journal does not read back clean: " + again.RecoveryNote + again.Message);
        Require(again.Count == journal.Count && again.Batch == journal.Batch && again.LastTrace == journal.LastTrace, "the second recovery differs from the first");
        for (int i = 0; i < journal.Count; i++)
        {
            TxnRecord a = journal.At(i);
            TxnRecord? b = again.Find(a.Batch, a.Trace);
            Require(b != null && b.State == a.State && b.AmountFen == a.AmountFen && b.Code == a.Code, "record " + a.Batch + "/" + a.Trace + " changed between recoveries");
        }
        if (again.IsFull)
        {
            return;
        }
        Require(again.TryTakeTrace(out int trace) && trace > 0, "no trace after recovery: " + again.Message);
        var record = new TxnRecord { Kind = TxnKind.Sale, Batch = again.Batch, Trace = trace, State = TxnState.Approved, AmountFen = 1234, Code = "134567890123456789" };
        Require(again.Save(record), "no save after recovery: " + again.Message);
        var third = new Journal(store, Config);
        Require(third.Recover() == JournalStatus.Ok && third.Find(record.Batch, record.Trace) != null, "a record saved after recovery is lost");
    }

    private static byte[] SampleJournal()
    {
        var store = new FlashFileStore(FlashMode.LittleFs, new SimRandom(1));
        var journal = new Journal(store, Config);
        journal.Recover();
        journal.SaveKeys([1, 2, 3, 4, 5, 6, 7, 8], 0, 8);
        for (int i = 0; i < 3; i++)
        {
            journal.TryTakeTrace(out int trace);
            journal.Save(new TxnRecord { Kind = TxnKind.Sale, Batch = journal.Batch, Trace = trace, State = TxnState.Approved, AmountFen = 100 * trace, Scheme = PaymentScheme.WeChat, Code = "13456789012345678" + i, ResponseCode = "00" });
        }
        return store.Snapshot()[journal.LiveFile];
    }
}
