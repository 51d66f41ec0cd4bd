using PosFirmware.Hal;

namespace PosFirmware.Payment
{
    /// <summary>
    /// The power-safe transaction journal on the file store. Every change is appended as one checked record
    /// (sequence number + CRC) and is durable when the call returns; recovery keeps the last good record of
    /// each transaction and ignores a torn tail, in littlefs-like and FAT-like stores alike.
    /// </summary>
    public sealed class Journal
    {
        /// <summary>Creates the journal over a store; call Recover before anything else.</summary>
        public Journal(IFileStore store, JournalConfig config)
        {
        }

        /// <summary>Why the last operation failed, or null.</summary>
        public string Error;

        /// <summary>Reads the journal back from the store (and repairs a torn tail).</summary>
        public JournalStatus Recover()
        {
            throw new System.NotImplementedException();
        }

        /// <summary>The open batch number (1..999999).</summary>
        public int Batch { get { return 0; } }

        /// <summary>The live records (index 0..Count-1).</summary>
        public int Count { get { return 0; } }

        /// <summary>A live record by index. The caller must not change it: copy it, change the copy, Save.</summary>
        public TxnRecord At(int index)
        {
            return null;
        }

        /// <summary>The record of a batch and trace, or null.</summary>
        public TxnRecord Find(int batch, int trace)
        {
            return null;
        }

        /// <summary>True when no new transaction fits (every slot holds a record that must be kept or the open batch's).</summary>
        public bool IsFull { get { return false; } }

        /// <summary>
        /// Takes the next trace number (1..999999, wrapping) and makes it durable before returning, so no
        /// reboot ever hands it out again. Returns -1 when the store refused (see Error).
        /// </summary>
        public int TakeTrace()
        {
            return -1;
        }

        /// <summary>
        /// Writes a record (new, or replacing the one with its batch and trace); durable when it returns true.
        /// False when the store refused or the journal is full (see Error); nothing changed then.
        /// </summary>
        public bool Save(TxnRecord record)
        {
            return false;
        }

        /// <summary>Closes the open batch and opens the next (durable when true).</summary>
        public bool StartNewBatch()
        {
            return false;
        }

        /// <summary>Stores the sign-in key block (as received: encrypted under the master key).</summary>
        public bool SaveKeys(byte[] block, int offset, int count)
        {
            return false;
        }

        /// <summary>Forgets the key block (a MAC or key error from the host asks for a new sign-in).</summary>
        public bool ForgetKeys()
        {
            return false;
        }

        /// <summary>Copies the stored key block into buffer; returns its length, or 0 when none is stored.</summary>
        public int LoadKeys(byte[] buffer, int offset)
        {
            return 0;
        }
    }
}
