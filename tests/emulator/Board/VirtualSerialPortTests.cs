using PosFirmware.Emulator.Board;
using Xunit;

namespace PosFirmware.Tests.Emulator.Board;

public class VirtualSerialPortTests
{
    [Fact]
    public void A_byte_arrives_exactly_ten_bit_times_after_its_start_bit()
    {
        var board = new VirtualBoard(1);
        var port = board.Serial("s", "UART", 9600);
        port.DeviceSend(new byte[] { 0x41 }, 0, 1);
        long byteNanos = 10 * (1_000_000_000L / 9600);
        board.Clock.RunUntil(byteNanos - 1);
        Assert.Equal(0, port.BytesToRead);
        board.Clock.RunUntil(byteNanos);
        Assert.Equal(1, port.BytesToRead);
    }

    [Fact]
    public void Bytes_queue_behind_each_other_on_the_wire()
    {
        var board = new VirtualBoard(1);
        var port = board.Serial("s", "UART", 115200);
        long end = port.DeviceSend(new byte[10], 0, 10);
        Assert.Equal(10 * port.ByteNanos, end);
        long end2 = port.DeviceSend(new byte[1], 0, 1);
        Assert.Equal(11 * port.ByteNanos, end2);
    }

    [Fact]
    public void A_full_receive_buffer_drops_and_counts_the_excess()
    {
        var board = new VirtualBoard(1);
        var port = board.Serial("s", "UART", 115200, receiveBufferBytes: 8);
        var data = Enumerable.Range(0, 20).Select(i => (byte)i).ToArray();
        port.DeviceSend(data, 0, data.Length);
        board.Clock.Advance(1_000_000_000);
        Assert.Equal(8, port.BytesToRead);
        Assert.Equal(12, port.OverrunBytes);
        var buf = new byte[8];
        Assert.Equal(8, port.Read(buf, 0, 8));
        Assert.Equal(data.Take(8), buf);
    }

    [Fact]
    public void Firmware_writes_reach_the_device_model_with_byte_timing()
    {
        var board = new VirtualBoard(1);
        var port = board.Serial("s", "UART", 9600);
        var got = new List<(byte, long)>();
        port.ConnectDevice((b, t) => got.Add((b, t)));
        port.Write(new byte[] { 1, 2 }, 0, 2);
        board.Clock.Advance(100_000_000);
        Assert.Equal(new[] { ((byte)1, port.ByteNanos), ((byte)2, 2 * port.ByteNanos) }, got);
    }

    [Fact]
    public void Reads_outside_the_buffer_are_refused()
    {
        var board = new VirtualBoard(1);
        var port = board.Serial("s", "UART", 9600);
        Assert.Throws<ArgumentOutOfRangeException>(() => port.Read(new byte[4], 2, 3));
    }
}
