using System;
using PosFirmware.Common;
using PosFirmware.Hal;

namespace PosFirmware.Payment
{
    /// <summary>
    /// The power-safe transaction journal on the file store. Every change is appended as one checked record
    /// (sequence number + CRC) and is durable when the call returns; recovery keeps the last good record of
    /// each transaction and ignores a torn tail, in littlefs-like and FAT-like stores alike.
    /// </summary>
    /// <remarks>
    /// Two files take turns (JournalConfig.FileA/FileB). The live one starts with a snapshot (file header
    /// with a generation, batch, last trace, keys, the kept records, snapshot-end) and grows by appends
    /// (Append + one Write + Close each). Compaction writes a fresh snapshot into the other file and only
    /// after it is closed deletes the old one, so a cut leaves at least one whole file: recovery takes the
    /// complete file with the highest generation. The live file is never opened with Create (FAT truncates
    /// at open), and nothing is appended after bytes that are not ours: a bad tail found at recovery, or a
    /// file size that is not what the journal wrote, is compacted away first.
    /// </remarks>
    public sealed class Journal
    {
        /// <summary>Largest trace and batch number (six digits, F11 and F60.2).</summary>
        public const int MaxNumber = 999999;

        private readonly IFileStore _store;
        private readonly JournalConfig _config;
        private readonly JournalReader _reader;
        private readonly TxnRecord[] _records;
        private readonly byte[] _keys;
        private readonly byte[] _out;
        private int _count;
        private int _batch;
        private int _lastTrace;
        private int _keyLength;
        private string _live;
        private uint _generation;
        private uint _sequence;
        private int _fileBytes;

        /// <summary>Creates the journal over a store; call Recover before anything else.</summary>
        public Journal(IFileStore store, JournalConfig config)
        {
            Check.That(store != null && config != null, "journal has a store and a config");
            Check.That(config.MaxRecords > 0 && config.MaxFileBytes > 0 && config.MaxKeyBytes > 0, "journal bounds are positive");
            Check.That(config.MaxRecords < MaxNumber, "fewer records than trace numbers, so a free trace always exists");
            Check.That(config.MaxKeyBytes <= JournalFormat.MaxBodyBytes, "a key block fits in one record");
            Check.That(config.FileA != config.FileB, "the two journal files differ");
            _store = store;
            _config = config;
            _reader = new JournalReader(store);
            _records = new TxnRecord[config.MaxRecords];
            _keys = new byte[config.MaxKeyBytes];
            _out = new byte[JournalFormat.MaxRecordBytes];
            _batch = 1;
        }

        /// <summary>Why the last operation failed, or null.</summary>
        public string Message;

        /// <summary>What the last Recover dropped or repaired (a bad tail, a leftover file), or null.</summary>
        public string RecoveryNote;

        /// <summary>Records appended since start-up (snapshots not counted).</summary>
        public long Appends;

        /// <summary>Compactions completed since start-up.</summary>
        public long Compactions;

        /// <summary>Size of the live file as the journal wrote it.</summary>
        public int FileBytes
        {
            get { return _fileBytes; }
        }

        /// <summary>The live file's name (null before a successful Recover).</summary>
        public string LiveFile
        {
            get { return _live; }
        }

        /// <summary>The live file's generation (rises by one at each compaction).</summary>
        public long Generation
        {
            get { return _generation; }
        }

        /// <summary>The last trace handed out (0 before the first).</summary>
        public int LastTrace
        {
            get { return _lastTrace; }
        }

