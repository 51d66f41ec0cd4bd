using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using PosFirmware.Tests.Drivers.Scanner;
using Xunit;
using Xunit.Abstractions;
using static PosFirmware.Tests.Firmware.Payment.JournalKit;

namespace PosFirmware.Tests.Firmware.Payment;

/// <summary>
/// Damaged journal files (random bytes, bit flips, truncations, garbage tails, overwritten and spliced
/// spans, in either file): recovery never throws, never yields a record, key block, batch or trace that
/// was not saved, and leaves a journal that takes new records. JOURNAL_FUZZ_SEED replays a run.
/// </summary>
public class JournalFuzzTests
{
    private const int Cases = 1500;
    private readonly ITestOutputHelper _output;

    public JournalFuzzTests(ITestOutputHelper output) => _output = output;

    private sealed class History
    {
        public readonly HashSet<string> Records = new();
        public readonly HashSet<string> Keys = new() { "" };
        public readonly List<SortedDictionary<string, byte[]>> Images = new();
        public int MaxBatch = 1;
        public int MaxTrace;
    }

    private static History Build(JournalConfig config, SimRandom random)
    {
        var history = new History();
        var store = Store(FlashMode.Fat, random.NextUInt64());
        var journal = Open(store, config);
        var open = new List<TxnRecord>();
        for (int step = 0; step < 400; step++)
        {
            int what = random.Next(10);
            if (what < 4 || open.Count == 0)
            {
                int trace = journal.NextTrace();
                Assert.True(trace > 0, journal.Message);
                history.MaxTrace = Math.Max(history.MaxTrace, trace);
                var r = Sale(journal.Batch, trace, TxnState.Prepared, amountFen: random.NextInRange(-100000, 10000000));
                r.Code = random.Next(99999999).ToString("D18");
                if (journal.Save(r))
                {
                    history.Records.Add(Fingerprint(r));
                    open.Add(r);
                }
            }
            else if (what < 8)
            {
                var r = open[random.Next(open.Count)];
                r.State = (TxnState)random.Next(9);
                r.Receipt = (ReceiptState)random.Next(4);
                r.ResponseCode = random.Next(100).ToString("D2");
                r.ReversalAttempts = random.Next(4);
                r.ClearReason = random.Chance(0.2) ? "清除 " + random.Next(1000) : "";
                if (journal.Save(r))
                {
                    history.Records.Add(Fingerprint(r));
                }
            }
            else if (what == 8)
            {
                var block = new byte[8 + random.Next(40)];
                random.NextBytes(block, 0, block.Length);
                Assert.True(journal.SaveKeys(block, 0, block.Length), journal.Message);
                history.Keys.Add(Convert.ToHexString(block));
            }
            else
            {
                Assert.True(journal.StartNewBatch(), journal.Message);
                history.MaxBatch = journal.Batch;
                open.RemoveAll(r => !r.MustKeep);
            }
            if (step % 25 == 0)
            {
                history.Images.Add(store.Snapshot());
            }
        }
        history.Images.Add(store.Snapshot());
        return history;
    }

