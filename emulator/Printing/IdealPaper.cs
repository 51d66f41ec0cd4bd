using PosFirmware.Emulator.Imaging;
using PosFirmware.Printing;

namespace PosFirmware.Emulator.Printing;

/// <summary>
/// A dot-line sink that is perfect paper: every dot sent is black, every feed is white, nothing faults.
/// It shows exactly what the interpreter asked for, so golden images of it are exact; the head model
/// (issue 3) shows what a real head would make of the same lines.
/// </summary>
public sealed class IdealPaper : IDotLineSink
{
    private readonly List<byte[]> _lines = new();
    private readonly int _maxLines;

    /// <summary>Paper for a head of dotsPerLine dots, holding at most maxLines dot lines (the rest are dropped).</summary>
    public IdealPaper(int dotsPerLine = 384, int maxLines = 64_000)
    {
        DotsPerLine = dotsPerLine;
        _maxLines = maxLines;
    }

    /// <inheritdoc />
    public int DotsPerLine { get; }

    /// <summary>Dot lines on the paper so far (printed and fed).</summary>
    public int LineCount => _lines.Count;

    /// <summary>PrintLine calls received.</summary>
    public int PrintedLines { get; private set; }

    /// <summary>Dot lines fed blank.</summary>
    public int FedLines { get; private set; }

    /// <inheritdoc />
    public PrintStatus PrintLine(byte[] dots, int offset)
    {
        int bytes = DotsPerLine / 8;
        if (offset < 0 || offset + bytes > dots.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "a dot line is DotsPerLine/8 bytes");
        }
        PrintedLines++;
        if (_lines.Count < _maxLines)
        {
            _lines.Add(dots.AsSpan(offset, bytes).ToArray());
        }
        return PrintStatus.Ok;
    }

    /// <inheritdoc />
    public PrintStatus Feed(int dotLines)
    {
        if (dotLines < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dotLines));
        }
        FedLines += dotLines;
        for (int i = 0; i < dotLines && _lines.Count < _maxLines; i++)
        {
            _lines.Add(new byte[DotsPerLine / 8]);
        }
        return PrintStatus.Ok;
    }

    /// <summary>True if the dot at column x of line y is black.</summary>
    public bool IsBlack(int x, int y) => (_lines[y][x >> 3] & (0x80 >> (x & 7))) != 0;

    /// <summary>The paper as 8-bit gray pixels (0 black, 255 white) with a white margin on every side.</summary>
    public byte[] ToPixels(int marginDots, out int width, out int height)
    {
        width = DotsPerLine + 2 * marginDots;
        height = Math.Max(1, _lines.Count) + 2 * marginDots;
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        for (int y = 0; y < _lines.Count; y++)
        {
            for (int x = 0; x < DotsPerLine; x++)
            {
                if (IsBlack(x, y))
                {
                    pixels[(y + marginDots) * width + x + marginDots] = 0;
                }
            }
        }
        return pixels;
    }

    /// <summary>Writes the paper as a PNG, one pixel per dot, with a white margin (zbar wants a quiet zone).</summary>
    public void SavePng(string path, int marginDots = 16)
    {
        var pixels = ToPixels(marginDots, out int width, out int height);
        PngWriter.WriteGray(path, width, height, pixels);
    }
}
