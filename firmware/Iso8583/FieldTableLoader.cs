using PosFirmware.Hal;

namespace PosFirmware.Iso8583
{
    /// <summary>
    /// Reads the acquirer's field table from the flash at boot (TerminalConfig.FieldTableFile, deployed
    /// from firmware/Iso8583/Tables). A missing, oversized or bad file is an Error for the display, never a
    /// crash; the caller decides whether to fall back to CupFieldTable.Create() or stay offline.
    /// </summary>
    public class FieldTableLoader
    {
        private readonly IFileStore _store;
        private readonly int _maxFileBytes;

        /// <summary>Creates a loader reading from store, refusing files above maxFileBytes.</summary>
        public FieldTableLoader(IFileStore store, int maxFileBytes)
        {
            Check.That(store != null && maxFileBytes > 0, "a field-table loader needs a store and a size limit");
            _store = store;
            _maxFileBytes = maxFileBytes;
        }

        /// <summary>Why the last Load returned null, or null.</summary>
        public string Error;

        /// <summary>The table in the named file, or null (see Error).</summary>
        public FieldTable Load(string name)
        {
            Error = null;
            byte[] text;
            int size;
            try
            {
                size = _store.SizeOf(name);
                if (size < 0)
                {
                    Error = name + " is missing";
                    return null;
                }
                if (size == 0 || size > _maxFileBytes)
                {
                    Error = name + " is " + size.ToString() + " bytes, not 1.." + _maxFileBytes.ToString();
                    return null;
                }
                // Read once at boot: the buffer is a start-up allocation.
                text = new byte[size];
                int read = _store.Read(name, 0, text, 0, size);
                if (read != size)
                {
                    Error = name + " read " + read.ToString() + " of " + size.ToString() + " bytes";
                    return null;
                }
            }
            catch (FileStoreException e)
            {
                Error = name + ": " + e.Message;
                return null;
            }
            FieldTableParser parser = new FieldTableParser();
            FieldTable table = parser.Parse(text, 0, size);
            if (table == null)
            {
                Error = name + ": " + parser.Error;
            }
            return table;
        }
    }
}
