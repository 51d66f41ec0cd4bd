using System.Text;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Hal;
using Xunit;

namespace PosFirmware.Tests.Emulator.Storage;

/// <summary>
/// Cuts the power at every write point of a small multi-file update, in every phase, and checks what a
/// reboot finds: littlefs keeps each file wholly old or wholly new; FAT really tears files.
/// </summary>
public class FlashPowerCutTests
{
    private static readonly Dictionary<string, string> OldContent = new()
    {
        ["config.txt"] = "baud=9600\nmerchant=OLD\n",
        ["ledger.log"] = "rec1;rec2;",
        ["state.bin"] = "STATE-0001",
    };

    private static readonly Dictionary<string, string> NewContent = new()
    {
        ["config.txt"] = "baud=115200\nmerchant=NEW-MERCHANT-NAME\n",
        ["ledger.log"] = "rec1;rec2;rec3-appended-record;rec4;",
        ["state.bin"] = "STATE-0002-with-more-bytes",
    };

    /// <summary>
    /// The update under test: rewrite one file in two writes, append two records to another, and
    /// replace a third by writing a temporary file, deleting the old one and renaming.
    /// </summary>
    private static void Update(IFileStore store)
    {
        var config = store.Create("config.txt");
        config.Write(Bytes("baud=115200\n"), 0, 12);
        config.Write(Bytes("merchant=NEW-MERCHANT-NAME\n"), 0, 27);
        config.Close();

        var ledger = store.Append("ledger.log");
        ledger.Write(Bytes("rec3-appended-record;"), 0, 21);
        ledger.Write(Bytes("rec4;"), 0, 5);
        ledger.Close();

        var temp = store.Create("state.tmp");
        byte[] state = Bytes("STATE-0002-with-more-bytes");
        temp.Write(state, 0, state.Length);
        temp.Close();
        store.Delete("state.bin");
        store.Rename("state.tmp", "state.bin");
    }

    private static FlashFileStore Seeded(FlashMode mode, ulong seed)
    {
        var store = new FlashFileStore(mode, new SimRandom(seed));
        foreach (var kv in OldContent)
        {
            var w = store.Create(kv.Key);
            w.Write(Bytes(kv.Value), 0, kv.Value.Length);
            w.Close();
        }
        store.Reboot();
        return store;
    }

    private static int CountWritePoints(FlashMode mode)
    {
        var store = Seeded(mode, 1);
        Update(store);
        return store.WritePoints;
    }

    private static SortedDictionary<string, byte[]> RunWithCut(FlashMode mode, int point, CutPhase phase, ulong seed)
    {
        var store = Seeded(mode, seed);
        store.PlanCut(point, phase);
        Assert.Throws<PowerLossException>(() => Update(store));
        Assert.False(store.Power.IsOn);
        Assert.Throws<PowerLossException>(() => store.Exists("config.txt"));
        store.Reboot();
        return store.Snapshot();
    }

    [Fact]
    public void The_update_has_the_expected_write_points_and_completes_without_a_cut()
    {
        // create, write, write, close; append, write, write, close; create, write, close; delete; rename.
        Assert.Equal(13, CountWritePoints(FlashMode.LittleFs));
        var store = Seeded(FlashMode.LittleFs, 1);
        Update(store);
        var files = store.Snapshot();
        Assert.Equal(new[] { "config.txt", "ledger.log", "state.bin" }, files.Keys);
        foreach (var kv in NewContent)
        {
            Assert.Equal(kv.Value, Text(files[kv.Key]));
        }
    }

