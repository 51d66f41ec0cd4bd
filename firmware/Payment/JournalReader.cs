using PosFirmware.Common;
using PosFirmware.Hal;

namespace PosFirmware.Payment
{
    /// <summary>
    /// Walks a journal file record by record and stops at the first one that is not whole and next in
    /// sequence: bad magic, unknown type, a length past the bound or the end of the file, a CRC that does
    /// not match, or a sequence number that is not the previous one plus one. Reads any bytes without
    /// throwing (only the store's own FileStoreException escapes). One buffer, allocated once.
    /// </summary>
    public sealed class JournalReader
    {
        private readonly IFileStore _store;
        private string _name;
        private int _size;
        private bool _any;

        /// <summary>Creates a reader over a store.</summary>
        public JournalReader(IFileStore store)
        {
            Check.That(store != null, "journal reader has a store");
            _store = store;
            Buffer = new byte[JournalFormat.MaxRecordBytes];
        }

        /// <summary>The current record (header at 0, body at JournalFormat.HeaderBytes).</summary>
        public readonly byte[] Buffer;

        /// <summary>The current record's type.</summary>
        public int Type;

        /// <summary>The current record's sequence number.</summary>
        public uint Sequence;

        /// <summary>The current record's body length.</summary>
        public int BodyLength;

        /// <summary>Where the current record starts in the file.</summary>
        public int RecordStart;

        /// <summary>Where the next record starts (the end of the good records once Next returned false).</summary>
        public int Position;

        /// <summary>The file's size (-1 when it does not exist).</summary>
        public int FileSize
        {
            get { return _size; }
        }

        /// <summary>Why reading stopped before the end of the file, or null (clean end, or still reading).</summary>
        public string Problem;

        /// <summary>Starts reading a file from its beginning; false when it does not exist.</summary>
        public bool Open(string name)
        {
            _name = name;
            _size = _store.SizeOf(name);
            _any = false;
            Position = 0;
            Problem = null;
            return _size >= 0;
        }

        /// <summary>Reads the next good record; false at the end of the file or at a bad record (see Problem).</summary>
        public bool Next()
        {
            if (_size < 0 || Problem != null || Position >= _size)
            {
                return false;
            }
            int left = _size - Position;
            if (left < JournalFormat.HeaderBytes + JournalFormat.CrcBytes)
            {
                return Stop("torn record (" + left.ToString() + " bytes left)");
            }
            if (_store.Read(_name, Position, Buffer, 0, JournalFormat.HeaderBytes) != JournalFormat.HeaderBytes)
            {
                return Stop("short read");
            }
            if (Buffer[0] != JournalFormat.Magic0 || Buffer[1] != JournalFormat.Magic1 || Buffer[3] != 0)
            {
                return Stop("bad magic");
            }
            int type = Buffer[2];
            if (!JournalFormat.IsKnownType(type))
            {
                return Stop("unknown type " + type.ToString());
            }
            int bodyLength = BigEndian.ReadUInt16(Buffer, 4);
            if (bodyLength > JournalFormat.MaxBodyBytes)
            {
                return Stop("length " + bodyLength.ToString() + " past the bound");
            }
            int total = JournalFormat.HeaderBytes + bodyLength + JournalFormat.CrcBytes;
            if (total > left)
            {
                return Stop("torn record (needs " + total.ToString() + " bytes, " + left.ToString() + " left)");
            }
            int rest = total - JournalFormat.HeaderBytes;
            if (_store.Read(_name, Position + JournalFormat.HeaderBytes, Buffer, JournalFormat.HeaderBytes, rest) != rest)
            {
                return Stop("short read");
            }
            int crcAt = JournalFormat.HeaderBytes + bodyLength;
            if (BigEndian.ReadUInt32(Buffer, crcAt) != Crc32.Compute(Buffer, 0, crcAt))
            {
                return Stop("bad CRC");
            }
            uint sequence = BigEndian.ReadUInt32(Buffer, 6);
            if (_any && sequence != Sequence + 1)
            {
                return Stop("sequence " + sequence.ToString() + " after " + Sequence.ToString());
            }
            _any = true;
            Type = type;
            Sequence = sequence;
            BodyLength = bodyLength;
            RecordStart = Position;
            Position += total;
            return true;
        }

        /// <summary>Marks the record just read as unusable (its body made no sense): reading stops before it.</summary>
        public void Reject(string why)
        {
            Position = RecordStart;
            Problem = why + " at byte " + RecordStart.ToString();
        }

        private bool Stop(string why)
        {
            Problem = why + " at byte " + Position.ToString();
            return false;
        }
    }
}