        /// <summary>Reads the journal back from the store (and repairs a torn tail).</summary>
        public JournalStatus Recover()
        {
            Message = null;
            RecoveryNote = null;
            ResetState();
            try
            {
                long generationA = Probe(_config.FileA);
                long generationB = Probe(_config.FileB);
                if (generationA < 0 && generationB < 0)
                {
                    return StartAfresh();
                }
                string chosen = generationA > generationB ? _config.FileA : _config.FileB;
                string other = chosen == _config.FileA ? _config.FileB : _config.FileA;
                bool clean = Replay(chosen);
                if (!clean)
                {
                    RecoveryNote = "dropped a bad tail of " + chosen + ": " + _reader.Problem;
                    if (!Compact())
                    {
                        return JournalStatus.StoreFailed;
                    }
                    return JournalStatus.Repaired;
                }
                if (_store.Exists(other))
                {
                    // An older generation, or a compaction that a cut stopped before its snapshot-end.
                    RecoveryNote = "deleted the leftover " + other;
                    _store.Delete(other);
                }
                return JournalStatus.Ok;
            }
            catch (FileStoreException e)
            {
                ResetState();
                Message = "journal recovery: " + e.Message;
                return JournalStatus.StoreFailed;
            }
        }

        /// <summary>The open batch number (1..999999).</summary>
        public int Batch
        {
            get { return _batch; }
        }

        /// <summary>The live records (index 0..Count-1).</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>A live record by index. The caller must not change it: copy it, change the copy, Save.</summary>
        public TxnRecord At(int index)
        {
            Check.That(index >= 0 && index < _count, "journal index in range");
            return _records[index];
        }

        /// <summary>The record of a batch and trace, or null.</summary>
        public TxnRecord Find(int batch, int trace)
        {
            int i = IndexOf(batch, trace);
            return i < 0 ? null : _records[i];
        }

        /// <summary>True when no new transaction fits (every slot holds a record that must be kept or the open batch's).</summary>
        public bool IsFull
        {
            get { return _count == _records.Length && CountKept() == _count; }
        }

        /// <summary>
        /// Takes the next trace number (1..999999, wrapping) and makes it durable before returning, so no
        /// reboot ever hands it out again. False when the store refused (see Message).
        /// </summary>
        public bool TryTakeTrace(out int trace)
        {
            Message = null;
            trace = _lastTrace;
            // A live record holding a trace (after a wrap) keeps it: at most Count traces are skipped.
            for (int tries = 0; tries <= _count; tries++)
            {
                trace = trace % MaxNumber + 1;
                if (!TraceHeld(trace))
                {
                    break;
                }
            }
            if (!AppendSmall(JournalFormat.Trace, 4, trace, "take trace"))
            {
                trace = 0;
                return false;
            }
            _lastTrace = trace;
            return true;
        }

        /// <summary>
        /// Writes a record (new, or replacing the one with its batch and trace); durable when it returns true.
        /// False when the store refused or the journal is full (see Message); nothing changed then.
        /// </summary>
        public bool Save(TxnRecord record)
        {
            Message = null;
            string bad = JournalFormat.CheckTxn(record);
            if (bad != null)
            {
                Message = "save: " + bad;
                return false;
            }
            if (_live == null)
            {
                Message = "save: the journal is not recovered";
                return false;
            }
            int index = IndexOf(record.Batch, record.Trace);
            if (index < 0 && _count == _records.Length)
            {
                if (CountKept() == _count)
                {
                    Message = "journal full: all " + _count.ToString() + " records are unresolved, owe a receipt or belong to the open batch";
                    return false;
                }
                // Records of closed batches that are settled make room when compaction drops them.
                if (!Compact())
                {
                    return false;
                }
            }
            if (!PrepareAppend("save"))
            {
                return false;
            }
            int body = JournalFormat.WriteTxn(record, _out, JournalFormat.HeaderBytes);
            if (!Append(JournalFormat.Txn, body, "save"))
            {
                return false;
            }
            var copy = new TxnRecord();
            copy.CopyFrom(record);
            Put(copy);
            return true;
        }

        /// <summary>Closes the open batch and opens the next (durable when true).</summary>
        public bool StartNewBatch()
        {
            Message = null;
            int next = _batch % MaxNumber + 1;
            if (!AppendSmall(JournalFormat.Batch, 4, next, "new batch"))
            {
                return false;
            }
            _batch = next;
            return true;
        }

