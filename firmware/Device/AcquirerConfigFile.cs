// Also compiled into the host test project, which has nullable annotations on; this code has none, as on the device.
#nullable disable

using PosFirmware.Config;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// Where the acquirer listens, read from acquirer.config on the flash through the one config reader, so
    /// a deployment points the terminal at its own host without a rebuild:
    ///
    ///     address = 192.0.2.10    # IPv4, dotted quad (the socket API takes an address, not a name)
    ///     port = 5000
    /// </summary>
    public sealed class AcquirerConfigFile : DeviceConfigFile
    {
        public const string FileName = "acquirer.config";
        private const int MaxAddressChars = 15;

        private static readonly ConfigKey[] Schema = new ConfigKey[]
        {
            new ConfigKey("address", ConfigType.Text, 1, MaxAddressChars, "", true),
            new ConfigKey("port", ConfigType.Integer, 1, 65535, "", true),
        };

        /// <summary>The acquirer's IPv4 address, or null when the file is missing or bad.</summary>
        public string Address;

        /// <summary>The acquirer's TCP port, or 0 when the file is missing or bad.</summary>
        public int Port;

        public AcquirerConfigFile()
            : base(FileName, Schema, "deploy.json puts it on I:")
        {
        }

        /// <summary>Reads and checks the file from the store.</summary>
        public static AcquirerConfigFile Load(IFileStore store)
        {
            AcquirerConfigFile config = new AcquirerConfigFile();
            config.LoadFrom(store);
            return config;
        }

        /// <inheritdoc />
        protected override bool TryTake(ConfigReader reader)
        {
            string address;
            int port;
            if (!reader.TryGetText("address", out address) || !reader.TryGetInt("port", out port))
            {
                return false;
            }
            if (!IsDottedQuad(address))
            {
                return reader.Fail("address", "must be an IPv4 address such as 192.0.2.10: " + address);
            }
            Address = address;
            Port = port;
            return true;
        }

        /// <summary>True for four decimal parts 0..255 of one to three digits, separated by dots.</summary>
        public static bool IsDottedQuad(string text)
        {
            int parts = 0;
            int digits = 0;
            int value = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c == '.')
                {
                    if (digits == 0 || value > 255)
                    {
                        return false;
                    }
                    parts++;
                    digits = 0;
                    value = 0;
                    continue;
                }
                if (c < '0' || c > '9' || digits == 3)
                {
                    return false;
                }
                value = value * 10 + (c - '0');
                digits++;
            }
            return parts == 4;
        }
    }
}
