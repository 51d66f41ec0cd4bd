namespace PosFirmware.Payment
{
    /// <summary>The kind of a journaled transaction.</summary>
    public enum TxnKind
    {
        /// <summary>A payment-code sale (0200, reversed with 0400).</summary>
        Sale = 0,
    }
}
