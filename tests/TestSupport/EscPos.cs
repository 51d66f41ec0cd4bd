using System.Text;

namespace PosFirmware.Tests.TestSupport;

/// <summary>Builds ESC/POS test jobs: strings become UTF-8, integers single bytes, byte arrays are copied.</summary>
public static class EscPos
{
    /// <summary>ESC.</summary>
    public const int ESC = 0x1B;

    /// <summary>GS.</summary>
    public const int GS = 0x1D;

    /// <summary>FS.</summary>
    public const int FS = 0x1C;

    /// <summary>LF.</summary>
    public const int LF = 0x0A;

    /// <summary>The job's bytes.</summary>
    public static byte[] Job(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case string s:
                    bytes.AddRange(Encoding.UTF8.GetBytes(s));
                    break;
                case int i:
                    if (i < 0 || i > 255)
                    {
                        throw new ArgumentOutOfRangeException(nameof(parts), $"{i} is not a byte");
                    }
                    bytes.Add((byte)i);
                    break;
                case byte b:
                    bytes.Add(b);
                    break;
                case char c:
                    bytes.Add(checked((byte)c));
                    break;
                case byte[] a:
                    bytes.AddRange(a);
                    break;
                default:
                    throw new ArgumentException("unsupported part " + part);
            }
        }
        return bytes.ToArray();
    }

    /// <summary>GS ( k commands that store data (UTF-8) as a QR code and print it.</summary>
    public static byte[] Qr(string data, int moduleDots, int level) => Qr(Encoding.UTF8.GetBytes(data), moduleDots, level);

    /// <summary>GS ( k commands that store data as a QR code and print it (level 0..3 = L, M, Q, H).</summary>
    public static byte[] Qr(byte[] data, int moduleDots, int level)
    {
        int p = data.Length + 3;
        return Job(GS, '(', 'k', 4, 0, 49, 65, 50, 0,
            GS, '(', 'k', 3, 0, 49, 67, moduleDots,
            GS, '(', 'k', 3, 0, 49, 69, 48 + level,
            GS, '(', 'k', p & 0xFF, p >> 8, 49, 80, 48, data,
            GS, '(', 'k', 3, 0, 49, 81, 48);
    }

    /// <summary>GS k function B: symbology m with the data.</summary>
    public static byte[] Barcode(int m, string data) => Job(GS, 'k', m, Encoding.ASCII.GetByteCount(data), Encoding.ASCII.GetBytes(data));
}
