using PosFirmware.Hal;

namespace PosFirmware.Crypto
{
    /// <summary>
    /// Single DES (FIPS PUB 46-3) on one 8-byte block at a time: nanoFramework has no DES, and the CUP MAC,
    /// X9.19 and working-key decryption need it. Every message's MAC runs it, so a round is eight table
    /// lookups (the S-boxes and P joined, 2 KB built once). The 16 round keys are computed once by SetKey
    /// into an array allocated here.
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

        /// <summary>
        /// Takes the key other holds (its round keys copied): a 3DES key that repeats a part (K1 K2 K1, or K K K)
        /// loads the repeated part once.
        /// </summary>
        public void SetKeyOf(DesCipher other)
        {
            Check.That(other != null && other._hasKey, "DES key copied from a cipher without one");
            for (int round = 0; round < Rounds; round++)
            {
                _roundKeys[round] = other._roundKeys[round];
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

        // The S-boxes and P together: SpBoxes[box * 64 + six] is P applied to the box's 4-bit output in its
        // place in the 32-bit word. P only moves bits, so the eight boxes permuted one by one OR to the
        // permuted whole. Built once from the FIPS tables (2 KB): a round is then eight lookups, not 80 bit steps.
        private static readonly uint[] SpBoxes = BuildSpBoxes();

        private static uint[] BuildSpBoxes()
        {
            // E gives box b the bits 4b-1 .. 4b+4 of R (counted from the top from 0, wrapping round), which
            // Feistel takes by rotation: the table must say so.
            for (int i = 0; i < DesTables.Expansion.Length; i++)
            {
                int box = i / 6;
                Check.That(DesTables.Expansion[i] - 1 == ((4 * box - 1 + i % 6) & 31), "DES E is a rotation per box");
            }
            uint[] sp = new uint[8 * 64];
            for (int box = 0; box < 8; box++)
            {
                for (int six = 0; six < 64; six++)
                {
                    int row = ((six >> 4) & 0x2) | (six & 0x1);
                    int column = (six >> 1) & 0xF;
                    uint placed = (uint)DesTables.SBoxes[box * 64 + row * 16 + column] << (28 - 4 * box);
                    sp[box * 64 + six] = (uint)Permute(placed, 32, DesTables.Permutation);
                }
            }
            return sp;
        }

        private static uint Feistel(uint right, ulong roundKey)
        {
            uint result = 0;
            for (int box = 0; box < 8; box++)
            {
                // R rotated left so that bit 4b-1 is on top: its top six bits are E's six for this box.
                int shift = (4 * box + 31) & 31;
                uint rotated = (right << shift) | (right >> (32 - shift));
                int six = (int)(rotated >> 26) ^ ((int)(roundKey >> (42 - 6 * box)) & 0x3F);
                result |= SpBoxes[box * 64 + six];
            }
            return result;
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
