using System.Security.Cryptography;
using PosFirmware.Crypto;
using Xunit;

namespace PosFirmware.Tests.Firmware.Crypto;

public class WorkingKeysTests
{
    private static readonly byte[] MasterKey = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");

    [Fact]
    public void LoadsKeysEncryptedUnderTheMasterKeyAndMacsWithTheClearMak()
    {
        var pik = Convert.FromHexString("1111111111111111AAAAAAAAAAAAAAAA");
        var mak = Convert.FromHexString("2222222222222222");
        var field62 = BuildField62(pik, mak);
        var master = new TripleDes();
        master.SetKey(MasterKey, 0, 16);
        var keys = new WorkingKeys(16, 8, 4, MacScheme.CupEcb);
        Assert.Equal(KeyLoadStatus.Ok, keys.Load(master, field62, 0, field62.Length));
        var data = Convert.FromHexString("1234567890ABCDEFABCDEF1234567890");
        var mac = new byte[8];
        keys.Mac.Compute(data, 0, data.Length, mac, 0);
        Assert.Equal("E267B6E2", System.Text.Encoding.ASCII.GetString(mac));
    }

    [Fact]
    public void WrongMasterKeyFailsTheCheckValueAndLeavesNoKey()
    {
        var field62 = BuildField62(Convert.FromHexString("1111111111111111AAAAAAAAAAAAAAAA"), Convert.FromHexString("2222222222222222"));
        var master = new TripleDes();
        master.SetKey(Convert.FromHexString("00112233445566778899AABBCCDDEEFF"), 0, 16);
        var keys = new WorkingKeys(16, 8, 4, MacScheme.CupEcb);
        Assert.Equal(KeyLoadStatus.PinKeyCheckFailed, keys.Load(master, field62, 0, field62.Length));
        Assert.False(keys.IsLoaded);
    }

    [Fact]
    public void CorruptMacKeyCheckValueAndWrongLengthAreReported()
    {
        var field62 = BuildField62(Convert.FromHexString("1111111111111111AAAAAAAAAAAAAAAA"), Convert.FromHexString("2222222222222222"));
        var master = new TripleDes();
        master.SetKey(MasterKey, 0, 16);
        var keys = new WorkingKeys(16, 8, 4, MacScheme.CupEcb);
        field62[^1] ^= 0x01;
        Assert.Equal(KeyLoadStatus.MacKeyCheckFailed, keys.Load(master, field62, 0, field62.Length));
        Assert.Equal(KeyLoadStatus.WrongLength, keys.Load(master, field62, 0, field62.Length - 1));
        Assert.Equal(KeyLoadStatus.NoMasterKey, keys.Load(new TripleDes(), field62, 0, field62.Length));
        Assert.False(keys.IsLoaded);
    }

    private static byte[] BuildField62(byte[] pik, byte[] mak)
    {
        using var tdes = TripleDES.Create();
        tdes.Key = [.. MasterKey, .. MasterKey[..8]];
        var output = new List<byte>();
        foreach (var key in new[] { pik, mak })
        {
            output.AddRange(tdes.EncryptEcb(key, PaddingMode.None));
            output.AddRange(CheckValue(key));
        }
        return output.ToArray();
    }

    private static byte[] CheckValue(byte[] key)
    {
        using SymmetricAlgorithm cipher = key.Length == 8 ? DES.Create() : TripleDES.Create();
        cipher.Key = key.Length == 16 ? [.. key, .. key[..8]] : key;
        return cipher.EncryptEcb(new byte[8], PaddingMode.None)[..4];
    }
}
