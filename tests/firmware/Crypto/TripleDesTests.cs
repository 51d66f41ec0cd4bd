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
    public void OneCipherRekeyedAtEveryLengthMatchesDotNetTripleDes()
    {
        // The repeated parts of a short key are copied, not scheduled: each new key must replace all three.
        ulong seed = 0x3DE5_1000UL;
        var random = new SimRandom(seed);
        using var reference = TripleDES.Create();
        var ours = new TripleDes();
        var key = new byte[24];
        var data = new byte[16];
        var output = new byte[16];
        int[] lengths = [8, 16, 24];
        for (int i = 0; i < 300; i++)
        {
            int keyBytes = lengths[(int)(random.NextUInt64() % 3)];
            random.NextBytes(key, 0, 24);
            random.NextBytes(data, 0, data.Length);
            byte[] full = keyBytes == 8 ? [.. key[..8], .. key[..8], .. key[..8]] : keyBytes == 16 ? [.. key[..16], .. key[..8]] : key;
            ours.SetKey(key, 0, keyBytes);
            ours.EncryptEcb(data, 0, data.Length, output, 0);
            // OpenSSL refuses keys whose parts repeat as a weak 3DES key: plain DES stands in for those.
            byte[] expected = keyBytes == 8 || TripleDES.IsWeakKey(full) ? DesReference(full, data) : Encrypt(reference, full, data);
            Assert.True(expected.AsSpan().SequenceEqual(output), $"encrypt i={i} key bytes {keyBytes} seed={seed}");
        }
    }

    private static byte[] Encrypt(TripleDES reference, byte[] key, byte[] data)
    {
        reference.Key = key;
        return reference.EncryptEcb(data, PaddingMode.None);
    }

    // E_K3(D_K2(E_K1(x))) with .NET's single DES.
    private static byte[] DesReference(byte[] key, byte[] data)
    {
        using var des = DES.Create();
        byte[] Step(byte[] k, byte[] x, bool encrypt)
        {
            des.Key = k;
            return encrypt ? des.EncryptEcb(x, PaddingMode.None) : des.DecryptEcb(x, PaddingMode.None);
        }
        return Step(key[16..24], Step(key[8..16], Step(key[..8], data, true), false), true);
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
