using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using Xunit;
using Xunit.Abstractions;
using static PosFirmware.Tests.Firmware.Payment.JournalKit;

namespace PosFirmware.Tests.Firmware.Payment;

/// <summary>
/// Cuts the power at every write point of every journal operation, in every phase, in both flash modes,
/// with and without a compaction inside the operation; reboots on what the flash kept and recovers. The
/// journal must then mean wholly what it meant before or wholly what it means after, hand out no trace
/// twice, and take new records that survive the next reboot.
/// </summary>
public class JournalPowerCutTests
{
    private readonly ITestOutputHelper _output;

    public JournalPowerCutTests(ITestOutputHelper output) => _output = output;

    private sealed class Operation
    {
        public Operation(string name, Func<Journal, bool> run)
        {
            Name = name;
            Run = run;
        }

        public string Name { get; }

        public Func<Journal, bool> Run { get; }
    }

    private static readonly byte[] OldKeys = { 0x10, 0x32, 0x54, 0x76, 0x98, 0xBA, 0xDC, 0xFE, 1, 2, 3, 4, 5, 6, 7, 8 };
    private static readonly byte[] NewKeys = { 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x07, 0x18, 9, 9, 9, 9, 8, 8, 8, 8, 7, 7, 7, 7 };

    private static readonly Operation[] Operations =
    {
        new("save new", j => j.Save(Sale(j.Batch, 500, TxnState.Prepared))),
        new("save replace", j =>
        {
            var r = new TxnRecord();
            r.CopyFrom(j.Find(2, 4));
            r.State = TxnState.Approved;
            r.Receipt = ReceiptState.Pending;
            r.ReferenceNumber = "REF000000004";
            return j.Save(r);
        }),
        new("take trace", j => j.TryTakeTrace(out _)),
        new("new batch", j => j.StartNewBatch()),
        new("save keys", j => j.SaveKeys(NewKeys, 0, NewKeys.Length)),
        new("forget keys", j => j.ForgetKeys()),
    };

