using PosFirmware.Hal;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// Reads the acquirer's field table from the flash at boot (TerminalConfig.FieldTableFile, deployed
    /// from firmware/Iso8583/Tables). A missing, oversized or bad file, or a flash error, is a Message for
    /// the display, never a crash; the caller decides whether to fall back to CupFieldTable.Create() or
    /// stay offline.
    /// </summary>
    public class FieldTableLoader
    {
        private readonly StoreFileReader _files;
        private readonly int _maxFileBytes;
        private readonly FieldTableParser _parser = new FieldTableParser();

        /// <summary>Creates a loader reading from store, refusing files above maxFileBytes.</summary>
        public FieldTableLoader(IFileStore store, int maxFileBytes)
        {
            Check.That(store != null && maxFileBytes > 0, "a field-table loader needs a store and a size limit");
            _files = new StoreFileReader(store);
            _maxFileBytes = maxFileBytes;
        }

        /// <summary>Why the last TryLoad failed, naming the file; null after a good load.</summary>
        public string Message;

        /// <summary>Reads the table in the named file: true with it, or false with Message.</summary>
        public bool TryLoad(string name, out FieldTable table)
        {
            table = null;
            Message = null;
            // Read once at boot: the buffer is a start-up allocation.
            byte[] text = new byte[_maxFileBytes];
            int size;
            if (!_files.TryReadAll(name, text, out size))
            {
                Message = _files.Message;
                return false;
            }
            if (!_parser.TryParse(text, 0, size, out table))
            {
                Message = name + ": " + _parser.Message;
                return false;
            }
            return true;
        }
    }
}
