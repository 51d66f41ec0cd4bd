namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// Collects bytes from a stream connection into whole frames by the 2-byte big-endian length prefix.
/// A prefix larger than the limit means the peer is not speaking this protocol: the caller drops it.
/// </summary>
public sealed class FrameAssembler
{
    private readonly List<byte> _buffer = [];

    /// <summary>Creates an assembler that refuses frames above maxFrameBytes (prefix included).</summary>
    public FrameAssembler(int maxFrameBytes) => MaxFrameBytes = maxFrameBytes;

    /// <summary>The largest frame accepted.</summary>
    public int MaxFrameBytes { get; }

    /// <summary>True once an oversized length prefix was seen (the connection should be dropped).</summary>
    public bool Broken { get; private set; }

    /// <summary>Bytes waiting for the rest of their frame.</summary>
    public int Pending => _buffer.Count;

    /// <summary>Adds bytes and returns every frame they complete.</summary>
    public List<byte[]> Add(ReadOnlySpan<byte> data)
    {
        var frames = new List<byte[]>();
        if (Broken)
        {
            return frames;
        }
        _buffer.AddRange(data);
        while (_buffer.Count >= 2)
        {
            int frameBytes = 2 + ((_buffer[0] << 8) | _buffer[1]);
            if (frameBytes > MaxFrameBytes)
            {
                Broken = true;
                _buffer.Clear();
                break;
            }
            if (_buffer.Count < frameBytes)
            {
                break;
            }
            frames.Add(_buffer.GetRange(0, frameBytes).ToArray());
            _buffer.RemoveRange(0, frameBytes);
        }
        return frames;
    }
}