        /// <summary>Stores the sign-in key block (as received: encrypted under the master key).</summary>
        public bool SaveKeys(byte[] block, int offset, int count)
        {
            Message = null;
            if (block == null || offset < 0 || count <= 0 || offset + count > block.Length)
            {
                Message = "save keys: no key block";
                return false;
            }
            if (count > _keys.Length)
            {
                Message = "save keys: block of " + count.ToString() + " bytes is over " + _keys.Length.ToString();
                return false;
            }
            if (!PrepareAppend("save keys"))
            {
                return false;
            }
            Array.Copy(block, offset, _out, JournalFormat.HeaderBytes, count);
            if (!Append(JournalFormat.Keys, count, "save keys"))
            {
                return false;
            }
            Array.Copy(block, offset, _keys, 0, count);
            _keyLength = count;
            return true;
        }

        /// <summary>Forgets the key block (a MAC or key error from the host asks for a new sign-in).</summary>
        public bool ForgetKeys()
        {
            Message = null;
            if (_keyLength == 0)
            {
                return true;
            }
            if (!AppendSmall(JournalFormat.KeysForgotten, 0, 0, "forget keys"))
            {
                return false;
            }
            Array.Clear(_keys, 0, _keys.Length);
            _keyLength = 0;
            return true;
        }

        /// <summary>Copies the stored key block into buffer; returns its length, or 0 when none is stored.</summary>
        public int LoadKeys(byte[] buffer, int offset)
        {
            Check.That(buffer != null && offset >= 0 && offset + _keyLength <= buffer.Length, "key buffer large enough");
            Array.Copy(_keys, 0, buffer, offset, _keyLength);
            return _keyLength;
        }

        private void ResetState()
        {
            for (int i = 0; i < _count; i++)
            {
                _records[i] = null;
            }
            _count = 0;
            _batch = 1;
            _lastTrace = 0;
            Array.Clear(_keys, 0, _keys.Length);
            _keyLength = 0;
            _live = null;
            _generation = 0;
            _sequence = 0;
            _fileBytes = 0;
        }

        /// <summary>The generation of a complete file (header, snapshot-end, all good), or -1.</summary>
        private long Probe(string name)
        {
            if (!_reader.Open(name) || !_reader.Next() || _reader.Type != JournalFormat.FileHeader
                || _reader.BodyLength != JournalFormat.FileHeaderBodyBytes
                || _reader.Buffer[JournalFormat.HeaderBytes] != JournalFormat.FormatVersion)
            {
                return -1;
            }
            long generation = BigEndian.ReadUInt32(_reader.Buffer, JournalFormat.HeaderBytes + 1);
            while (_reader.Next())
            {
                if (_reader.Type == JournalFormat.SnapshotEnd)
                {
                    return generation;
                }
                if (_reader.Type == JournalFormat.FileHeader)
                {
                    return -1;
                }
            }
            return -1;
        }

        /// <summary>Replays a complete file into memory; false when it ends in a bad tail.</summary>
        private bool Replay(string name)
        {
            _reader.Open(name);
            _reader.Next();
            _generation = BigEndian.ReadUInt32(_reader.Buffer, JournalFormat.HeaderBytes + 1);
            _sequence = _reader.Sequence;
            bool snapshotDone = false;
            while (_reader.Next())
            {
                string bad = Apply(snapshotDone);
                if (bad != null)
                {
                    _reader.Reject(bad);
                    break;
                }
                if (_reader.Type == JournalFormat.SnapshotEnd)
                {
                    snapshotDone = true;
                }
                _sequence = _reader.Sequence;
            }
            _live = name;
            _fileBytes = _reader.Position;
            return _reader.Problem == null && _reader.Position == _reader.FileSize;
        }

