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

    [Fact]
    public void The_chosen_mask_scores_lowest_by_the_plain_rules()
    {
        var qr = new QrEncoder(40);
        var chosen = new HashSet<int>();
        const string alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for (int seed = 0; seed < 80; seed++)
        {
            var random = new Random(seed);
            var level = (QrErrorLevel)random.Next(4);
            int kind = random.Next(3);
            var data = new byte[random.Next(1, 110)];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = kind == 0 ? (byte)('0' + random.Next(10)) : kind == 1 ? (byte)alphanumeric[random.Next(45)] : (byte)random.Next(256);
            }
            Assert.True(qr.Encode(data, 0, data.Length, level), $"seed {seed}");
            int size = qr.Size;
            // The symbol under each mask, worked out from the encoder's: data modules flipped by the formulas,
            // the format information drawn for that mask; the first of the lowest penalties is the one to choose.
            int best = -1;
            int bestPenalty = int.MaxValue;
            for (int mask = 0; mask < 8; mask++)
            {
                var modules = new byte[size * size];
                for (int y = 0; y < size; y++)
                {
                    for (int x = 0; x < size; x++)
                    {
                        bool dark = qr.IsDark(x, y);
                        if (!qr.IsFunction(x, y))
                        {
                            dark ^= QrMaskPattern.Formula(qr.Mask, x, y) ^ QrMaskPattern.Formula(mask, x, y);
                        }
                        modules[y * size + x] = (byte)(dark ? 1 : 0);
                    }
                }
                DrawFormatInformation(modules, size, level, mask);
                if (mask == qr.Mask)
                {
                    for (int i = 0; i < modules.Length; i++)
                    {
                        Assert.True((modules[i] == 1) == qr.IsDark(i % size, i / size), $"seed {seed}: the chosen mask's symbol as drawn, at ({i % size}, {i / size})");
                    }
                }
                int penalty = QrPenaltyTests.PlainPenalty(modules, size);
                if (penalty < bestPenalty)
                {
                    best = mask;
                    bestPenalty = penalty;
                }
            }
            Assert.True(best == qr.Mask, $"seed {seed}, version {qr.Version}: mask {qr.Mask} chosen, {best} scores lowest");
            chosen.Add(best);
        }
        Assert.True(chosen.Count >= 6, "random data leads to most of the masks");
    }

    [Fact]
    public void Format_information_of_the_test_matches_the_standards_table()
    {
        // ISO/IEC 18004:2015 Table C.1: M with mask 0 is 101010000010010, L with mask 0 111011111000100, H with mask 7 000100000111011.
        Assert.Equal(0x5412, FormatInformation(QrErrorLevel.M, 0));
        Assert.Equal(0x77C4, FormatInformation(QrErrorLevel.L, 0));
        Assert.Equal(0x083B, FormatInformation(QrErrorLevel.H, 7));
    }

    // BCH(15,5) by long division by x^10 + x^8 + x^5 + x^4 + x^2 + x + 1, then XOR 101010000010010 (ISO/IEC 18004 §7.9.1).
    private static int FormatInformation(QrErrorLevel level, int mask)
    {
        int levelBits = level switch { QrErrorLevel.L => 1, QrErrorLevel.M => 0, QrErrorLevel.Q => 3, _ => 2 };
        int data = (levelBits << 3) | mask;
        int remainder = data << 10;
        for (int bit = 14; bit >= 10; bit--)
        {
            if ((remainder & (1 << bit)) != 0)
            {
                remainder ^= 0x537 << (bit - 10);
            }
        }
        return ((data << 10) | remainder) ^ 0x5412;
    }

    // The two copies of the format information (ISO/IEC 18004 Figure 25, bit 0 the least significant) and the dark module.
    private static void DrawFormatInformation(byte[] modules, int size, QrErrorLevel level, int mask)
    {
        int bits = FormatInformation(level, mask);
        void Put(int x, int y, int bit) => modules[y * size + x] = (byte)((bits >> bit) & 1);
        for (int i = 0; i < 15; i++)
        {
            // Around the top-left finder: down column 8 (skipping the timing row), then left along row 8.
            if (i < 6)
            {
                Put(8, i, i);
            }
            else if (i < 8)
            {
                Put(8, i + 1, i);
            }
            else if (i == 8)
            {
                Put(7, 8, i);
            }
            else
            {
                Put(14 - i, 8, i);
            }
            // Along row 8 under the top-right finder, then down column 8 beside the bottom-left one.
            if (i < 8)
            {
                Put(size - 1 - i, 8, i);
            }
            else
            {
                Put(8, size - 15 + i, i);
            }
        }
        modules[(size - 8) * size + 8] = 1;
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
