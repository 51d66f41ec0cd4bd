namespace PosFirmware.Payment
{
    /// <summary>What Recover found.</summary>
    public enum JournalStatus
    {
        /// <summary>No journal on the flash: a new terminal (batch 1, no records).</summary>
        Fresh = 0,
        /// <summary>The journal read back whole.</summary>
        Ok = 1,
        /// <summary>A torn or damaged tail was dropped (the records before it stand) and the journal rewritten.</summary>
        Repaired = 2,
        /// <summary>The store failed (see Journal.Message): the terminal must not take payments.</summary>
        StoreFailed = 3,
    }
}