        /// <summary>Applies the record the reader holds; returns why it cannot be applied, or null.</summary>
        private string Apply(bool snapshotDone)
        {
            byte[] b = _reader.Buffer;
            int body = JournalFormat.HeaderBytes;
            int length = _reader.BodyLength;
            switch (_reader.Type)
            {
                case JournalFormat.Txn:
                    TxnRecord r = JournalFormat.ReadTxn(b, body, length);
                    if (r == null)
                    {
                        return "malformed transaction";
                    }
                    if (IndexOf(r.Batch, r.Trace) < 0 && _count == _records.Length && !DropSettled())
                    {
                        return "more records than MaxRecords";
                    }
                    Put(r);
                    return null;
                case JournalFormat.Trace:
                case JournalFormat.Batch:
                    if (length != 4)
                    {
                        return "malformed number";
                    }
                    int value = (int)BigEndian.ReadUInt32(b, body);
                    if (value < 1 || value > MaxNumber)
                    {
                        return "number out of range";
                    }
                    if (_reader.Type == JournalFormat.Trace)
                    {
                        _lastTrace = value;
                    }
                    else
                    {
                        _batch = value;
                    }
                    return null;
                case JournalFormat.Keys:
                    if (length < 1 || length > _keys.Length)
                    {
                        return "key block of " + length.ToString() + " bytes";
                    }
                    Array.Copy(b, body, _keys, 0, length);
                    _keyLength = length;
                    return null;
                case JournalFormat.KeysForgotten:
                    Array.Clear(_keys, 0, _keys.Length);
                    _keyLength = 0;
                    return null;
                case JournalFormat.SnapshotEnd:
                    return snapshotDone ? "second snapshot-end" : null;
                default:
                    return "file header inside the file";
            }
        }

        /// <summary>A fresh journal: batch 1, no trace, no records, written as generation 1.</summary>
        private JournalStatus StartAfresh()
        {
            bool found = _store.Exists(_config.FileA) || _store.Exists(_config.FileB);
            if (found)
            {
                RecoveryNote = "no complete journal file: started afresh";
            }
            if (!Compact())
            {
                return JournalStatus.StoreFailed;
            }
            if (_store.Exists(_config.FileB))
            {
                _store.Delete(_config.FileB);
            }
            return found ? JournalStatus.Repaired : JournalStatus.Fresh;
        }

        /// <summary>Appends a record whose body is empty (bodyLength 0) or one 32-bit number.</summary>
        private bool AppendSmall(byte type, int bodyLength, int value, string what)
        {
            // PrepareAppend may compact, which uses _out: the body is written after it.
            if (!PrepareAppend(what))
            {
                return false;
            }
            if (bodyLength == 4)
            {
                BigEndian.WriteUInt32(_out, JournalFormat.HeaderBytes, (uint)value);
            }
            return Append(type, bodyLength, what);
        }

        /// <summary>
        /// Makes the live file ready for one more record: compacts when its size is not what the journal
        /// wrote (a failed write left bytes of unknown worth) or when it passed MaxFileBytes.
        /// </summary>
        private bool PrepareAppend(string what)
        {
            if (_live == null)
            {
                Message = what + ": the journal is not recovered";
                return false;
            }
            int size;
            try
            {
                size = _store.SizeOf(_live);
            }
            catch (FileStoreException e)
            {
                Message = what + ": " + e.Message;
                return false;
            }
            if (size != _fileBytes)
            {
                return Compact();
            }
            if (_fileBytes >= _config.MaxFileBytes)
            {
                // A failed compaction leaves the live file whole: the record still goes in, over the bound.
                Compact();
            }
            return true;
        }

        /// <summary>Appends the record whose body is in _out; durable when true.</summary>
        private bool Append(byte type, int bodyLength, string what)
        {
            int total = JournalFormat.Frame(_out, type, bodyLength, _sequence + 1);
            IFileWriter writer = null;
            try
            {
                writer = _store.Append(_live);
                writer.Write(_out, 0, total);
                IFileWriter closing = writer;
                writer = null;
                closing.Close();
            }
            catch (FileStoreException e)
            {
                Message = what + ": " + e.Message;
                CloseQuietly(writer);
                return false;
            }
            _sequence++;
            _fileBytes += total;
            Appends++;
            return true;
        }

