using System;
using PosFirmware.Common;
using PosFirmware.Hal;

namespace PosFirmware.Crypto
{
    /// <summary>
    /// Computes the 8-byte field-64 value over a MAC block (MAB) with the working MAC key (MAK).
    /// Scratch buffers are allocated once here; Compute allocates nothing. The key is held only inside
    /// the ciphers and never leaves this object.
    /// </summary>
    public sealed class MacCalculator
    {
        /// <summary>Bytes of the MAC as it travels in field 64.</summary>
        public const int MacBytes = 8;

        private readonly TripleDes _cipher = new TripleDes();
        private readonly DesCipher _left = new DesCipher();
        private readonly DesCipher _right = new DesCipher();
        private readonly byte[] _block = new byte[8];
        private readonly byte[] _hex = new byte[16];
        private int _scheme;

        /// <summary>The scheme in use (a MacScheme value), or 0 before SetKey.</summary>
        public int Scheme
        {
            get { return _scheme; }
        }

        /// <summary>True once a key is loaded.</summary>
        public bool HasKey
        {
            get { return _scheme != 0; }
        }

        /// <summary>
        /// Loads the MAK for a scheme. CUP ECB takes 8 bytes (DES) or 16/24 (3DES in the two encryption
        /// steps); X9.19 takes 16 bytes (K1 K2), or 8 bytes, which makes it plain X9.9 CBC-MAC.
        /// Returns false (and holds no key) for an unknown scheme or an unusable key length.
        /// </summary>
        public bool SetKey(int scheme, byte[] key, int offset, int length)
        {
            Clear();
            if (!MacScheme.IsKnown(scheme) || key == null || offset < 0 || length < 0 || offset + length > key.Length)
            {
                return false;
            }
            if (scheme == MacScheme.CupEcb)
            {
                if (!TripleDes.IsValidKeyLength(length))
                {
                    return false;
                }
                _cipher.SetKey(key, offset, length);
            }
            else
            {
                if (length != 8 && length != 16)
                {
                    return false;
                }
                _left.SetKey(key, offset);
                _right.SetKey(key, length == 16 ? offset + 8 : offset);
            }
            _scheme = scheme;
            return true;
        }

        /// <summary>Forgets the key.</summary>
        public void Clear()
        {
            _cipher.Clear();
            _left.Clear();
            _right.Clear();
            for (int i = 0; i < _block.Length; i++)
            {
                _block[i] = 0;
            }
            for (int i = 0; i < _hex.Length; i++)
            {
                _hex[i] = 0;
            }
            _scheme = 0;
        }

        /// <summary>Computes the MAC of data[offset..offset+count) into mac[macOffset..macOffset+8).</summary>
        public void Compute(byte[] data, int offset, int count, byte[] mac, int macOffset)
        {
            Check.That(_scheme != 0, "MAC computed before a key was loaded");
            Check.That(data != null && offset >= 0 && count >= 0 && offset + count <= data.Length, "MAC data outside the buffer");
            Check.That(mac != null && macOffset >= 0 && macOffset + MacBytes <= mac.Length, "MAC output outside the buffer");
            if (_scheme == MacScheme.CupEcb)
            {
                ComputeCupEcb(data, offset, count, mac, macOffset);
            }
            else
            {
                ComputeX919(data, offset, count, mac, macOffset);
            }
        }

        /// <summary>True when the MAC of the data equals expected[expectedOffset..+8), compared in full.</summary>
        public bool Verify(byte[] data, int offset, int count, byte[] expected, int expectedOffset, byte[] scratch8)
        {
            Compute(data, offset, count, scratch8, 0);
            int difference = 0;
            for (int i = 0; i < MacBytes; i++)
            {
                difference |= scratch8[i] ^ expected[expectedOffset + i];
            }
            return difference == 0;
        }

        // CUP POS ECB MAC (docs/acquirer-protocol.md, MAC, LiaoYang pospin.c CalMAC): XOR the zero-padded 8-byte blocks,
        // expand to 16 hex characters, encrypt the first 8, XOR with the last 8, encrypt again, expand, and
        // keep the first 8 characters.
        private void ComputeCupEcb(byte[] data, int offset, int count, byte[] mac, int macOffset)
        {
            XorBlocks(data, offset, count);
            HexText.Encode(_block, 0, 8, _hex, 0);
            _cipher.EncryptBlock(_hex, 0, _block, 0);
            for (int i = 0; i < 8; i++)
            {
                _block[i] ^= _hex[8 + i];
            }
            _cipher.EncryptBlock(_block, 0, _block, 0);
            HexText.Encode(_block, 0, 8, _hex, 0);
            Array.Copy(_hex, 0, mac, macOffset, MacBytes);
        }

        // ANSI X9.19: CBC-MAC under K1 over the zero-padded data (zero IV), then the last block is
        // decrypted under K2 and encrypted under K1 again.
        private void ComputeX919(byte[] data, int offset, int count, byte[] mac, int macOffset)
        {
            for (int i = 0; i < 8; i++)
            {
                _block[i] = 0;
            }
            int blocks = (count + 7) / 8;
            if (blocks == 0)
            {
                blocks = 1;
            }
            for (int b = 0; b < blocks; b++)
            {
                for (int i = 0; i < 8; i++)
                {
                    int index = b * 8 + i;
                    _block[i] ^= index < count ? data[offset + index] : (byte)0;
                }
                _left.EncryptBlock(_block, 0, _block, 0);
            }
            _right.DecryptBlock(_block, 0, _block, 0);
            _left.EncryptBlock(_block, 0, _block, 0);
            Array.Copy(_block, 0, mac, macOffset, MacBytes);
        }

        private void XorBlocks(byte[] data, int offset, int count)
        {
            for (int i = 0; i < 8; i++)
            {
                _block[i] = 0;
            }
            for (int i = 0; i < count; i++)
            {
                _block[i & 7] ^= data[offset + i];
            }
        }
    }
}
