using System.Security.Cryptography;
using System.Text;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// The host side's keys and MACs, built on .NET's DES and TripleDES rather than the firmware's own DES,
/// so that a terminal talking to the simulator is checked against an independent implementation.
/// </summary>
public static class HostCrypto
{
    /// <summary>ECB-encrypts data (a multiple of 8 bytes) under an 8/16/24-byte key.</summary>
    public static byte[] EncryptEcb(byte[] key, byte[] data) => Transform(Kept(key).Encryptor, data);

    /// <summary>ECB-decrypts data (a multiple of 8 bytes) under an 8/16/24-byte key.</summary>
    public static byte[] DecryptEcb(byte[] key, byte[] data) => Transform(Kept(key).Decryptor, data);

    /// <summary>The key check value: the first bytes of the key's encryption of eight zero bytes.</summary>
    public static byte[] CheckValue(byte[] key, int bytes) => EncryptEcb(key, new byte[8])[..bytes];

    /// <summary>True when .NET refuses the key as weak (DES weak/semi-weak, or 3DES with equal halves).</summary>
    public static bool IsWeak(byte[] key) => key.Length == 8
        ? DES.IsWeakKey(key) || DES.IsSemiWeakKey(key)
        : TripleDES.IsWeakKey(key.Length == 16 ? [.. key, .. key[..8]] : key);

    /// <summary>The CUP ECB MAC (docs/acquirer-protocol.md, MAC) as the 8 ASCII characters of field 64.</summary>
    public static byte[] CupEcbMac(byte[] key, ReadOnlySpan<byte> data)
    {
        var xor = new byte[8];
        for (int i = 0; i < data.Length; i++)
        {
            xor[i % 8] ^= data[i];
        }
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexString(xor));
        var encryptor = Kept(key).Encryptor;
        var first = Transform(encryptor, hex[..8]);
        for (int i = 0; i < 8; i++)
        {
            first[i] ^= hex[8 + i];
        }
        var second = Transform(encryptor, first);
        return Encoding.ASCII.GetBytes(Convert.ToHexString(second)[..8]);
    }

    /// <summary>ANSI X9.19 retail MAC with an 8- or 16-byte key (8 bytes of field 64).</summary>
    public static byte[] X919Mac(byte[] key, ReadOnlySpan<byte> data)
    {
        using var k1 = DES.Create();
        using var k2 = DES.Create();
        k1.Key = key[..8];
        k2.Key = key.Length == 16 ? key[8..] : key[..8];
        var padded = new byte[Math.Max(8, (data.Length + 7) / 8 * 8)];
        data.CopyTo(padded);
        var last = k1.EncryptCbc(padded, new byte[8], PaddingMode.None)[^8..];
        return k1.EncryptEcb(k2.DecryptEcb(last, PaddingMode.None), PaddingMode.None);
    }

    /// <summary>The field-64 MAC for a scheme (a Crypto.MacScheme value).</summary>
    public static byte[] Mac(int scheme, byte[] key, ReadOnlySpan<byte> data) =>
        scheme == Crypto.MacScheme.X919 ? X919Mac(key, data) : CupEcbMac(key, data);

    /// <summary>Keys whose ciphers each thread keeps set up.</summary>
    public const int KeptKeys = 4;

    // A host works under a few keys (the master key, each terminal's MAC key) for many messages, and setting
    // a key up (its schedule and OpenSSL's context) costs more than the blocks: each thread keeps the ciphers
    // of the keys it used last. ECB carries nothing from one block to the next, so a kept transform is as new.
    [ThreadStatic]
    private static KeptCipher?[]? _kept;

    // When each kept cipher was last used: the least recently used one goes, so the master key, used by
    // every request, stays while each run's new terminal keys come and go.
    [ThreadStatic]
    private static long[]? _lastUse;

    [ThreadStatic]
    private static long _uses;

    [ThreadStatic]
    private static long _made;

    /// <summary>Ciphers this thread has set up (a key not kept), for tests.</summary>
    public static long CiphersMadeOnThisThread => _made;

    private sealed class KeptCipher(byte[] key, ICryptoTransform encryptor, ICryptoTransform decryptor)
    {
        public byte[] Key { get; } = key;

        public ICryptoTransform Encryptor { get; } = encryptor;

        public ICryptoTransform Decryptor { get; } = decryptor;
    }

    private static KeptCipher Kept(byte[] key)
    {
        var kept = _kept ??= new KeptCipher?[KeptKeys];
        var lastUse = _lastUse ??= new long[KeptKeys];
        long use = ++_uses;
        int slot = 0;
        for (int i = 0; i < kept.Length; i++)
        {
            var cipher = kept[i];
            if (cipher != null && cipher.Key.AsSpan().SequenceEqual(key))
            {
                lastUse[i] = use;
                return cipher;
            }
            if (lastUse[i] < lastUse[slot])
            {
                slot = i;
            }
        }
        using var algorithm = Create(key);
        algorithm.Mode = CipherMode.ECB;
        algorithm.Padding = PaddingMode.None;
        var made = new KeptCipher((byte[])key.Clone(), algorithm.CreateEncryptor(), algorithm.CreateDecryptor());
        kept[slot]?.Encryptor.Dispose();
        kept[slot]?.Decryptor.Dispose();
        kept[slot] = made;
        lastUse[slot] = use;
        _made++;
        return made;
    }

    private static byte[] Transform(ICryptoTransform transform, byte[] data)
    {
        if (data.Length % 8 != 0)
        {
            throw new CryptographicException($"ECB without padding takes whole 8-byte blocks, not {data.Length} bytes");
        }
        var output = new byte[data.Length];
        if (data.Length > 0 && transform.TransformBlock(data, 0, data.Length, output, 0) != data.Length)
        {
            throw new CryptographicException("the cipher held back a block");
        }
        return output;
    }

    private static SymmetricAlgorithm Create(byte[] key)
    {
        SymmetricAlgorithm cipher = key.Length == 8 ? DES.Create() : TripleDES.Create();
        // OpenSSL behind .NET on Linux takes 3DES keys only as 24 bytes: a double-length key is K1 K2 K1.
        cipher.Key = key.Length == 16 ? [.. key, .. key[..8]] : key;
        return cipher;
    }
}
