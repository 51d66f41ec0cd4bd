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
