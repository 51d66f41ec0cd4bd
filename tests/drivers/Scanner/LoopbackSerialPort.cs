using PosFirmware.Emulator.Core;
using PosFirmware.Hal;

namespace PosFirmware.Tests.Drivers.Scanner;

/// <summary>
/// A UART whose receive side the test fills directly and whose transmit side it counts: for feeding the
/// driver millions of bytes fast (fuzzing) without wire timing. Receive is bounded like the device's buffer.
/// </summary>
public sealed class LoopbackSerialPort : ISerialPort
{
    private readonly ByteRing _rx;
    private readonly int _capacity;

    public LoopbackSerialPort(int receiveBufferBytes = 256, int baudRate = 9600)
    {
        _rx = new ByteRing(receiveBufferBytes);
        _capacity = receiveBufferBytes;
        BaudRate = baudRate;
    }

    /// <summary>Bytes the driver wrote (counted, not kept, so writing never allocates).</summary>
    public long BytesWritten { get; private set; }

    public long BytesRead { get; private set; }

    public int BaudRate { get; }

    public int BytesToRead => _rx.Count;

    public int Free => _capacity - _rx.Count;

    public void Receive(byte[] data, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _rx.Offer(data[offset + i]);
        }
    }

    public void Receive(string ascii) => Receive(System.Text.Encoding.ASCII.GetBytes(ascii), 0, ascii.Length);

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = _rx.Take(buffer, offset, count);
        BytesRead += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count) => BytesWritten += count;
}
