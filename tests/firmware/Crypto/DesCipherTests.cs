using System.Security.Cryptography;
using PosFirmware.Crypto;
using PosFirmware.Emulator.Core;
using Xunit;

namespace PosFirmware.Tests.Firmware.Crypto;

public class DesCipherTests
{
    // Published single-DES known answers: the worked example in J. Orlin Grabbe, "The DES Algorithm
    // Illustrated"; FIPS 81 Appendix B ("Now is t" ECB); NIST SP 800-17 Table A.1 (weak key 01..01).
    [Theory]
    [InlineData("133457799BBCDFF1", "0123456789ABCDEF", "85E813540F0AB405")]
    [InlineData("0123456789ABCDEF", "4E6F772069732074", "3FA40E8A984D4815")]
    [InlineData("0101010101010101", "8000000000000000", "95F8A5E5DD31D900")]
    [InlineData("0101010101010101", "0000000000000000", "8CA64DE9C1B123A7")]
    public void EncryptsAndDecryptsPublishedVectors(string keyHex, string plainHex, string cipherHex)
    {
        var des = new DesCipher();
        des.SetKey(Convert.FromHexString(keyHex), 0);
        var block = Convert.FromHexString(plainHex);
        var output = new byte[8];
        des.EncryptBlock(block, 0, output, 0);
        Assert.Equal(cipherHex, Convert.ToHexString(output));
        des.DecryptBlock(output, 0, output, 0);
        Assert.Equal(plainHex, Convert.ToHexString(output));
    }

    [Fact]
    public void MatchesDotNetDesOnThousandsOfRandomKeysAndBlocks()
    {
        const ulong seed = 0x0DE5_2026;
        var random = new SimRandom(seed);
        using var reference = DES.Create();
        var des = new DesCipher();
        var key = new byte[8];
        var block = new byte[8];
        var ours = new byte[8];
        int compared = 0;
        for (int i = 0; i < 3000; i++)
        {
            random.NextBytes(key, 0, 8);
            random.NextBytes(block, 0, 8);
            if (DES.IsWeakKey(key) || DES.IsSemiWeakKey(key))
            {
                continue;
            }
            reference.Key = key;
            des.SetKey(key, 0);
            des.EncryptBlock(block, 0, ours, 0);
            var expected = reference.EncryptEcb(block, PaddingMode.None);
            Assert.True(expected.AsSpan().SequenceEqual(ours), $"encrypt differs at i={i} (seed={seed})");
            des.DecryptBlock(block, 0, ours, 0);
            expected = reference.DecryptEcb(block, PaddingMode.None);
            Assert.True(expected.AsSpan().SequenceEqual(ours), $"decrypt differs at i={i} (seed={seed})");
            compared++;
        }
        Assert.True(compared > 2900);
    }

    [Fact]
    public void IgnoresParityBitsLikeTheStandard()
    {
        var key = Convert.FromHexString("133457799BBCDFF1");
        var flipped = key.Select(b => (byte)(b ^ 1)).ToArray();
        var a = new DesCipher();
        var b = new DesCipher();
        a.SetKey(key, 0);
        b.SetKey(flipped, 0);
        var block = Convert.FromHexString("0123456789ABCDEF");
        var outA = new byte[8];
        var outB = new byte[8];
        a.EncryptBlock(block, 0, outA, 0);
        b.EncryptBlock(block, 0, outB, 0);
        Assert.Equal(outA, outB);
    }

    [Fact]
    public void RefusesToRunWithoutAKeyAndForgetsOnClear()
    {
        var des = new DesCipher();
        var block = new byte[8];
        Assert.Throws<PosFirmware.Hal.CheckFailedException>(() => des.EncryptBlock(block, 0, block, 0));
        des.SetKey(new byte[8], 0);
        Assert.True(des.HasKey);
        des.Clear();
        Assert.False(des.HasKey);
        Assert.Throws<PosFirmware.Hal.CheckFailedException>(() => des.EncryptBlock(block, 0, block, 0));
    }
}
