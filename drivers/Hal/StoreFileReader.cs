namespace PosFirmware.Hal
{
    /// <summary>
    /// The one way boot code reads a whole file from the store: into a caller's buffer, bounded by its
    /// length, with every failure (missing, too large, short, a flash error the store throws as
    /// <see cref="FileStoreException"/>) turned into a status and a message naming the file, never an
    /// exception that stops the boot.
    /// </summary>
    public class StoreFileReader
    {
        private readonly IFileStore _store;

        /// <summary>A reader over store.</summary>
        public StoreFileReader(IFileStore store)
        {
            Check.That(store != null, "a reader has a store");
            _store = store;
        }

        /// <summary>Ok, or why the last read failed.</summary>
        public StoreReadStatus Status;

        /// <summary>The last failure in words, naming the file; null after a good read.</summary>
        public string Message;

        /// <summary>Reads all of name into buffer from 0; false with Status and Message set.</summary>
        public bool TryReadAll(string name, byte[] buffer, out int count)
        {
            count = 0;
            Status = StoreReadStatus.Ok;
            Message = null;
            try
            {
                int size = _store.SizeOf(name);
                if (size < 0)
                {
                    return Fail(StoreReadStatus.Missing, name + " is missing");
                }
                if (size > buffer.Length)
                {
                    return Fail(StoreReadStatus.TooLarge, name + " is " + size.ToString() + " bytes, larger than " + buffer.Length.ToString());
                }
                int read = _store.Read(name, 0, buffer, 0, size);
                if (read != size)
                {
                    return Fail(StoreReadStatus.ShortRead, name + " read " + read.ToString() + " of " + size.ToString() + " bytes");
                }
                count = size;
                return true;
            }
            catch (FileStoreException e)
            {
                return Fail(StoreReadStatus.StoreFailed, name + ": " + e.Message);
            }
        }

        private bool Fail(StoreReadStatus status, string message)
        {
            Status = status;
            Message = message;
            return false;
        }
    }
}
