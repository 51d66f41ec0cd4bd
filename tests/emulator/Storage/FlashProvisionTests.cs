using System.Text;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using Xunit;

namespace PosFirmware.Tests.Emulator.Storage;

/// <summary>
/// Factory files are shared between boards, not copied: provisioning adds a missing file without a write
/// point and never replaces one, and nothing the firmware writes lands in the shared bytes.
/// </summary>
public class FlashProvisionTests
{
    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void A_provisioned_file_is_shared_read_only_and_never_replaced(FlashMode mode)
    {
        byte[] factory = Encoding.ASCII.GetBytes("factory-data");
        byte[] kept = (byte[])factory.Clone();
        var flash = new FlashFileStore(mode, new SimRandom(1));

        Assert.True(flash.Provision("cfg.bin", factory));
        Assert.False(flash.Provision("cfg.bin", Encoding.ASCII.GetBytes("other")));
        Assert.Equal(0, flash.WritePoints);
        Assert.Equal(kept, flash.Snapshot()["cfg.bin"]);

        // The firmware appends to the file and rewrites it: the store makes new bytes each time.
        var append = flash.Append("cfg.bin");
        append.Write(Encoding.ASCII.GetBytes("+more"), 0, 5);
        append.Close();
        Assert.Equal("factory-data+more", Encoding.ASCII.GetString(flash.Snapshot()["cfg.bin"]));
        var rewrite = flash.Create("cfg.bin");
        rewrite.Write(Encoding.ASCII.GetBytes("XXXXXXXXXXXX"), 0, 12);
        rewrite.Close();
        Assert.Equal(kept, factory);
    }

    [Fact]
    public void Every_board_reads_the_same_factory_files_and_a_reboot_keeps_what_the_flash_holds()
    {
        var first = new VirtualTerminal(5);
        var second = new VirtualTerminal(6);
        var a = first.Board.Flash.Snapshot();
        var b = second.Board.Flash.Snapshot();
        Assert.Equal(a.Keys, b.Keys);
        foreach (var name in a.Keys)
        {
            Assert.Equal(a[name], b[name]);
        }
        Assert.Contains("font.pft", a.Keys);

        // A board built on a flash whose profile file was replaced keeps the replacement.
        var image = first.Board.Flash.Snapshot();
        image["printhead.profile"] = Encoding.ASCII.GetBytes("changed");
        first.Board.Flash.Load(image);
        var rebooted = new VirtualTerminal(5, first.Board.Flash);
        Assert.Equal("changed", Encoding.ASCII.GetString(rebooted.Board.Flash.Snapshot()["printhead.profile"]));
    }
}
