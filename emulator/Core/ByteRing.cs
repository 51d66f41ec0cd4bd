namespace PosFirmware.Emulator.Core;

/// <summary>
/// A fixed-capacity FIFO of bytes: the receive buffer of a UART driver or a socket. Bytes offered to a
/// full ring are refused and counted, as a driver drops them on overrun.
/// </summary>
public sealed class ByteRing
{
    private readonly byte[] _bytes;
    private int _head;

    /// <summary>Creates a ring holding at most capacity bytes.</summary>
    public ByteRing(int capacity)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }
        _bytes = new byte[capacity];
    }

    /// <summary>Bytes waiting.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes refused because the ring was full.</summary>
    public long Overruns { get; private set; }

    /// <summary>Adds a byte; returns false (and counts an overrun) when full.</summary>
    public bool Offer(byte b)
    {
        if (Count == _bytes.Length)
        {
            Overruns++;
            return false;
        }
        _bytes[(_head + Count) % _bytes.Length] = b;
        Count++;
        return true;
    }

    /// <summary>Moves up to count bytes into buffer at offset; returns how many.</summary>
    public int Take(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, Count);
        for (int i = 0; i < n; i++)
        {
            buffer[offset + i] = _bytes[_head];
            _head = (_head + 1) % _bytes.Length;
        }
        Count -= n;
        return n;
    }

    /// <summary>Empties the ring.</summary>
    public void Clear()
    {
        _head = 0;
        Count = 0;
    }
}
