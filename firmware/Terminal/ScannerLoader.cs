using PosFirmware.Config;
using PosFirmware.Hal;
using PosFirmware.Scanner;

namespace PosFirmware.Terminal
{
    /// <summary>
    /// Builds the scanner driver at boot from the flash: the engine profile and the payment-code table
    /// (docs/payment-codes.md; the file is the table's one definition). A missing or bad file, or a flash
    /// error, leaves the terminal without a scanner and a Message for the display, never a crash.
    /// </summary>
    public class ScannerLoader
    {
        private readonly ScannerConfig _config;
        private readonly byte[] _buffer;
        private readonly StoreFileReader _files;
        private readonly ConfigReader _profileReader;
        private readonly ConfigReader _tableReader;

        /// <summary>Creates a loader reading from store with the bounds of config.</summary>
        public ScannerLoader(IFileStore store, ScannerConfig config)
        {
            _config = config;
            _buffer = new byte[config.MaxConfigFileBytes];
            _files = new StoreFileReader(store);
            _profileReader = ScannerProfileFile.CreateReader(config);
            _tableReader = PaymentCodeTableFile.CreateReader(config);
        }

        /// <summary>Why the last TryLoad failed, naming the file; null after a good load.</summary>
        public string Message;

        /// <summary>Builds the driver on port: true with it, or false with Message.</summary>
        public bool TryLoad(ISerialPort port, IClock clock, string profileFile, string tableFile, out BarcodeScanner scanner)
        {
            scanner = null;
            Message = null;
            int count;
            if (!_files.TryReadAll(profileFile, _buffer, out count))
            {
                Message = _files.Message;
                return false;
            }
            ScannerProfile profile;
            if (!ScannerProfileFile.TryParse(_profileReader, _buffer, 0, count, out profile))
            {
                Message = profileFile + ": " + _profileReader.Message;
                return false;
            }
            if (profile.BaudRate != port.BaudRate)
            {
                Message = profileFile + ": baud " + profile.BaudRate.ToString() + " but the port runs at " + port.BaudRate.ToString();
                return false;
            }
            if (!_files.TryReadAll(tableFile, _buffer, out count))
            {
                Message = _files.Message;
                return false;
            }
            PaymentCodeTable table;
            if (!PaymentCodeTableFile.TryParse(_tableReader, _config, _buffer, 0, count, out table))
            {
                Message = tableFile + ": " + _tableReader.Message;
                return false;
            }
            scanner = new BarcodeScanner(port, clock, profile, table, _config);
            return true;
        }
    }
}
