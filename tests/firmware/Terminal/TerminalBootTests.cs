using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using Xunit;

namespace PosFirmware.Tests.Firmware.Terminal;

/// <summary>The firmware boots on the virtual terminal, counts boots in flash and survives power cuts.</summary>
public class TerminalBootTests
{
    [Fact]
    public void Boots_count_up_across_reboots_on_the_same_flash()
    {
        var first = new VirtualTerminal(1);
        first.App.Boot();
        Assert.Equal(1u, first.App.BootCount);
        var second = new VirtualTerminal(1, first.Board.Flash);
        second.App.Boot();
        Assert.Equal(2u, second.App.BootCount);
        Assert.False(second.App.BootRecordWasDamaged);
    }

    [Fact]
    public void The_heartbeat_toggles_every_half_period_in_virtual_time()
    {
        var t = new VirtualTerminal(1);
        t.App.Boot();
        t.App.RunFor(1_000_000);
        // High at boot, then toggles at 250, 500 and 750 ms; the one due at 1000 ms is past the run.
        Assert.Equal(4, t.StatusLed.EdgeCount);
        Assert.Equal(1_000_000_000, t.Board.Clock.NowNanos);
        t.App.RunFor(1_000);
        Assert.Equal(5, t.StatusLed.EdgeCount);
    }

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void A_power_cut_at_any_write_point_of_the_boot_record_never_stops_the_next_boot(FlashMode mode)
    {
        foreach (CutPhase phase in Enum.GetValues<CutPhase>())
        {
            for (int point = 0; point < 3; point++)
            {
                var flash = new FlashFileStore(mode, new SimRandom((ulong)point));
                var setup = new VirtualTerminal(1, flash);
                setup.App.Boot();
                setup.App.Boot();
                flash.Reboot();

                var cut = new VirtualTerminal(1, flash);
                flash.PlanCut(point, phase);
                Assert.Throws<PowerLossException>(() => cut.App.Boot());

                var after = new VirtualTerminal(1, flash);
                after.App.Boot();
                if (mode == FlashMode.LittleFs)
                {
                    // The record is wholly old (2) or new (3): this boot is 3 or 4.
                    Assert.InRange(after.App.BootCount, 3u, 4u);
                    Assert.False(after.App.BootRecordWasDamaged);
                }
                else
                {
                    // FAT may tear it: then the CRC catches it and the count restarts instead of failing.
                    Assert.True(after.App.BootCount is 1u or 3u or 4u, $"boot {after.App.BootCount} at {point} {phase}");
                }
            }
        }
    }

    [Fact]
    public void A_corrupt_boot_record_is_detected_and_restarted()
    {
        var t = new VirtualTerminal(1);
        t.App.Boot();
        var files = t.Board.Flash.Snapshot();
        files["boot.rec"][5] ^= 0x40;
        t.Board.Flash.Load(files);
        var again = new VirtualTerminal(1, t.Board.Flash);
        again.App.Boot();
        Assert.True(again.App.BootRecordWasDamaged);
        Assert.Equal(1u, again.App.BootCount);
    }
}
