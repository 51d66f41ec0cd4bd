using System.Text;
using PosFirmware.Emulator.Printing;
using PosFirmware.Tests.TestSupport;

using Xunit;
using PosFirmware.Print.Codes;

namespace PosFirmware.Tests.Firmware.Print.Codes;

/// <summary>The QR encoder, checked against the standard's capacity table and read back by zbar at every version and level.</summary>
public class QrEncoderTests
{
    [Theory]
    [InlineData(1, QrErrorLevel.L, 17)]
    [InlineData(1, QrErrorLevel.H, 7)]
    [InlineData(10, QrErrorLevel.L, 271)]
    [InlineData(10, QrErrorLevel.M, 213)]
    [InlineData(10, QrErrorLevel.Q, 151)]
    [InlineData(10, QrErrorLevel.H, 119)]
    [InlineData(25, QrErrorLevel.Q, 715)]
    [InlineData(40, QrErrorLevel.L, 2953)]
    [InlineData(40, QrErrorLevel.H, 1273)]
    public void Byte_capacity_matches_ISO_18004_table_7(int version, QrErrorLevel level, int bytes)
    {
        Assert.Equal(bytes, QrEncoder.ByteCapacity(version, level));
    }

    [Fact]
    public void Smallest_version_that_holds_the_data_is_chosen()
    {
        var qr = new QrEncoder(40);
        var data = new byte[272];
        Assert.True(qr.Encode(data, 0, 271, QrErrorLevel.L));
        Assert.Equal(10, qr.Version);
        Assert.True(qr.Encode(data, 0, 272, QrErrorLevel.L));
        Assert.Equal(11, qr.Version);
        Assert.Equal(4 * 11 + 17, qr.Size);
    }

    [Fact]
    public void Data_too_long_for_the_largest_version_is_refused()
    {
        var qr = new QrEncoder(10);
        Assert.False(qr.Encode(new byte[272], 0, 272, QrErrorLevel.L));
        Assert.Equal(0, qr.Version);
        Assert.False(qr.IsDark(0, 0));
    }

    [Fact]
    public void Finder_patterns_and_timing_are_where_the_standard_puts_them()
    {
        var qr = new QrEncoder(40);
        Assert.True(qr.Encode(Encoding.ASCII.GetBytes("hello"), 0, 5, QrErrorLevel.M));
        int n = qr.Size;
        foreach (var (cx, cy) in new[] { (3, 3), (n - 4, 3), (3, n - 4) })
        {
            Assert.True(qr.IsDark(cx, cy));           // centre
            Assert.False(qr.IsDark(cx + 2, cy));      // light ring
            Assert.True(qr.IsDark(cx + 3, cy));       // dark ring
        }
        for (int i = 8; i < n - 8; i++)
        {
            Assert.Equal(i % 2 == 0, qr.IsDark(i, 6));
            Assert.Equal(i % 2 == 0, qr.IsDark(6, i));
        }
        Assert.True(qr.IsDark(8, n - 8)); // the dark module
    }

    /// <summary>
    /// Versions 1-10 at every level and 15, 20, ..., 40 at one level each (rotating), read back by zbar.
    /// Large symbols are slow to decode, so the full 160-symbol sweep runs only with QR_SWEEP=full.
    /// </summary>
    [Fact]
    public void Every_version_1_to_40_reads_back_exactly_with_zbar()
    {
        bool full = Environment.GetEnvironmentVariable("QR_SWEEP") == "full";
        string dir = Directory.CreateTempSubdirectory("qr-versions").FullName;
        var qr = new QrEncoder(40);
        var expected = new List<string>();
        var files = new List<string>();
        var masks = new HashSet<int>();
        foreach (QrErrorLevel level in Enum.GetValues<QrErrorLevel>())
        {
            for (int version = 1; version <= 40; version++)
            {
                if (!full && version > 10 && (version % 5 != 0 || version / 5 % 4 != (int)level))
                {
                    continue;
                }
                // Fill the version to capacity, so the next smaller one cannot hold it.
                int capacity = QrEncoder.ByteCapacity(version, level);
                string head = $"V{version:D2}{level}";
                var text = new StringBuilder(head);
                for (int i = head.Length; i < capacity; i++)
                {
                    text.Append((char)('a' + (i * 7 + version) % 26));
                }
                byte[] data = Encoding.ASCII.GetBytes(text.ToString());
                Assert.True(qr.Encode(data, 0, data.Length, level), head);
                Assert.Equal(version, qr.Version);
                masks.Add(qr.Mask);
                string png = Path.Combine(dir, head + ".png");
                SaveModules(qr, png, moduleDots: 2);
                files.Add(png);
                expected.Add("QR-Code:" + text);
            }
        }
        var decoded = Zbar.Decode(files.ToArray());
        var missing = expected.Except(decoded).Select(s => s[8..13]).ToList();
        Assert.True(missing.Count == 0, "zbar could not read: " + string.Join(", ", missing));
        Assert.Equal(expected.Count, decoded.Count);
        Assert.True(masks.Count >= 3, "penalty scoring picks different masks for different data");
    }

    private static void SaveModules(QrEncoder qr, string path, int moduleDots)
    {
        const int quiet = 4;
        int size = (qr.Size + 2 * quiet) * moduleDots;
        var pixels = new byte[size * size];
        Array.Fill(pixels, (byte)255);
        for (int y = 0; y < qr.Size; y++)
        {
            for (int x = 0; x < qr.Size; x++)
            {
                if (!qr.IsDark(x, y))
                {
                    continue;
                }
                for (int dy = 0; dy < moduleDots; dy++)
                {
                    for (int dx = 0; dx < moduleDots; dx++)
                    {
                        pixels[((y + quiet) * moduleDots + dy) * size + (x + quiet) * moduleDots + dx] = 0;
                    }
                }
            }
        }
        PosFirmware.Emulator.Imaging.PngWriter.WriteGray(path, size, size, pixels);
    }
}
