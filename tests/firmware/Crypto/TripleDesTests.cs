using System.Security.Cryptography;
using PosFirmware.Crypto;
using PosFirmware.Emulator.Core;
using Xunit;

namespace PosFirmware.Tests.Firmware.Crypto;

public class TripleDesTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    public void MatchesDotNetTripleDesOnRandomKeysAndBlocks(int keyBytes)
    {
        ulong seed = 0x3DE5_0000UL + (ulong)keyBytes;
        var random = new SimRandom(seed);
        using var reference = TripleDES.Create();
        var ours = new TripleDes();
        var key = new byte[keyBytes];
        var data = new byte[32];
        var output = new byte[32];
        for (int i = 0; i < 300; i++)
        {
            random.NextBytes(key, 0, keyBytes);
            random.NextBytes(data, 0, data.Length);
            if (TripleDES.IsWeakKey(key))
            {
                continue;
            }
            // OpenSSL behind .NET takes only 24-byte keys: a double-length key is K1 K2 K1.
            reference.Key = keyBytes == 16 ? [.. key, .. key[..8]] : key;
            ours.SetKey(key, 0, keyBytes);
            ours.EncryptEcb(data, 0, data.Length, output, 0);
            Assert.True(reference.EncryptEcb(data, PaddingMode.None).AsSpan().SequenceEqual(output), $"encrypt i={i} seed={seed}");
            ours.DecryptEcb(data, 0, data.Length, output, 0);
            Assert.True(reference.DecryptEcb(data, PaddingMode.None).AsSpan().SequenceEqual(output), $"decrypt i={i} seed={seed}");
        }
    }

    [Fact]
    public void EightByteKeyIsPlainDes()
    {
        var key = Convert.FromHexString("133457799BBCDFF1");
        var tdes = new TripleDes();
        tdes.SetKey(key, 0, 8);
        var output = new byte[8];
        tdes.EncryptBlock(Convert.FromHexString("0123456789ABCDEF"), 0, output, 0);
        Assert.Equal("85E813540F0AB405", Convert.ToHexString(output));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(32)]
    public void RejectsKeyLengthsOtherThan8_16_24(int length)
    {
        Assert.False(TripleDes.IsValidKeyLength(length));
        Assert.Throws<PosFirmware.Hal.CheckFailedException>(() => new TripleDes().SetKey(new byte[32], 0, length));
    }
}