        /// <summary>
        /// Writes the state as a snapshot into the other file (dropping records of closed batches that need
        /// nothing more), closes it, then deletes the old file. Memory changes only once the snapshot is durable.
        /// </summary>
        private bool Compact()
        {
            string target = _live == _config.FileA ? _config.FileB : _config.FileA;
            uint generation = _generation + 1;
            uint sequence = _sequence;
            int bytes = 0;
            IFileWriter writer = null;
            try
            {
                writer = _store.Create(target);
                int n = JournalFormat.WriteFileHeader(_out, JournalFormat.HeaderBytes, generation);
                bytes += WriteRecord(writer, JournalFormat.FileHeader, n, ++sequence);
                BigEndian.WriteUInt32(_out, JournalFormat.HeaderBytes, (uint)_batch);
                bytes += WriteRecord(writer, JournalFormat.Batch, 4, ++sequence);
                if (_lastTrace > 0)
                {
                    BigEndian.WriteUInt32(_out, JournalFormat.HeaderBytes, (uint)_lastTrace);
                    bytes += WriteRecord(writer, JournalFormat.Trace, 4, ++sequence);
                }
                if (_keyLength > 0)
                {
                    Array.Copy(_keys, 0, _out, JournalFormat.HeaderBytes, _keyLength);
                    bytes += WriteRecord(writer, JournalFormat.Keys, _keyLength, ++sequence);
                }
                for (int i = 0; i < _count; i++)
                {
                    if (Kept(_records[i]))
                    {
                        n = JournalFormat.WriteTxn(_records[i], _out, JournalFormat.HeaderBytes);
                        bytes += WriteRecord(writer, JournalFormat.Txn, n, ++sequence);
                    }
                }
                bytes += WriteRecord(writer, JournalFormat.SnapshotEnd, 0, ++sequence);
                IFileWriter closing = writer;
                writer = null;
                closing.Close();
            }
            catch (FileStoreException e)
            {
                Message = "compaction into " + target + ": " + e.Message;
                CloseQuietly(writer);
                return false;
            }
            string old = _live;
            _live = target;
            _generation = generation;
            _sequence = sequence;
            _fileBytes = bytes;
            DropSettled();
            Compactions++;
            if (old != null)
            {
                try
                {
                    _store.Delete(old);
                }
                catch (FileStoreException e)
                {
                    // The new file has the higher generation, so the old one is ignored until it is overwritten.
                    Message = "compaction: the old " + old + " stays: " + e.Message;
                }
            }
            return true;
        }

        private int WriteRecord(IFileWriter writer, byte type, int bodyLength, uint sequence)
        {
            int total = JournalFormat.Frame(_out, type, bodyLength, sequence);
            writer.Write(_out, 0, total);
            return total;
        }

        private static void CloseQuietly(IFileWriter writer)
        {
            if (writer == null)
            {
                return;
            }
            try
            {
                writer.Close();
            }
            catch (FileStoreException)
            {
                // The write already failed and is reported; the size check before the next append sees what landed.
            }
        }

        /// <summary>True for a record compaction keeps: owed something, or in the open batch.</summary>
        private bool Kept(TxnRecord r)
        {
            return r.MustKeep || r.Batch == _batch;
        }

        private int CountKept()
        {
            int kept = 0;
            for (int i = 0; i < _count; i++)
            {
                if (Kept(_records[i]))
                {
                    kept++;
                }
            }
            return kept;
        }

        /// <summary>Removes the records compaction drops, keeping the order; true when any went.</summary>
        private bool DropSettled()
        {
            int to = 0;
            for (int from = 0; from < _count; from++)
            {
                TxnRecord r = _records[from];
                if (Kept(r))
                {
                    _records[to++] = r;
                }
            }
            bool dropped = to < _count;
            for (int i = to; i < _count; i++)
            {
                _records[i] = null;
            }
            _count = to;
            return dropped;
        }

        private void Put(TxnRecord r)
        {
            int i = IndexOf(r.Batch, r.Trace);
            if (i >= 0)
            {
                _records[i] = r;
                return;
            }
            Check.That(_count < _records.Length, "journal has a free slot");
            _records[_count++] = r;
        }

        private int IndexOf(int batch, int trace)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_records[i].Batch == batch && _records[i].Trace == trace)
                {
                    return i;
                }
            }
            return -1;
        }

        private bool TraceHeld(int trace)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_records[i].Trace == trace)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
