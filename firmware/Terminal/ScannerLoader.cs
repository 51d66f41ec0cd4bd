using PosFirmware.Hal;
using PosFirmware.Scanner;

namespace PosFirmware.Terminal
{
    /// <summary>
    /// Builds the scanner driver at boot from the flash: the engine profile (required) and the payment-code
    /// table (optional; the built-in table of docs/payment-codes.md when the file is absent). A missing or bad
    /// file leaves the terminal without a scanner and an Error for the display, never a crash.
    /// </summary>
    public class ScannerLoader
    {
        private readonly IFileStore _store;
        private readonly ScannerConfig _config;
        private readonly byte[] _buffer;

        /// <summary>Creates a loader reading from store with the bounds of config.</summary>
        public ScannerLoader(IFileStore store, ScannerConfig config)
        {
            _store = store;
            _config = config;
            _buffer = new byte[config.MaxConfigFileBytes];
        }

        /// <summary>Why Load returned null, or null.</summary>
        public string Error;

        /// <summary>The driver on port, or null (see Error).</summary>
        public BarcodeScanner Load(ISerialPort port, IClock clock, string profileFile, string tableFile)
        {
            Error = null;
            int count = ReadFile(profileFile);
            if (count < 0)
            {
                return null;
            }
            ScannerProfileParser profileParser = new ScannerProfileParser(_config);
            ScannerProfile profile = profileParser.Parse(_buffer, 0, count);
            if (profile == null)
            {
                Error = profileFile + ": " + profileParser.Error;
                return null;
            }
            if (profile.BaudRate != port.BaudRate)
            {
                Error = profileFile + ": baud " + profile.BaudRate.ToString() + " but the port runs at " + port.BaudRate.ToString();
                return null;
            }
            PaymentCodeTable table;
            if (!_store.Exists(tableFile))
            {
                table = PaymentCodeTable.CreateDefault(_config.MaxCodeRules);
            }
            else
            {
                count = ReadFile(tableFile);
                if (count < 0)
                {
                    return null;
                }
                PaymentCodeTableParser tableParser = new PaymentCodeTableParser(_config);
                table = tableParser.Parse(_buffer, 0, count);
                if (table == null)
                {
                    Error = tableFile + ": " + tableParser.Error;
                    return null;
                }
            }
            return new BarcodeScanner(port, clock, profile, table, _config);
        }

        private int ReadFile(string name)
        {
            int size = _store.SizeOf(name);
            if (size < 0)
            {
                Error = name + " is missing";
                return -1;
            }
            if (size > _buffer.Length)
            {
                Error = name + " is larger than " + _buffer.Length.ToString() + " bytes";
                return -1;
            }
            int read = _store.Read(name, 0, _buffer, 0, size);
            if (read != size)
            {
                Error = name + " read " + read.ToString() + " of " + size.ToString() + " bytes";
                return -1;
            }
            return size;
        }
    }
}
