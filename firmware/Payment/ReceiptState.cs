namespace PosFirmware.Payment
{
    /// <summary>The receipt of an approved sale.</summary>
    public enum ReceiptState
    {
        /// <summary>No receipt is owed (not approved, or receipts are off).</summary>
        None = 0,
        /// <summary>Owed and nothing of it is on paper yet.</summary>
        Pending = 1,
        /// <summary>Owed, and part of it may already be on paper: the next print is marked as a reprint.</summary>
        Started = 2,
        /// <summary>Every configured copy is on paper.</summary>
        Printed = 3,
    }
}
