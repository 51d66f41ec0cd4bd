namespace PosFirmware.Hal
{
    /// <summary>
    /// A flat file store with the semantics of littlefs on the ESP32 internal drive (I:\):
    /// a file's new content becomes durable only when its writer is closed (until then, after a power
    /// cut, the file holds its old content, or does not exist if it is new); Rename is atomic and, as
    /// File.Move on nanoFramework, refuses an existing destination. Names are short and flat ("journal.bin").
    /// An SD card (FAT) gives weaker promises; code that must survive both checks its own records.
    /// </summary>
    public interface IFileStore
    {
        /// <summary>True if the file exists.</summary>
        bool Exists(string name);

        /// <summary>The file's size in bytes, or -1 if it does not exist.</summary>
        int SizeOf(string name);

        /// <summary>Reads up to count bytes from position into buffer at offset; returns how many were read.</summary>
        int Read(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>
        /// Opens the file for reading and keeps it open (for files read often, like the printer font);
        /// it sees the file's durable content. Throws FileStoreException if the file is missing.
        /// </summary>
        IFileReader OpenRead(string name);

        /// <summary>Opens the file for writing from empty (creating it); the old content stays until Close.</summary>
        IFileWriter Create(string name);

        /// <summary>Opens the file for appending (creating it); the appended bytes become durable at Close.</summary>
        IFileWriter Append(string name);

        /// <summary>Atomically renames a file. Throws if from is missing or to exists.</summary>
        void Rename(string from, string to);

        /// <summary>Deletes the file if it exists.</summary>
        void Delete(string name);

        /// <summary>The names of all files, in ordinal order.</summary>
        string[] List();
    }

    /// <summary>An open file being written. Nothing written is durable until Close returns.</summary>
    public interface IFileWriter
    {
        /// <summary>Writes count bytes of buffer from offset at the end of the file.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Commits what was written; the writer cannot be used afterwards.</summary>
        void Close();
    }

    /// <summary>A file open for reading.</summary>
    public interface IFileReader
    {
        /// <summary>Size of the file in bytes when it was opened.</summary>
        int Length { get; }

        /// <summary>Reads up to count bytes from position into buffer at offset; returns how many were read.</summary>
        int Read(int position, byte[] buffer, int offset, int count);

        /// <summary>Closes the file; the reader cannot be used afterwards.</summary>
        void Close();
    }
}
