using PosFirmware.Hal;

namespace PosFirmware.Crypto
{
    /// <summary>
    /// DES in encrypt-decrypt-encrypt form (ANSI X9.52 / NIST SP 800-67) with a single (8-byte),
    /// double (16-byte, K3 = K1) or triple (24-byte) length key. A single-length key gives plain DES,
    /// so one type serves every key length an acquirer hands out.
    /// </summary>
    public sealed class TripleDes
    {
        private readonly DesCipher _k1 = new DesCipher();
        private readonly DesCipher _k2 = new DesCipher();
        private readonly DesCipher _k3 = new DesCipher();
        private int _keyBytes;

        /// <summary>The loaded key length in bytes (8, 16 or 24), or 0 when no key is loaded.</summary>
        public int KeyBytes
        {
            get { return _keyBytes; }
        }

        /// <summary>True when a key is loaded.</summary>
        public bool HasKey
        {
            get { return _keyBytes != 0; }
        }

        /// <summary>True for the key lengths SetKey accepts.</summary>
        public static bool IsValidKeyLength(int length)
        {
            return length == 8 || length == 16 || length == 24;
        }

        /// <summary>Loads a key of 8, 16 or 24 bytes from key[offset].</summary>
        public void SetKey(byte[] key, int offset, int length)
        {
            Check.That(IsValidKeyLength(length), "3DES key must be 8, 16 or 24 bytes");
            Check.That(key != null && offset >= 0 && offset + length <= key.Length, "3DES key outside the buffer");
            // A part the key repeats is scheduled once (a key schedule is ~800 bit moves; boot and sign-in load four keys).
            _k1.SetKey(key, offset);
            if (length == 8)
            {
                _k2.SetKeyOf(_k1);
            }
            else
            {
                _k2.SetKey(key, offset + 8);
            }
            if (length == 24)
            {
                _k3.SetKey(key, offset + 16);
            }
            else
            {
                _k3.SetKeyOf(_k1);
            }
            _keyBytes = length;
        }

        /// <summary>Forgets the key.</summary>
        public void Clear()
        {
            _k1.Clear();
            _k2.Clear();
            _k3.Clear();
            _keyBytes = 0;
        }

        /// <summary>Encrypts one 8-byte block (E_K3(D_K2(E_K1(x)))).</summary>
        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            Check.That(_keyBytes != 0, "3DES used before a key was set");
            _k1.EncryptBlock(input, inputOffset, output, outputOffset);
            if (_keyBytes == 8)
            {
                return;
            }
            _k2.DecryptBlock(output, outputOffset, output, outputOffset);
            _k3.EncryptBlock(output, outputOffset, output, outputOffset);
        }

        /// <summary>Decrypts one 8-byte block (D_K1(E_K2(D_K3(x)))).</summary>
        public void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            Check.That(_keyBytes != 0, "3DES used before a key was set");
            if (_keyBytes == 8)
            {
                _k1.DecryptBlock(input, inputOffset, output, outputOffset);
                return;
            }
            _k3.DecryptBlock(input, inputOffset, output, outputOffset);
            _k2.EncryptBlock(output, outputOffset, output, outputOffset);
            _k1.DecryptBlock(output, outputOffset, output, outputOffset);
        }

        /// <summary>Encrypts count bytes (a multiple of 8) block by block, ECB.</summary>
        public void EncryptEcb(byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            Check.That(count >= 0 && count % DesCipher.BlockBytes == 0, "ECB length must be a multiple of 8");
            for (int i = 0; i < count; i += DesCipher.BlockBytes)
            {
                EncryptBlock(input, inputOffset + i, output, outputOffset + i);
            }
        }

        /// <summary>Decrypts count bytes (a multiple of 8) block by block, ECB.</summary>
        public void DecryptEcb(byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            Check.That(count >= 0 && count % DesCipher.BlockBytes == 0, "ECB length must be a multiple of 8");
            for (int i = 0; i < count; i += DesCipher.BlockBytes)
            {
                DecryptBlock(input, inputOffset + i, output, outputOffset + i);
            }
        }
    }
}
