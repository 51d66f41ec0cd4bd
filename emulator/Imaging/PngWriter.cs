using System.IO.Compression;
using PosFirmware.Common;

namespace PosFirmware.Emulator.Imaging;

/// <summary>
/// Writes PNG files (8-bit grayscale, no interlace) with the BCL's zlib stream and the firmware's CRC-32: no
/// image library is available here. The bytes depend only on the pixels, so equal images give equal files.
/// </summary>
public static class PngWriter
{
    private static readonly byte[] Signature = { 137, 80, 78, 71, 13, 10, 26, 10 };

    /// <summary>Writes a grayscale image (one byte per pixel, row-major, 0 = black, 255 = white).</summary>
    public static void WriteGray(string path, int width, int height, byte[] pixels)
    {
        using var stream = File.Create(path);
        WriteGray(stream, width, height, pixels);
    }

    /// <summary>Writes a grayscale image to a stream.</summary>
    public static void WriteGray(Stream stream, int width, int height, byte[] pixels)
    {
        if (width <= 0 || height <= 0 || pixels.Length != (long)width * height)
        {
            throw new ArgumentException($"pixels must be width*height bytes ({width}x{height})");
        }
        stream.Write(Signature);
        var header = new byte[13];
        WriteUInt32(header, 0, (uint)width);
        WriteUInt32(header, 4, (uint)height);
        header[8] = 8;  // bit depth
        header[9] = 0;  // colour type: grayscale
        WriteChunk(stream, "IHDR", header);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    z.WriteByte(0); // filter: none
                    z.Write(pixels, y * width, width);
                }
            }
            WriteChunk(stream, "IDAT", raw.ToArray());
        }
        WriteChunk(stream, "IEND", Array.Empty<byte>());
    }

    /// <summary>Reads back an image this writer wrote (8-bit grayscale, filter 0): for tests and golden comparisons.</summary>
    public static byte[] ReadGray(string path, out int width, out int height)
    {
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG: " + path);
        }
        width = 0;
        height = 0;
        using var idat = new MemoryStream();
        int at = 8;
        while (at + 8 <= file.Length)
        {
            int length = (int)ReadUInt32(file, at);
            string type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            if (length < 0 || at + 12 + length > file.Length)
            {
                throw new InvalidDataException("truncated PNG chunk in " + path);
            }
            if (type == "IHDR")
            {
                width = (int)ReadUInt32(file, at + 8);
                height = (int)ReadUInt32(file, at + 12);
                if (file[at + 16] != 8 || file[at + 17] != 0)
                {
                    throw new InvalidDataException("only 8-bit grayscale PNGs are read: " + path);
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(file, at + 8, length);
            }
            at += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var pixels = new byte[width * height];
        var row = new byte[width + 1];
        for (int y = 0; y < height; y++)
        {
            z.ReadExactly(row, 0, row.Length);
            if (row[0] != 0)
            {
                throw new InvalidDataException("only filter type 0 is read: " + path);
            }
            Array.Copy(row, 1, pixels, y * width, width);
        }
        return pixels;
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var head = new byte[8];
        WriteUInt32(head, 0, (uint)data.Length);
        for (int i = 0; i < 4; i++)
        {
            head[4 + i] = (byte)type[i];
        }
        stream.Write(head);
        stream.Write(data);
        uint crc = 0xFFFFFFFFu;
        crc = Crc32.Update(crc, head, 4, 4);
        crc = Crc32.Update(crc, data, 0, data.Length);
        var tail = new byte[4];
        WriteUInt32(tail, 0, crc ^ 0xFFFFFFFFu);
        stream.Write(tail);
    }

    private static void WriteUInt32(byte[] b, int at, uint v)
    {
        b[at] = (byte)(v >> 24);
        b[at + 1] = (byte)(v >> 16);
        b[at + 2] = (byte)(v >> 8);
        b[at + 3] = (byte)v;
    }

    private static uint ReadUInt32(byte[] b, int at) =>
        ((uint)b[at] << 24) | ((uint)b[at + 1] << 16) | ((uint)b[at + 2] << 8) | b[at + 3];
}