    /// <summary>Two batches: settled sales, a pending reversal, a receipt owed, keys; returns the traces handed out.</summary>
    private static List<int> History(Journal j)
    {
        var traces = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            traces.Add(j.NextTrace());
        }
        Assert.True(j.Save(Sale(1, traces[0], TxnState.Approved)));
        Assert.True(j.Save(Sale(1, traces[1], TxnState.ReversalPending)));
        var owed = Sale(1, traces[2], TxnState.Approved);
        owed.Receipt = ReceiptState.Pending;
        Assert.True(j.Save(owed));
        Assert.True(j.SaveKeys(OldKeys, 0, OldKeys.Length));
        Assert.True(j.StartNewBatch());
        traces.Add(j.NextTrace());
        traces.Add(j.NextTrace());
        Assert.True(j.Save(Sale(2, traces[3], TxnState.Prepared)));
        Assert.True(j.Save(Sale(2, traces[4], TxnState.Declined)));
        Assert.All(traces, t => Assert.True(t > 0));
        return traces;
    }

    private static FlashFileStore Prepared(FlashMode mode, JournalConfig config, ulong seed, out List<int> traces)
    {
        var store = Store(mode, seed);
        traces = History(Open(store, config));
        store.Reboot();
        return store;
    }

    private static JournalConfig Config(bool compactEveryTime) =>
        new() { MaxFileBytes = compactEveryTime ? 1 : 48 * 1024 };

    [Fact]
    public void Every_cut_in_every_operation_leaves_the_journal_wholly_old_or_wholly_new()
    {
        int cuts = 0;
        int compactingCuts = 0;
        foreach (bool compacting in new[] { false, true })
        {
            var config = Config(compacting);
            foreach (FlashMode mode in Enum.GetValues<FlashMode>())
            {
                foreach (var op in Operations)
                {
                    // The run without a cut: what "old" and "new" mean, and how many write points the operation has.
                    var store = Prepared(mode, config, 1, out var traces);
                    var journal = Open(store, config);
                    string before = State(journal);
                    int first = store.WritePoints;
                    Assert.True(op.Run(journal), op.Name + ": " + journal.Message);
                    string after = State(journal);
                    int points = store.WritePoints - first;
                    Assert.True(points >= (compacting ? 5 : 3), $"{op.Name}: {points} write points");
                    Assert.Equal(compacting, journal.Compactions > 0);
                    store.Reboot();
                    Assert.Equal(after, State(Open(store, config)));

                    for (int point = first; point < first + points; point++)
                    {
                        foreach (CutPhase phase in Enum.GetValues<CutPhase>())
                        {
                            ulong seed = (ulong)(point * 3 + (int)phase + 1);
                            var cutStore = Prepared(mode, config, seed, out _);
                            var victim = Open(cutStore, config);
                            cutStore.PlanCut(point, phase);
                            Assert.Throws<PowerLossException>(() => op.Run(victim));
                            cutStore.Reboot();
                            string where = $"{op.Name}, {mode}, compacting={compacting}, cut at write point {point} {phase}";
                            var recovered = Open(cutStore, config);
                            string state = State(recovered);
                            Assert.True(state == before || state == after, $"{where}: the journal reads\n{state}\nnot\n{before}\nnor\n{after}");
                            StillWorks(cutStore, config, recovered, traces, where);
                            cuts++;
                            if (compacting)
                            {
                                compactingCuts++;
                            }
                        }
                    }
                }
            }
        }
        _output.WriteLine($"journal power cuts tried: {cuts} ({compactingCuts} in operations that compact), all wholly old or wholly new");
        Console.WriteLine($"journal power cuts tried: {cuts} ({compactingCuts} in operations that compact)");
        Assert.True(cuts > 300, $"{cuts} cuts");
    }

    /// <summary>After recovery: a fresh trace, a record saved with it survives another reboot whole.</summary>
    private static void StillWorks(FlashFileStore store, JournalConfig config, Journal journal, List<int> handedOut, string where)
    {
        int trace = journal.NextTrace();
        Assert.True(trace > 0, where + ": " + journal.Message);
        Assert.DoesNotContain(trace, handedOut);
        var r = Sale(journal.Batch, trace, TxnState.Prepared, amountFen: 777);
        Assert.True(journal.Save(r), where + ": " + journal.Message);
        string expected = State(journal);
        store.Reboot();
        var again = Open(store, config, out JournalStatus status);
        Assert.Equal(JournalStatus.Ok, status);
        Assert.Equal(expected, State(again));
        Assert.Equal(Fingerprint(r), Fingerprint(again.Find(r.Batch, trace)));
    }

    [Fact]
    public void A_trace_handed_out_before_a_cut_is_never_handed_out_again()
    {
        int cuts = 0;
        foreach (FlashMode mode in Enum.GetValues<FlashMode>())
        {
            foreach (bool compacting in new[] { false, true })
            {
                var config = Config(compacting);
                var store = Store(mode, 42);
                var journal = Open(store, config);
                var handedOut = new HashSet<int>();
                // Cut each TakeTrace at a different write point and phase in turn, rebooting every time.
                for (int round = 0; round < 60; round++)
                {
                    int t = journal.NextTrace();
                    Assert.True(t > 0 && handedOut.Add(t), $"{mode}: trace {t} handed out twice");
                    store.PlanCut(store.WritePoints + round % 6, (CutPhase)(round % 3));
                    try
                    {
                        int u = journal.NextTrace();
                        Assert.True(u > 0 && handedOut.Add(u), $"{mode}: trace {u} handed out twice");
                        journal.NextTrace();
                    }
                    catch (PowerLossException)
                    {
                        cuts++;
                    }
                    store.Reboot();
                    journal = Open(store, config);
                }
            }
        }
        Console.WriteLine($"trace cuts: {cuts}");
        Assert.True(cuts > 100);
    }

    [Theory]
    [InlineData(FlashMode.LittleFs, false)]
    [InlineData(FlashMode.Fat, false)]
    [InlineData(FlashMode.Fat, true)]
    public void A_bad_tail_is_compacted_away_and_a_cut_in_that_repair_loses_nothing(FlashMode mode, bool tornByCut)
    {
        var config = Config(false);
        var store = Prepared(mode, config, 5, out var traces);
        var journal = Open(store, config);
        string before = State(journal);
        if (tornByCut)
        {
            // The next save's single write is torn by a cut: a prefix lands, its tail possibly scrambled.
            store.PlanCut(store.WritePoints + 1, CutPhase.During);
            Assert.Throws<PowerLossException>(() => journal.Save(Sale(2, 600, TxnState.Prepared)));
            store.Reboot();
        }
        var image = store.Snapshot();
        string live = journal.LiveFile!;
        if (!tornByCut)
        {
            image[live] = image[live].Concat(new byte[] { 0x4A, 0x52, 0x02, 0x00, 0x01, 0x00, 0x13, 0x37 }).ToArray();
        }

        store.Load(image);
        store.Reboot();
        var repairing = Open(store, config, out JournalStatus status);
        Assert.Equal(JournalStatus.Repaired, status);
        Assert.Equal(before, State(repairing));
        Assert.NotEqual(live, repairing.LiveFile);
        Assert.Contains("bad tail", repairing.RecoveryNote);
        int points = store.WritePoints;
        Assert.True(points >= 4);

        int cuts = 0;
        for (int point = 0; point < points; point++)
        {
            foreach (CutPhase phase in Enum.GetValues<CutPhase>())
            {
                store.Load(image);
                store.Reboot();
                store.PlanCut(point, phase);
                Assert.Throws<PowerLossException>(() => new Journal(store, config).Recover());
                store.Reboot();
                var recovered = Open(store, config);
                Assert.Equal(before, State(recovered));
                StillWorks(store, config, recovered, traces, $"repair cut at {point} {phase}");
                cuts++;
            }
        }
        Console.WriteLine($"repair cuts ({mode}, torn by cut: {tornByCut}): {cuts}");
    }
}
