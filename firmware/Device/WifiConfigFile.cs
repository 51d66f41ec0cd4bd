// Also compiled into the host test project, which has nullable annotations on; this code has none, as on the device.
#nullable disable

using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// The Wi-Fi credentials, read from a small text file on the flash (never from code):
    ///
    ///     # comment lines start with '#'
    ///     ssid = ShopNet
    ///     password = the passphrase, everything after the first '=' up to the line end
    ///
    /// A value keeps every character after "key =" but the spaces around it, so a passphrase may contain
    /// '#' or '='. The SSID is 1..32 bytes and the WPA2 passphrase 8..63 characters (or empty for an open
    /// network), as 802.11 and WPA2 allow; anything else is an error naming the line.
    /// </summary>
    public sealed class WifiConfigFile
    {
        public const string FileName = "wifi.config";
        public const int MaxFileBytes = 512;
        public const int MaxSsidBytes = 32;
        public const int MinPassphraseChars = 8;
        public const int MaxPassphraseChars = 63;

        /// <summary>The network name, or null when the file is missing or bad.</summary>
        public string Ssid;

        /// <summary>The passphrase ("" for an open network), or null when the file is missing or bad.</summary>
        public string Password;

        /// <summary>Why the file could not be used, or null.</summary>
        public string Error;

        /// <summary>Reads and checks the file from the store.</summary>
        public static WifiConfigFile Load(IFileStore store)
        {
            WifiConfigFile config = new WifiConfigFile();
            int size = store.SizeOf(FileName);
            if (size < 0)
            {
                config.Error = FileName + " is missing: put the Wi-Fi ssid and password there (see firmware/Device/README.md)";
                return config;
            }
            if (size > MaxFileBytes)
            {
                config.Error = FileName + " is larger than " + MaxFileBytes.ToString() + " bytes";
                return config;
            }
            byte[] text = new byte[size];
            int read = store.Read(FileName, 0, text, 0, size);
            config.Parse(text, read);
            return config;
        }

        /// <summary>Parses count bytes of file text; sets Ssid and Password, or Error.</summary>
        public void Parse(byte[] text, int count)
        {
            string ssid = null;
            string password = null;
            int lineNumber = 0;
            int start = 0;
            while (start < count)
            {
                lineNumber++;
                int end = start;
                while (end < count && text[end] != (byte)'\n')
                {
                    end++;
                }
                int lineEnd = end > start && text[end - 1] == (byte)'\r' ? end - 1 : end;
                string line = Decode(text, start, lineEnd - start, lineNumber);
                start = end + 1;
                if (line == null)
                {
                    return;
                }
                string trimmed = line.Trim();
                if (trimmed.Length == 0 || trimmed[0] == '#')
                {
                    continue;
                }
                int equals = trimmed.IndexOf('=');
                if (equals <= 0)
                {
                    Fail(lineNumber, "expected key = value");
                    return;
                }
                string key = trimmed.Substring(0, equals).Trim();
                string value = trimmed.Substring(equals + 1).Trim();
                if (key == "ssid")
                {
                    ssid = value;
                }
                else if (key == "password")
                {
                    password = value;
                }
                else
                {
                    Fail(lineNumber, "unknown key '" + key + "' (ssid, password)");
                    return;
                }
            }
            if (ssid == null || ssid.Length == 0 || ssid.Length > MaxSsidBytes)
            {
                Error = FileName + ": ssid must be 1.." + MaxSsidBytes.ToString() + " characters";
                return;
            }
            if (password == null)
            {
                Error = FileName + ": password is missing (write 'password =' for an open network)";
                return;
            }
            if (password.Length != 0 && (password.Length < MinPassphraseChars || password.Length > MaxPassphraseChars))
            {
                Error = FileName + ": a WPA2 passphrase has " + MinPassphraseChars.ToString() + ".." + MaxPassphraseChars.ToString() + " characters";
                return;
            }
            Ssid = ssid;
            Password = password;
        }

        private string Decode(byte[] text, int offset, int length, int lineNumber)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                byte b = text[offset + i];
                if (b == (byte)'\t')
                {
                    b = (byte)' ';
                }
                if (b < 0x20 || b > 0x7E)
                {
                    Fail(lineNumber, "byte 0x" + b.ToString("X2") + " is not printable ASCII");
                    return null;
                }
                chars[i] = (char)b;
            }
            return new string(chars);
        }

        private void Fail(int lineNumber, string why)
        {
            Error = FileName + " line " + lineNumber.ToString() + ": " + why;
        }
    }
}