    [Fact]
    public void LittleFs_keeps_every_file_wholly_old_or_wholly_new_at_every_cut()
    {
        int points = CountWritePoints(FlashMode.LittleFs);
        int cuts = 0;
        foreach (CutPhase phase in Enum.GetValues<CutPhase>())
        {
            for (int point = 0; point < points; point++)
            {
                var files = RunWithCut(FlashMode.LittleFs, point, phase, (ulong)point + 1);
                cuts++;
                foreach (var name in new[] { "config.txt", "ledger.log" })
                {
                    string text = Text(files[name]);
                    Assert.True(text == OldContent[name] || text == NewContent[name],
                        $"{name} after a cut at point {point} {phase}: '{text}' is neither old nor new");
                }
                // The replaced file: old or new under its own name, or (between delete and rename) only
                // the complete temporary file, from which recovery finishes the rename.
                if (files.TryGetValue("state.bin", out var stateBytes))
                {
                    string state = Text(stateBytes);
                    Assert.True(state == OldContent["state.bin"] || state == NewContent["state.bin"], $"state.bin torn at point {point} {phase}: '{state}'");
                }
                else
                {
                    Assert.Equal(NewContent["state.bin"], Text(files["state.tmp"]));
                }
                if (files.TryGetValue("state.tmp", out var tmp))
                {
                    Assert.Equal(NewContent["state.bin"], Text(tmp));
                }
            }
        }
        Assert.Equal(points * 3, cuts);
    }

    [Fact]
    public void LittleFs_cut_before_close_keeps_old_content_and_after_close_keeps_new()
    {
        // Point 3 is the close of config.txt.
        Assert.Equal(OldContent["config.txt"], Text(RunWithCut(FlashMode.LittleFs, 3, CutPhase.Before, 1)["config.txt"]));
        Assert.Equal(OldContent["config.txt"], Text(RunWithCut(FlashMode.LittleFs, 3, CutPhase.During, 1)["config.txt"]));
        Assert.Equal(NewContent["config.txt"], Text(RunWithCut(FlashMode.LittleFs, 3, CutPhase.After, 1)["config.txt"]));
    }

    [Fact]
    public void Fat_really_tears_files()
    {
        int points = CountWritePoints(FlashMode.Fat);
        int torn = 0;
        int truncated = 0;
        int bothNames = 0;
        for (int point = 0; point < points; point++)
        {
            var files = RunWithCut(FlashMode.Fat, point, CutPhase.During, (ulong)point + 7);
            foreach (var name in new[] { "config.txt", "ledger.log" })
            {
                string text = Text(files[name]);
                if (text != OldContent[name] && text != NewContent[name])
                {
                    torn++;
                }
                if (text.Length == 0)
                {
                    truncated++;
                }
            }
            if (files.ContainsKey("state.bin") && files.ContainsKey("state.tmp"))
            {
                bothNames++;
            }
        }
        Assert.True(torn >= 4, $"FAT mode tore only {torn} files");
        Assert.True(bothNames >= 1, "a cut during a FAT rename leaves both names");
        // A cut right after FAT's truncate-at-open leaves an empty file: the old content is gone.
        var afterOpen = RunWithCut(FlashMode.Fat, 0, CutPhase.After, 3);
        Assert.Empty(afterOpen["config.txt"]);
    }

    [Fact]
    public void Fat_tearing_is_reproducible_from_the_seed()
    {
        var a = RunWithCut(FlashMode.Fat, 5, CutPhase.During, 42);
        var b = RunWithCut(FlashMode.Fat, 5, CutPhase.During, 42);
        Assert.Equal(a["ledger.log"], b["ledger.log"]);
    }

    [Fact]
    public void Rename_refuses_an_existing_destination_like_nanoFramework_File_Move()
    {
        var store = Seeded(FlashMode.LittleFs, 1);
        var e = Assert.Throws<FileStoreException>(() => store.Rename("config.txt", "ledger.log"));
        Assert.Contains("destination exists", e.Message);
        Assert.Throws<FileStoreException>(() => store.Rename("missing", "x"));
    }

    [Fact]
    public void A_full_flash_refuses_the_write_and_keeps_the_old_content()
    {
        var store = new FlashFileStore(FlashMode.LittleFs, new SimRandom(1), capacityBytes: 64);
        var w = store.Create("a");
        w.Write(new byte[40], 0, 40);
        w.Close();
        var w2 = store.Create("b");
        Assert.Throws<FileStoreException>(() => w2.Write(new byte[40], 0, 40));
        Assert.Equal(40, store.SizeOf("a"));
    }

    private static byte[] Bytes(string s) => Encoding.ASCII.GetBytes(s);

    private static string Text(byte[] b) => Encoding.ASCII.GetString(b);
}
