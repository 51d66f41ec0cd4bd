using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Terminal;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Firmware.Terminal;

/// <summary>The boot counter: counts across reboots, restarts on a damaged record, and never stops a boot on a flash error.</summary>
public class BootRecordTests
{
    private static FlashFileStore Flash() => new(FlashMode.LittleFs, new SimRandom(1));

    [Fact]
    public void A_missing_record_counts_from_zero_and_a_saved_one_survives_a_reboot()
    {
        var flash = Flash();
        var record = new BootRecord(flash, "boot.rec");
        Assert.Equal(0u, record.Load());
        Assert.False(record.WasDamaged);
        Assert.True(record.TrySave(41));
        flash.Reboot();
        var again = new BootRecord(flash, "boot.rec");
        Assert.Equal(41u, again.Load());
        Assert.False(again.WasDamaged);
    }

    [Theory]
    [InlineData(0, 0x00)]   // magic
    [InlineData(5, 0x01)]   // count, so the CRC no longer matches
    [InlineData(11, 0xFF)]  // CRC
    public void A_record_with_any_byte_changed_is_damaged_and_restarts_the_count(int index, byte flip)
    {
        var flash = Flash();
        Assert.True(new BootRecord(flash, "boot.rec").TrySave(7));
        var files = flash.Snapshot();
        files["boot.rec"][index] ^= flip == 0 ? (byte)0x20 : flip;
        flash.Load(files);
        var record = new BootRecord(flash, "boot.rec");
        Assert.Equal(0u, record.Load());
        Assert.True(record.WasDamaged);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void A_record_of_the_wrong_size_is_damaged(int size)
    {
        var flash = Flash();
        flash.Load(new Dictionary<string, byte[]> { ["boot.rec"] = new byte[size] });
        var record = new BootRecord(flash, "boot.rec");
        Assert.Equal(0u, record.Load());
        Assert.True(record.WasDamaged);
    }

    [Fact]
    public void A_flash_error_reading_or_writing_is_a_damaged_record_not_an_exception()
    {
        var flash = Flash();
        Assert.True(new BootRecord(flash, "boot.rec").TrySave(3));
        var faulty = new FaultyStore(flash);
        faulty.ReadErrors.Add("boot.rec");
        var record = new BootRecord(faulty, "boot.rec");
        Assert.Equal(0u, record.Load());
        Assert.True(record.WasDamaged);
        faulty.ReadErrors.Clear();
        faulty.WriteErrors = true;
        Assert.False(record.TrySave(4));
        Assert.Equal(3u, record.Load());
    }
}
