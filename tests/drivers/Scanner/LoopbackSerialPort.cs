using PosFirmware.Hal;

namespace PosFirmware.Tests.Drivers.Scanner;

/// <summary>
/// A UART whose receive side the test fills directly and whose transmit side it records: for feeding the
/// driver millions of bytes fast (fuzzing) without wire timing. Receive is bounded like the device's buffer.
/// </summary>
public sealed class LoopbackSerialPort : ISerialPort
{
    private readonly byte[] _rx;
    private int _head;
    private int _count;

    public LoopbackSerialPort(int receiveBufferBytes = 256, int baudRate = 9600)
    {
        _rx = new byte[receiveBufferBytes];
        BaudRate = baudRate;
    }

    /// <summary>Bytes the driver wrote (counted, not kept, so writing never allocates).</summary>
    public long BytesWritten { get; private set; }

    public long Overruns { get; private set; }

    public long BytesRead { get; private set; }

    public int BaudRate { get; }

    public int BytesToRead => _count;

    public int Free => _rx.Length - _count;

    public void Receive(byte[] data, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (_count == _rx.Length)
            {
                Overruns++;
                continue;
            }
            _rx[(_head + _count) % _rx.Length] = data[offset + i];
            _count++;
        }
    }

    public void Receive(string ascii) => Receive(System.Text.Encoding.ASCII.GetBytes(ascii), 0, ascii.Length);

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, _count);
        for (int i = 0; i < n; i++)
        {
            buffer[offset + i] = _rx[_head];
            _head = (_head + 1) % _rx.Length;
        }
        _count -= n;
        BytesRead += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        BytesWritten += count;
    }
}
