using System.Security.Cryptography;
using PosFirmware.Crypto;
using PosFirmware.Emulator.Core;
using Xunit;

namespace PosFirmware.Tests.Firmware.Crypto;

public class MacCalculatorTests
{
    [Fact]
    public void CupEcbMatchesThePublicVector()
    {
        // docs/acquirer-protocol.md, MAC (solo123/pgate pos_mac_test.rb): MAB 1234567890ABCDEFABCDEF1234567890, MAK 2222222222222222.
        var mac = new MacCalculator();
        Assert.True(mac.SetKey(MacScheme.CupEcb, Convert.FromHexString("2222222222222222"), 0, 8));
        var data = Convert.FromHexString("1234567890ABCDEFABCDEF1234567890");
        var output = new byte[8];
        mac.Compute(data, 0, data.Length, output, 0);
        // Field 64 carries the first 8 hex characters of E267B6E21913D339 as ASCII.
        Assert.Equal("E267B6E2", System.Text.Encoding.ASCII.GetString(output));
    }

    [Fact]
    public void X919MatchesThePublishedRetailMacExample()
    {
        // The ISO 9797-1 algorithm 3 (ANSI X9.19) example: key 0123456789ABCDEF FEDCBA9876543210 over
        // "Now is the time for all " gives A1C72E74EA3FA9B6.
        var mac = new MacCalculator();
        Assert.True(mac.SetKey(MacScheme.X919, Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"), 0, 16));
        var data = System.Text.Encoding.ASCII.GetBytes("Now is the time for all ");
        var output = new byte[8];
        mac.Compute(data, 0, data.Length, output, 0);
        Assert.Equal("A1C72E74EA3FA9B6", Convert.ToHexString(output));
    }

    [Fact]
    public void CupEcbMatchesAnIndependentDotNetComputationForRandomData()
    {
        const ulong seed = 77;
        var random = new SimRandom(seed);
        var mac = new MacCalculator();
        using var des = DES.Create();
        for (int i = 0; i < 200; i++)
        {
            var key = new byte[8];
            random.NextBytes(key, 0, 8);
            if (DES.IsWeakKey(key) || DES.IsSemiWeakKey(key))
            {
                continue;
            }
            var data = new byte[random.Next(100)];
            random.NextBytes(data, 0, data.Length);
            des.Key = key;
            mac.SetKey(MacScheme.CupEcb, key, 0, 8);
            var ours = new byte[8];
            mac.Compute(data, 0, data.Length, ours, 0);
            Assert.True(ReferenceCupEcb(des, data).AsSpan().SequenceEqual(ours), $"i={i} seed={seed}");
        }
    }

    [Fact]
    public void X919MatchesAnIndependentDotNetComputation()
    {
        const ulong seed = 919;
        var random = new SimRandom(seed);
        var mac = new MacCalculator();
        using var k1 = DES.Create();
        using var k2 = DES.Create();
        for (int i = 0; i < 200; i++)
        {
            var key = new byte[16];
            random.NextBytes(key, 0, 16);
            if (DES.IsWeakKey(key[..8]) || DES.IsSemiWeakKey(key[..8]) || DES.IsWeakKey(key[8..]) || DES.IsSemiWeakKey(key[8..]))
            {
                continue;
            }
            var data = new byte[1 + random.Next(100)];
            random.NextBytes(data, 0, data.Length);
            k1.Key = key[..8];
            k2.Key = key[8..];
            Assert.True(mac.SetKey(MacScheme.X919, key, 0, 16));
            var ours = new byte[8];
            mac.Compute(data, 0, data.Length, ours, 0);
            var padded = new byte[(data.Length + 7) / 8 * 8];
            data.CopyTo(padded, 0);
            var cbc = k1.EncryptCbc(padded, new byte[8], PaddingMode.None)[^8..];
            var expected = k1.EncryptEcb(k2.DecryptEcb(cbc, PaddingMode.None), PaddingMode.None);
            Assert.True(expected.AsSpan().SequenceEqual(ours), $"i={i} seed={seed}");
        }
    }

    [Fact]
    public void X919WithEqualHalvesIsPlainCbcMac()
    {
        var mac = new MacCalculator();
        var key = Convert.FromHexString("0123456789ABCDEF0123456789ABCDEF");
        mac.SetKey(MacScheme.X919, key, 0, 16);
        var data = System.Text.Encoding.ASCII.GetBytes("Now is the time for all ");
        var ours = new byte[8];
        mac.Compute(data, 0, data.Length, ours, 0);
        // FIPS 81 CBC example (key 0123456789ABCDEF, IV 0): last ciphertext block of "Now is the time for all ".
        using var des = DES.Create();
        des.Key = key[..8];
        Assert.Equal(Convert.ToHexString(des.EncryptCbc(data, new byte[8], PaddingMode.None)[^8..]), Convert.ToHexString(ours));
    }

    [Fact]
    public void VerifyDetectsASingleFlippedBit()
    {
        var mac = new MacCalculator();
        mac.SetKey(MacScheme.CupEcb, Convert.FromHexString("2222222222222222"), 0, 8);
        var data = Convert.FromHexString("1234567890ABCDEFABCDEF1234567890");
        var tag = new byte[8];
        mac.Compute(data, 0, data.Length, tag, 0);
        var scratch = new byte[8];
        Assert.True(mac.Verify(data, 0, data.Length, tag, 0, scratch));
        for (int bit = 0; bit < data.Length * 8; bit++)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(mac.Verify(data, 0, data.Length, tag, 0, scratch), $"bit {bit}");
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    [Theory]
    [InlineData(MacScheme.CupEcb, 7)]
    [InlineData(MacScheme.X919, 24)]
    [InlineData(3, 8)]
    public void RejectsUnusableSchemeOrKeyLength(int scheme, int keyLength)
    {
        var mac = new MacCalculator();
        Assert.False(mac.SetKey(scheme, new byte[32], 0, keyLength));
        Assert.False(mac.HasKey);
    }

    private static byte[] ReferenceCupEcb(DES des, byte[] data)
    {
        var xor = new byte[8];
        for (int i = 0; i < data.Length; i++)
        {
            xor[i % 8] ^= data[i];
        }
        var hex = System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(xor));
        var first = des.EncryptEcb(hex[..8], PaddingMode.None);
        for (int i = 0; i < 8; i++)
        {
            first[i] ^= hex[8 + i];
        }
        var second = des.EncryptEcb(first, PaddingMode.None);
        return System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(second)[..8]);
    }
}
