using System.Security.Cryptography;
using PosFirmware.Emulator.Acquirer;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// The host keeps the ciphers of the keys it used last: whatever order keys come in, more of them than it
/// keeps, each block comes out as a cipher set up afresh for that call (.NET's one-shot ECB) makes it.
/// </summary>
public class HostCryptoTests
{
    private static byte[] Fresh(byte[] key, byte[] data, bool encrypt)
    {
        SymmetricAlgorithm cipher = key.Length == 8 ? DES.Create() : TripleDES.Create();
        using (cipher)
        {
            cipher.Key = key.Length == 16 ? [.. key, .. key[..8]] : key;
            return encrypt ? cipher.EncryptEcb(data, PaddingMode.None) : cipher.DecryptEcb(data, PaddingMode.None);
        }
    }

    [Fact]
    public void Kept_ciphers_give_what_fresh_ones_give_for_more_keys_than_are_kept()
    {
        var random = new Random(10);
        var keys = new List<byte[]>();
        while (keys.Count < HostCrypto.KeptKeys + 2)
        {
            var key = new byte[keys.Count % 3 == 0 ? 8 : 16];
            random.NextBytes(key);
            if (!HostCrypto.IsWeak(key))
            {
                keys.Add(key);
            }
        }
        for (int i = 0; i < 200; i++)
        {
            var key = keys[random.Next(keys.Count)];
            var data = new byte[8 * random.Next(1, 4)];
            random.NextBytes(data);
            Assert.Equal(Fresh(key, data, true), HostCrypto.EncryptEcb(key, data));
            Assert.Equal(Fresh(key, data, false), HostCrypto.DecryptEcb(key, data));
        }
    }

    [Fact]
    public void A_key_used_between_new_ones_stays_kept()
    {
        // The master key is used by every request while each run brings new terminal keys: the least
        // recently used cipher goes, never the master's (in turn, it would go every KeptKeys new keys).
        var random = new Random(11);
        byte[] NewKey()
        {
            var key = new byte[16];
            do
            {
                random.NextBytes(key);
            }
            while (HostCrypto.IsWeak(key));
            return key;
        }
        var master = NewKey();
        var data = new byte[8];
        HostCrypto.EncryptEcb(master, data);
        long before = HostCrypto.CiphersMadeOnThisThread;
        for (int i = 0; i < 5 * HostCrypto.KeptKeys; i++)
        {
            var key = NewKey();
            Assert.Equal(Fresh(key, data, true), HostCrypto.EncryptEcb(key, data));
            Assert.Equal(Fresh(master, data, false), HostCrypto.DecryptEcb(master, data));
        }
        Assert.Equal(5 * HostCrypto.KeptKeys, HostCrypto.CiphersMadeOnThisThread - before);
    }

    [Fact]
    public void A_part_block_is_refused_as_before()
    {
        var key = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        Assert.ThrowsAny<CryptographicException>(() => HostCrypto.EncryptEcb(key, new byte[7]));
    }
}
