using PosFirmware.Common;
using PosFirmware.Hal;

namespace PosFirmware.Terminal
{
    /// <summary>
    /// Counts boots in one small checked record ("BOOT", count, CRC-32). Written whole and closed, which
    /// littlefs makes atomic; the CRC catches what a weaker store (FAT) leaves torn, and a bad or missing
    /// record, or a flash error reading or writing it, restarts the count instead of stopping the terminal.
    /// </summary>
    public class BootRecord
    {
        private const int RecordBytes = 12;
        private static readonly byte[] Magic = new byte[] { (byte)'B', (byte)'O', (byte)'O', (byte)'T' };
        private readonly byte[] _buffer = new byte[RecordBytes];
        private readonly IFileStore _store;
        private readonly StoreFileReader _files;
        private readonly string _file;

        /// <summary>Creates the record over a store and file name.</summary>
        public BootRecord(IFileStore store, string file)
        {
            _store = store;
            _files = new StoreFileReader(store);
            _file = file;
        }

        /// <summary>True when the last Load found a damaged record.</summary>
        public bool WasDamaged;

        /// <summary>Reads the stored count: 0 when missing or damaged.</summary>
        public uint Load()
        {
            WasDamaged = false;
            int size;
            if (!_files.TryReadAll(_file, _buffer, out size))
            {
                WasDamaged = _files.Status != StoreReadStatus.Missing;
                return 0;
            }
            if (size != RecordBytes)
            {
                WasDamaged = true;
                return 0;
            }
            for (int i = 0; i < Magic.Length; i++)
            {
                if (_buffer[i] != Magic[i])
                {
                    WasDamaged = true;
                    return 0;
                }
            }
            if (BigEndian.ReadUInt32(_buffer, 8) != Crc32.Compute(_buffer, 0, 8))
            {
                WasDamaged = true;
                return 0;
            }
            return BigEndian.ReadUInt32(_buffer, 4);
        }

        /// <summary>Stores a count; false if the flash failed (the next boot then counts from a damaged record).</summary>
        public bool TrySave(uint count)
        {
            for (int i = 0; i < Magic.Length; i++)
            {
                _buffer[i] = Magic[i];
            }
            BigEndian.WriteUInt32(_buffer, 4, count);
            BigEndian.WriteUInt32(_buffer, 8, Crc32.Compute(_buffer, 0, 8));
            try
            {
                IFileWriter writer = _store.Create(_file);
                writer.Write(_buffer, 0, RecordBytes);
                writer.Close();
            }
            catch (FileStoreException)
            {
                return false;
            }
            return Load() == count;
        }
    }
}
