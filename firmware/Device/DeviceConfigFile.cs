// Also compiled into the host test project, which has nullable annotations on; this code has none, as on the device.
#nullable disable

using PosFirmware.Config;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// A small key = value file of the device's own (Wi-Fi credentials, the acquirer's address): read whole
    /// from the store with the one store reader, checked by the one config reader against the file's
    /// schema, then handed to the subclass to take its values. Any failure leaves the values unset and
    /// Message naming the file and, for a bad file, the line and key.
    /// </summary>
    public abstract class DeviceConfigFile
    {
        public const int MaxFileBytes = 512;
        public const int MaxLineChars = 120;

        private readonly string _fileName;
        private readonly ConfigKey[] _schema;
        private readonly string _missingHint;

        /// <summary>Why the file could not be used, naming the file, or null.</summary>
        public string Message;

        protected DeviceConfigFile(string fileName, ConfigKey[] schema, string missingHint)
        {
            _fileName = fileName;
            _schema = schema;
            _missingHint = missingHint;
        }

        /// <summary>Reads and checks the file from the store; sets the values, or Message.</summary>
        public void LoadFrom(IFileStore store)
        {
            StoreFileReader files = new StoreFileReader(store);
            byte[] text = new byte[MaxFileBytes];
            int count;
            if (!files.TryReadAll(_fileName, text, out count))
            {
                Message = files.Message + " (" + _missingHint + ")";
                return;
            }
            Parse(text, count);
        }

        /// <summary>Parses count bytes of file text; sets the values, or Message.</summary>
        public void Parse(byte[] text, int count)
        {
            ConfigReader reader = new ConfigReader(_schema, MaxFileBytes, MaxLineChars, 1);
            if (!reader.TryRead(text, 0, count) || !TryTake(reader))
            {
                Message = _fileName + ": " + reader.Message;
            }
        }

        /// <summary>Takes the values of a file the reader accepted; false after reader.Fail for a rule between values.</summary>
        protected abstract bool TryTake(ConfigReader reader);
    }
}
