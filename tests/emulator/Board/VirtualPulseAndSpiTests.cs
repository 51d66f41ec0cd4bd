using PosFirmware.Emulator.Board;
using Xunit;

namespace PosFirmware.Tests.Emulator.Board;

public class VirtualPulseAndSpiTests
{
    [Fact]
    public void A_pulse_falls_exactly_its_width_later_whatever_the_firmware_does()
    {
        var board = new VirtualBoard(1);
        var stb = board.PulseOutput("head", "STB1");
        stb.Pulse(700);
        Assert.True(stb.Busy);
        board.Clock.RunUntil(700_000 - 1);
        Assert.True(stb.Level);
        board.Clock.RunUntil(700_000);
        Assert.False(stb.Level);
    }

    [Fact]
    public void A_pulse_requested_while_one_runs_is_refused_and_counted()
    {
        var board = new VirtualBoard(1);
        var stb = board.PulseOutput("head", "STB1");
        stb.Pulse(100);
        stb.Pulse(100);
        Assert.Equal(1, stb.PulseCount);
        Assert.Equal(1, stb.RefusedCount);
    }

    [Fact]
    public void A_pulse_sent_ahead_stays_low_until_its_time_then_runs_its_width_and_the_output_is_busy_meanwhile()
    {
        var board = new VirtualBoard(1);
        var stb = board.PulseOutput("head", "STB1");
        stb.PulseAt(50, 700);
        Assert.True(stb.Busy);
        Assert.False(stb.Level);
        stb.Pulse(10);
        Assert.Equal(1, stb.RefusedCount);
        board.Clock.RunUntil(50_000 - 1);
        Assert.False(stb.Level);
        board.Clock.RunUntil(50_000);
        Assert.True(stb.Level);
        board.Clock.RunUntil(750_000);
        Assert.False(stb.Level);
        Assert.False(stb.Busy);
        // A time already past starts the pulse now.
        stb.PulseAt(3, 20);
        Assert.True(stb.Level);
        board.Clock.RunUntil(770_000);
        Assert.False(stb.Level);
    }

    [Fact]
    public void Blocks_sent_ahead_for_one_rise_rise_and_fall_together_and_each_edge_joins_the_clock_s_queue_at_its_end()
    {
        var board = new VirtualBoard(1);
        var edges = new List<string>();
        var blocks = new VirtualPulseOutput[4];
        for (int b = 0; b < blocks.Length; b++)
        {
            int block = b;
            blocks[b] = board.PulseOutput("head", $"STB{b + 1}");
            blocks[b].Connect((high, at) => edges.Add($"{block} {high} {at}"));
        }
        for (int pass = 0; pass < 3; pass++)
        {
            long rise = board.Clock.NowMicros + 40;
            foreach (var block in blocks)
            {
                block.PulseAt(rise, 300 + pass);
            }
            board.Clock.RunUntil((rise + 350) * 1000);
            var expected = Enumerable.Range(0, 4).Select(b => $"{b} True {rise * 1000}")
                .Concat(Enumerable.Range(0, 4).Select(b => $"{b} False {(rise + 300 + pass) * 1000}"));
            Assert.Equal(expected, edges.Skip(pass * 8));
        }
        Assert.Equal(24, board.Clock.ActionsRun);
        Assert.Equal(0, board.Clock.ActionsPlacedBetween);
    }

    [Fact]
    public void An_action_due_before_the_last_one_queued_is_placed_between_and_counted()
    {
        var board = new VirtualBoard(1);
        var ran = new List<int>();
        board.Clock.ScheduleAt(100, () => ran.Add(1));
        board.Clock.ScheduleAt(300, () => ran.Add(3));
        board.Clock.ScheduleAt(400, () => ran.Add(4));
        board.Clock.ScheduleAt(200, () => ran.Add(2));
        board.Clock.RunUntil(1_000);
        Assert.Equal(new[] { 1, 2, 3, 4 }, ran);
        Assert.Equal(1, board.Clock.ActionsPlacedBetween);
    }

    private sealed class Recorder : ISpiPeripheral
    {
        public readonly List<(byte[] Data, long Start, long Bit)> Transfers = new();

        public void OnTransfer(byte[] data, int offset, int count, long startNanos, long bitPeriodNanos) =>
            Transfers.Add((data.Skip(offset).Take(count).ToArray(), startNanos, bitPeriodNanos));
    }

    [Fact]
    public void An_spi_write_takes_eight_bit_periods_per_byte_and_reaches_the_peripheral()
    {
        var board = new VirtualBoard(1);
        var spi = board.Spi("head", "SPI", 4_000_000);
        var rec = new Recorder();
        spi.Connect(rec);
        board.Clock.Advance(1000);
        spi.Write(new byte[] { 0, 0xAA, 0x55, 0 }, 1, 2);
        Assert.Equal(1000 + 16 * 250, board.Clock.NowNanos);
        Assert.Single(rec.Transfers);
        Assert.Equal(new byte[] { 0xAA, 0x55 }, rec.Transfers[0].Data);
        Assert.Equal(1000, rec.Transfers[0].Start);
        Assert.Equal(250, rec.Transfers[0].Bit);
    }

    [Fact]
    public void Hardware_calls_after_a_power_cut_throw()
    {
        var board = new VirtualBoard(1);
        var pin = board.OutputPin("b", "LED");
        Assert.Throws<PosFirmware.Emulator.Core.PowerLossException>(() => board.Power.Cut(0, "test"));
        Assert.Throws<PosFirmware.Emulator.Core.PowerLossException>(() => pin.Write(true));
    }
}