    [Fact]
    public void Damaged_journal_files_never_throw_and_never_yield_anything_that_was_not_saved()
    {
        ulong seed = FuzzSeed.From("JOURNAL_FUZZ_SEED", 20261130);
        _output.WriteLine($"journal fuzz seed {seed} (JOURNAL_FUZZ_SEED={seed} replays it)");
        Console.WriteLine($"journal fuzz seed {seed}");
        var random = new SimRandom(seed);
        var config = new JournalConfig { MaxRecords = 40, MaxFileBytes = 3000, MaxKeyBytes = 64 };
        History history = Build(config, random.Fork("history"));
        var damage = random.Fork("damage");
        var store = Store(FlashMode.Fat, seed);
        var statuses = new int[4];
        int recordsSeen = 0;
        for (int n = 0; n < Cases; n++)
        {
            var image = Copy(history.Images[damage.Next(history.Images.Count)]);
            var names = image.Keys.ToList();
            string victim = names.Count == 0 || damage.Chance(0.1) ? (damage.Chance(0.5) ? config.FileA : config.FileB) : names[damage.Next(names.Count)];
            string kind = Damage(image, victim, damage);
            string where = $"seed {seed}, case {n} ({kind} on {victim})";
            store.Load(image);
            store.Reboot();
            Journal journal;
            JournalStatus status;
            try
            {
                journal = new Journal(store, config);
                status = journal.Recover();
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{where}: recovery threw {e}");
            }
            statuses[(int)status]++;
            Assert.True(status != JournalStatus.StoreFailed, $"{where}: {journal.Message}");
            for (int i = 0; i < journal.Count; i++)
            {
                recordsSeen++;
                Assert.True(history.Records.Contains(Fingerprint(journal.At(i))), $"{where}: invented record {Fingerprint(journal.At(i))}");
            }
            var keys = new byte[config.MaxKeyBytes];
            int keyLength = journal.LoadKeys(keys, 0);
            Assert.True(history.Keys.Contains(Convert.ToHexString(keys, 0, keyLength)), $"{where}: invented key block");
            Assert.InRange(journal.Batch, 1, history.MaxBatch);
            Assert.InRange(journal.LastTrace, 0, history.MaxTrace);

            int trace = journal.NextTrace();
            Assert.True(trace > 0, $"{where}: {journal.Message}");
            var fresh = Sale(journal.Batch, trace, TxnState.Prepared);
            bool saved = journal.Save(fresh);
            Assert.True(saved || journal.IsFull, $"{where}: {journal.Message}");
            store.Reboot();
            var again = Open(store, config, out JournalStatus next);
            Assert.True(next == JournalStatus.Ok, $"{where}: second recovery {next} {again.RecoveryNote}");
            if (saved)
            {
                Assert.Equal(Fingerprint(fresh), Fingerprint(again.Find(fresh.Batch, trace)));
            }
        }
        string summary = $"journal fuzz: {Cases} damaged images, {statuses[(int)JournalStatus.Ok]} ok, {statuses[(int)JournalStatus.Repaired]} repaired, " +
            $"{statuses[(int)JournalStatus.Fresh]} fresh, {recordsSeen} records read back, none invented";
        _output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(statuses[(int)JournalStatus.Repaired] > Cases / 4);
        Assert.True(statuses[(int)JournalStatus.Ok] > 0 && statuses[(int)JournalStatus.Fresh] > 0);
    }

    private static SortedDictionary<string, byte[]> Copy(SortedDictionary<string, byte[]> image)
    {
        var copy = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var kv in image)
        {
            copy[kv.Key] = (byte[])kv.Value.Clone();
        }
        return copy;
    }

    private static string Damage(SortedDictionary<string, byte[]> image, string name, SimRandom random)
    {
        byte[] file = image.TryGetValue(name, out var existing) ? existing : Array.Empty<byte>();
        int kind = random.Next(7);
        switch (kind)
        {
            case 0:
                file = new byte[random.Next(800)];
                random.NextBytes(file, 0, file.Length);
                if (file.Length > 2 && random.Chance(0.5))
                {
                    file[0] = JournalFormat.Magic0;
                    file[1] = JournalFormat.Magic1;
                }
                image[name] = file;
                return "random bytes";
            case 1:
                for (int i = 1 + random.Next(8); i > 0 && file.Length > 0; i--)
                {
                    file[random.Next(file.Length)] ^= (byte)(1 << random.Next(8));
                }
                return "bit flips";
            case 2:
                image[name] = file[..random.Next(file.Length + 1)];
                return "truncation";
            case 3:
                var tail = new byte[1 + random.Next(64)];
                random.NextBytes(tail, 0, tail.Length);
                image[name] = file.Concat(tail).ToArray();
                return "garbage tail";
            case 4:
                if (file.Length > 0)
                {
                    int at = random.Next(file.Length);
                    random.NextBytes(file, at, Math.Min(file.Length - at, 1 + random.Next(32)));
                }
                return "overwritten span";
            case 5:
                if (file.Length > 0)
                {
                    int from = random.Next(file.Length);
                    int count = Math.Min(file.Length - from, 1 + random.Next(200));
                    int to = random.Next(file.Length + 1);
                    var spliced = file[..to].Concat(file.Skip(from).Take(count)).Concat(file[to..]).ToArray();
                    image[name] = spliced;
                }
                return "spliced span";
            default:
                image.Remove(name);
                return "file deleted";
        }
    }
}
