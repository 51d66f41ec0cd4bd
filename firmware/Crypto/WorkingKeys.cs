using System;
using PosFirmware.Hal;

namespace PosFirmware.Crypto
{
    /// <summary>
    /// The session keys a sign-in (0810) hands out in field 62, each encrypted under the terminal master
    /// key (TMK) and followed by a check value: the first CheckValueBytes of the clear key's 3DES
    /// encryption of eight zero bytes. Layout (CUP double-length convention, acquirer-specific):
    /// PIK (PinKeyBytes) + check + MAK (MacKeyBytes) + check. Clear keys live only in the ciphers here,
    /// the scratch copy is wiped after use, and nothing here prints or logs a key.
    /// </summary>
    public sealed class WorkingKeys
    {
        private readonly TripleDes _pinKey = new TripleDes();
        private readonly MacCalculator _mac = new MacCalculator();
        private readonly TripleDes _check = new TripleDes();
        private readonly byte[] _clear = new byte[24];
        private readonly byte[] _zeros = new byte[8];
        private readonly byte[] _kcv = new byte[8];

        /// <summary>Creates an empty key set for a field-62 layout and MAC scheme.</summary>
        public WorkingKeys(int pinKeyBytes, int macKeyBytes, int checkValueBytes, int macScheme)
        {
            Check.That(pinKeyBytes == 0 || TripleDes.IsValidKeyLength(pinKeyBytes), "PIN key length must be 0, 8, 16 or 24");
            Check.That(TripleDes.IsValidKeyLength(macKeyBytes), "MAC key length must be 8, 16 or 24");
            Check.That(checkValueBytes >= 0 && checkValueBytes <= 8, "check value is 0 to 8 bytes");
            Check.That(MacScheme.IsKnown(macScheme), "unknown MAC scheme");
            PinKeyBytes = pinKeyBytes;
            MacKeyBytes = macKeyBytes;
            CheckValueBytes = checkValueBytes;
            MacSchemeId = macScheme;
        }

        /// <summary>Encrypted PIN key length in field 62 (0 when the acquirer sends none).</summary>
        public int PinKeyBytes { get; private set; }

        /// <summary>Encrypted MAC key length in field 62.</summary>
        public int MacKeyBytes { get; private set; }

        /// <summary>Check value bytes after each key.</summary>
        public int CheckValueBytes { get; private set; }

        /// <summary>The MAC scheme the MAC key is loaded for.</summary>
        public int MacSchemeId { get; private set; }

        /// <summary>The MAC calculator holding the working MAC key (no key until Load succeeds).</summary>
        public MacCalculator Mac
        {
            get { return _mac; }
        }

        /// <summary>True after a successful Load.</summary>
        public bool IsLoaded
        {
            get { return _mac.HasKey; }
        }

        /// <summary>The field-62 length this layout expects.</summary>
        public int ExpectedFieldBytes
        {
            get { return (PinKeyBytes == 0 ? 0 : PinKeyBytes + CheckValueBytes) + MacKeyBytes + CheckValueBytes; }
        }

        /// <summary>
        /// Decrypts and checks the keys in field62[offset..offset+count) under the master key. On any
        /// failure no key is loaded (the previous keys are dropped too).
        /// </summary>
        public KeyLoadStatus Load(TripleDes masterKey, byte[] field62, int offset, int count)
        {
            Forget();
            if (masterKey == null || !masterKey.HasKey)
            {
                return KeyLoadStatus.NoMasterKey;
            }
            if (field62 == null || offset < 0 || count != ExpectedFieldBytes || offset + count > field62.Length)
            {
                return KeyLoadStatus.WrongLength;
            }
            int at = offset;
            if (PinKeyBytes != 0)
            {
                masterKey.DecryptEcb(field62, at, PinKeyBytes, _clear, 0);
                // The check value comes from the key as it is kept, so the key is scheduled once.
                _pinKey.SetKey(_clear, 0, PinKeyBytes);
                if (!CheckValueMatches(_pinKey, field62, at + PinKeyBytes))
                {
                    Wipe();
                    _pinKey.Clear();
                    return KeyLoadStatus.PinKeyCheckFailed;
                }
                at += PinKeyBytes + CheckValueBytes;
            }
            masterKey.DecryptEcb(field62, at, MacKeyBytes, _clear, 0);
            _check.SetKey(_clear, 0, MacKeyBytes);
            bool macKeyChecks = CheckValueMatches(_check, field62, at + MacKeyBytes);
            _check.Clear();
            if (!macKeyChecks)
            {
                Wipe();
                _pinKey.Clear();
                return KeyLoadStatus.MacKeyCheckFailed;
            }
            _mac.SetKey(MacSchemeId, _clear, 0, MacKeyBytes);
            Wipe();
            return KeyLoadStatus.Ok;
        }

        /// <summary>Drops every working key (after a failed sign-in, or at sign-out).</summary>
        public void Forget()
        {
            _pinKey.Clear();
            _mac.Clear();
            Wipe();
        }

        /// <summary>
        /// A short reason for a Load result, safe to log (it never contains key material). A switch, not
        /// the enum's name: on the device an enum formats as its number.
        /// </summary>
        public static string Describe(KeyLoadStatus status)
        {
            if (status == KeyLoadStatus.Ok)
            {
                return "working keys loaded";
            }
            if (status == KeyLoadStatus.WrongLength)
            {
                return "field 62 length does not match the working-key layout";
            }
            if (status == KeyLoadStatus.PinKeyCheckFailed)
            {
                return "PIN key check value mismatch";
            }
            if (status == KeyLoadStatus.MacKeyCheckFailed)
            {
                return "MAC key check value mismatch";
            }
            if (status == KeyLoadStatus.NoMasterKey)
            {
                return "no master key loaded";
            }
            return "unknown working-key status";
        }

        // The first CheckValueBytes of the key's encryption of eight zero bytes against expected.
        private bool CheckValueMatches(TripleDes key, byte[] expected, int expectedOffset)
        {
            key.EncryptBlock(_zeros, 0, _kcv, 0);
            int difference = 0;
            for (int i = 0; i < CheckValueBytes; i++)
            {
                difference |= _kcv[i] ^ expected[expectedOffset + i];
            }
            Array.Clear(_kcv, 0, _kcv.Length);
            return difference == 0;
        }

        private void Wipe()
        {
            Array.Clear(_clear, 0, _clear.Length);
        }
    }
}
