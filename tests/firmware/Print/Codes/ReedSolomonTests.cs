using PosFirmware.Print.Codes;
using Xunit;

namespace PosFirmware.Tests.Firmware.Print.Codes;

/// <summary>
/// The table-driven field arithmetic and remainder against GF(256) worked out plainly here: shift-and-add
/// products reduced by 0x11D, and the remainder as long division by the generator built root by root.
/// </summary>
public class ReedSolomonTests
{
    [Fact]
    public void Every_product_agrees_with_shift_and_add()
    {
        for (int x = 0; x < 256; x++)
        {
            for (int y = 0; y < 256; y++)
            {
                Assert.True(PlainMultiply(x, y) == ReedSolomon.Multiply(x, y), $"{x} * {y}");
            }
        }
    }

    [Fact]
    public void Remainder_agrees_with_long_division_on_random_blocks()
    {
        var rs = new ReedSolomon();
        for (int seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            int degree = random.Next(1, ReedSolomon.MaxDegree + 1);
            int count = random.Next(0, 160);
            var data = new byte[count + 3];
            random.NextBytes(data);
            // Runs of zero codewords too, where the remainder's leading term is zero.
            for (int i = 0; i < count; i++)
            {
                if (random.Next(4) == 0)
                {
                    data[i] = 0;
                }
            }
            var ecc = new byte[degree + 5];
            rs.SetDegree(degree);
            rs.Remainder(data, 0, count, ecc, 0);
            byte[] expected = PlainRemainder(data, count, degree);
            for (int i = 0; i < degree; i++)
            {
                Assert.True(expected[i] == ecc[i], $"seed {seed}, degree {degree}, count {count}, codeword {i}");
            }
        }
    }

    [Fact]
    public void Version_1_M_codewords_match_the_standard_example()
    {
        // ISO/IEC 18004:2015 Annex I: "01234567" at 1-M, 16 data codewords and 10 error-correction codewords.
        byte[] data = { 0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11 };
        byte[] expected = { 0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55 };
        var rs = new ReedSolomon();
        rs.SetDegree(10);
        var ecc = new byte[10];
        rs.Remainder(data, 0, data.Length, ecc, 0);
        Assert.Equal(expected, ecc);
    }

    private static int PlainMultiply(int x, int y)
    {
        int z = 0;
        for (int i = 7; i >= 0; i--)
        {
            z <<= 1;
            if ((z & 0x100) != 0)
            {
                z ^= 0x11D;
            }
            if (((y >> i) & 1) != 0)
            {
                z ^= x;
            }
        }
        return z;
    }

    // data(x) * x^degree mod g(x), g(x) = (x - 2^0)...(x - 2^(degree-1)), coefficients highest first.
    private static byte[] PlainRemainder(byte[] data, int count, int degree)
    {
        var g = new int[degree + 1];
        g[0] = 1;
        int root = 1;
        for (int i = 0; i < degree; i++)
        {
            var next = new int[degree + 1];
            for (int j = 0; j <= i; j++)
            {
                next[j] ^= g[j];
                next[j + 1] ^= PlainMultiply(g[j], root);
            }
            g = next;
            root = PlainMultiply(root, 2);
        }
        var work = new int[count + degree];
        for (int i = 0; i < count; i++)
        {
            work[i] = data[i];
        }
        for (int i = 0; i < count; i++)
        {
            int lead = work[i];
            for (int j = 0; j <= degree; j++)
            {
                work[i + j] ^= PlainMultiply(g[j], lead);
            }
        }
        var remainder = new byte[degree];
        for (int i = 0; i < degree; i++)
        {
            remainder[i] = (byte)work[count + i];
        }
        return remainder;
    }
}
