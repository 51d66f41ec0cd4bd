using PosFirmware.Hal;

namespace PosFirmware.Crypto
{
    /// <summary>
    /// Single DES (FIPS PUB 46-3) on one 8-byte block at a time: nanoFramework has no DES, and the CUP MAC,
    /// X9.19 and working-key decryption need it. Written for clarity over speed (a terminal computes a few
    /// blocks per transaction). The 16 round keys are computed once by SetKey into an array allocated here.
    /// Not constant-time; the device is not exposed to timing measurements of its MAC unit.
    /// </summary>
    public sealed class DesCipher
    {
        /// <summary>The DES block size in bytes.</summary>
        public const int BlockBytes = 8;

        /// <summary>The DES key size in bytes (56 key bits plus 8 parity bits, parity ignored).</summary>
        public const int KeyBytes = 8;

        private const int Rounds = 16;
        private readonly ulong[] _roundKeys = new ulong[Rounds];
        private bool _hasKey;

        /// <summary>True once SetKey has run (and Clear has not).</summary>
        public bool HasKey
        {
            get { return _hasKey; }
        }

        /// <summary>Loads an 8-byte key from key[offset].</summary>
        public void SetKey(byte[] key, int offset)
        {
            Check.That(key != null && offset >= 0 && offset + KeyBytes <= key.Length, "DES key outside the buffer");
            ulong k = ReadBlock(key, offset);
            ulong cd = Permute(k, 64, DesTables.PermutedChoice1);
            uint c = (uint)(cd >> 28) & 0x0FFFFFFF;
            uint d = (uint)cd & 0x0FFFFFFF;
            for (int round = 0; round < Rounds; round++)
            {
                int shift = DesTables.RoundShifts[round];
                c = ((c << shift) | (c >> (28 - shift))) & 0x0FFFFFFF;
                d = ((d << shift) | (d >> (28 - shift))) & 0x0FFFFFFF;
                ulong joined = ((ulong)c << 28) | d;
                _roundKeys[round] = Permute(joined, 56, DesTables.PermutedChoice2);
            }
            _hasKey = true;
        }

        /// <summary>Forgets the key: round keys are overwritten with zeros.</summary>
        public void Clear()
        {
            for (int i = 0; i < Rounds; i++)
            {
                _roundKeys[i] = 0;
            }
            _hasKey = false;
        }

        /// <summary>Encrypts the block at input[inputOffset] into output[outputOffset] (may be the same place).</summary>
        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            Crypt(input, inputOffset, output, outputOffset, false);
        }

        /// <summary>Decrypts the block at input[inputOffset] into output[outputOffset] (may be the same place).</summary>
        public void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            Crypt(input, inputOffset, output, outputOffset, true);
        }

        private void Crypt(byte[] input, int inputOffset, byte[] output, int outputOffset, bool decrypt)
        {
            Check.That(_hasKey, "DES used before a key was set");
            Check.That(input != null && inputOffset >= 0 && inputOffset + BlockBytes <= input.Length, "DES input outside the buffer");
            Check.That(output != null && outputOffset >= 0 && outputOffset + BlockBytes <= output.Length, "DES output outside the buffer");
            ulong block = Permute(ReadBlock(input, inputOffset), 64, DesTables.InitialPermutation);
            uint left = (uint)(block >> 32);
            uint right = (uint)block;
            for (int round = 0; round < Rounds; round++)
            {
                ulong roundKey = _roundKeys[decrypt ? Rounds - 1 - round : round];
                uint next = left ^ Feistel(right, roundKey);
                left = right;
                right = next;
            }
            // The halves are swapped once more after round 16 (FIPS 46-3: the preoutput block is R16 L16).
            ulong preoutput = ((ulong)right << 32) | left;
            WriteBlock(Permute(preoutput, 64, DesTables.FinalPermutation), output, outputOffset);
        }

        private static uint Feistel(uint right, ulong roundKey)
        {
            ulong expanded = Permute(right, 32, DesTables.Expansion) ^ roundKey;
            uint substituted = 0;
            for (int box = 0; box < 8; box++)
            {
                int six = (int)(expanded >> (42 - 6 * box)) & 0x3F;
                int row = ((six >> 4) & 0x2) | (six & 0x1);
                int column = (six >> 1) & 0xF;
                substituted = (substituted << 4) | DesTables.SBoxes[box * 64 + row * 16 + column];
            }
            return (uint)Permute(substituted, 32, DesTables.Permutation);
        }

        /// <summary>Output bit i (from the top) is input bit table[i], counting 1..inputBits from the top.</summary>
        private static ulong Permute(ulong input, int inputBits, byte[] table)
        {
            ulong result = 0;
            for (int i = 0; i < table.Length; i++)
            {
                result = (result << 1) | ((input >> (inputBits - table[i])) & 1UL);
            }
            return result;
        }

        private static ulong ReadBlock(byte[] buffer, int offset)
        {
            ulong value = 0;
            for (int i = 0; i < BlockBytes; i++)
            {
                value = (value << 8) | buffer[offset + i];
            }
            return value;
        }

        private static void WriteBlock(ulong value, byte[] buffer, int offset)
        {
            for (int i = BlockBytes - 1; i >= 0; i--)
            {
                buffer[offset + i] = (byte)value;
                value >>= 8;
            }
        }
    }
}
