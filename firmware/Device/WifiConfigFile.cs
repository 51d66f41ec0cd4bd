// Also compiled into the host test project, which has nullable annotations on; this code has none, as on the device.
#nullable disable

using PosFirmware.Config;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// The Wi-Fi credentials, read from a small text file on the flash (never from code) through the one
    /// config reader:
    ///
    ///     # comment lines start with '#'
    ///     ssid = ShopNet
    ///     password = the passphrase, everything after the first '=' up to the line end
    ///
    /// The password is a line-text value: it keeps every character up to the line end ('#' and '='
    /// included) but the spaces around it. The SSID is 1..32 bytes and the WPA2 passphrase 8..63 characters
    /// (or empty for an open network), as 802.11 and WPA2 allow; anything else is an error naming the line.
    /// The file holds a secret, so it is not committed (firmware/Device/.gitignore) and has its own deploy
    /// manifest (wifi.deploy.json).
    /// </summary>
    public sealed class WifiConfigFile : DeviceConfigFile
    {
        public const string FileName = "wifi.config";
        public const int MaxSsidBytes = 32;
        public const int MinPassphraseChars = 8;
        public const int MaxPassphraseChars = 63;

        private static readonly ConfigKey[] Schema = new ConfigKey[]
        {
            new ConfigKey("ssid", ConfigType.Text, 1, MaxSsidBytes, "", true),
            new ConfigKey("password", ConfigType.LineText, 0, MaxPassphraseChars, "", true),
        };

        /// <summary>The network name, or null when the file is missing or bad.</summary>
        public string Ssid;

        /// <summary>The passphrase ("" for an open network), or null when the file is missing or bad.</summary>
        public string Password;

        public WifiConfigFile()
            : base(FileName, Schema, "put the Wi-Fi ssid and password there: see firmware/Device/README.md")
        {
        }

        /// <summary>Reads and checks the file from the store.</summary>
        public static WifiConfigFile Load(IFileStore store)
        {
            WifiConfigFile config = new WifiConfigFile();
            config.LoadFrom(store);
            return config;
        }

        /// <inheritdoc />
        protected override bool TryTake(ConfigReader reader)
        {
            string ssid;
            string password;
            if (!reader.TryGetText("ssid", out ssid) || !reader.TryGetText("password", out password) || !CheckPassphrase(reader, password))
            {
                return false;
            }
            Ssid = ssid;
            Password = password;
            return true;
        }

        private static bool CheckPassphrase(ConfigReader reader, string password)
        {
            if (password.Length == 0 || password.Length >= MinPassphraseChars)
            {
                return true;
            }
            return reader.Fail("password", "a WPA2 passphrase has " + MinPassphraseChars.ToString() + ".." + MaxPassphraseChars.ToString()
                + " characters (leave it empty for an open network)");
        }
    }
}
