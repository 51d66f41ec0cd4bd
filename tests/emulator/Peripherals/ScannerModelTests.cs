using System.Text;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Emulator.Peripherals;

public class ScannerModelTests
{
    private sealed class Rig
    {
        public Rig(string profile = "gm65.profile")
        {
            Board = new VirtualBoard(1);
            Profile = ScannerProfiles.Load(profile);
            Port = Board.Serial("t", "SCANNER", Profile.BaudRate);
            Model = new ScannerModel(Port, Board.Clock, Profile, Board.Random.Fork("scanner"));
        }

        public VirtualBoard Board { get; }
        public ScannerProfile Profile { get; }
        public VirtualSerialPort Port { get; }
        public ScannerModel Model { get; }

        public byte[] Received()
        {
            var buffer = new byte[256];
            int n = Port.Read(buffer, 0, buffer.Length);
            return buffer.Take(n).ToArray();
        }
    }

    [Fact]
    public void A_trigger_is_acknowledged_and_the_code_follows_after_the_decode_delay()
    {
        var rig = new Rig();
        rig.Model.Present(ScanItem.Of("134567890123456789"));
        rig.Port.Write(rig.Profile.TriggerCommand, 0, rig.Profile.TriggerCommand.Length);
        long triggerDoneNanos = 9 * rig.Port.ByteNanos;
        rig.Board.Clock.RunUntil(triggerDoneNanos + rig.Model.DecodeDelayNanos - 1);
        Assert.Equal(rig.Profile.Ack, rig.Received());
        rig.Board.Clock.RunUntil(triggerDoneNanos + rig.Model.DecodeDelayNanos + 19 * rig.Port.ByteNanos);
        Assert.Equal(Encoding.ASCII.GetBytes("134567890123456789\r"), rig.Received());
        Assert.Equal(1, rig.Model.TriggersReceived);
    }

    [Theory]
    [InlineData(0, 1_000_000_000, false)]             // reads only what is in front of it at the trigger
    [InlineData(5_000_000_000, 1_000_000_000, true)]  // still reading 1 s after an empty trigger
    [InlineData(5_000_000_000, 6_000_000_000, false)] // the read time is over
    public void A_code_held_up_after_an_empty_trigger_is_read_only_within_the_read_session(long sessionNanos, long presentedAtNanos, bool read)
    {
        var rig = new Rig();
        rig.Model.ReadSessionNanos = sessionNanos;
        rig.Port.Write(rig.Profile.TriggerCommand, 0, rig.Profile.TriggerCommand.Length);
        rig.Board.Clock.RunUntil(presentedAtNanos);
        Assert.Equal(rig.Profile.Ack, rig.Received());
        rig.Model.Present(ScanItem.Of("134567890123456789"));
        rig.Board.Clock.RunUntil(presentedAtNanos + rig.Model.DecodeDelayNanos + 20 * rig.Port.ByteNanos);
        Assert.Equal(read ? Encoding.ASCII.GetBytes("134567890123456789\r") : Array.Empty<byte>(), rig.Received());
        Assert.Equal(read ? 0 : 1, rig.Model.PresentedCount);
    }

    [Fact]
    public void A_stop_ends_the_read_session()
    {
        var rig = new Rig();
        rig.Model.ReadSessionNanos = 5_000_000_000;
        rig.Port.Write(rig.Profile.TriggerCommand, 0, rig.Profile.TriggerCommand.Length);
        rig.Port.Write(rig.Profile.StopCommand, 0, rig.Profile.StopCommand.Length);
        rig.Board.Clock.RunUntil(1_000_000_000);
        rig.Received();
        rig.Model.Present(ScanItem.Of("134567890123456789"));
        rig.Board.Clock.RunUntil(2_000_000_000);
        Assert.Empty(rig.Received());
    }

    [Fact]
    public void A_stop_before_the_decode_ends_the_read_and_bytes_that_are_not_a_command_are_ignored()
    {
        var rig = new Rig();
        rig.Model.Present(ScanItem.Of("134567890123456789"));
        byte[] junk = { 0x7E, 0x00, 0x55 };
        rig.Port.Write(junk, 0, junk.Length);
        rig.Port.Write(rig.Profile.TriggerCommand, 0, rig.Profile.TriggerCommand.Length);
        rig.Port.Write(rig.Profile.StopCommand, 0, rig.Profile.StopCommand.Length);
        rig.Board.Clock.Advance(1_000_000_000);
        Assert.Equal(rig.Profile.Ack.Concat(rig.Profile.Ack).ToArray(), rig.Received());
        Assert.Equal(1, rig.Model.TriggersReceived);
        Assert.Equal(1, rig.Model.StopsReceived);
    }

    [Fact]
    public void Faults_shape_the_bytes_sent()
    {
        var rig = new Rig("continuous.profile");
        rig.Model.Present(ScanItem.Truncated("134567890123456789", 5));
        rig.Board.Clock.Advance(100_000_000);
        Assert.Equal(Encoding.ASCII.GetBytes("13456"), rig.Received());
        rig.Model.Present(ScanItem.Dropped("134567890123456789", 3));
        rig.Board.Clock.Advance(100_000_000);
        Assert.Equal(15 + 2, rig.Received().Length);
        rig.Model.Present(ScanItem.Noise(40));
        rig.Board.Clock.Advance(100_000_000);
        Assert.Equal(40, rig.Received().Length);
        rig.Model.Present(ScanItem.NoRead());
        rig.Board.Clock.Advance(100_000_000);
        Assert.Empty(rig.Received());
    }

    [Fact]
    public void A_trigger_with_nothing_presented_sends_only_the_acknowledgement()
    {
        var rig = new Rig();
        rig.Port.Write(rig.Profile.TriggerCommand, 0, rig.Profile.TriggerCommand.Length);
        rig.Board.Clock.Advance(1_000_000_000);
        Assert.Equal(rig.Profile.Ack, rig.Received());
    }
}
