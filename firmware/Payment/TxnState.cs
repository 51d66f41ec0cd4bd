namespace PosFirmware.Payment
{
    /// <summary>
    /// Where one transaction stands. Every state is journaled before the terminal acts on it, so a reboot
    /// resumes from the last state written and a step run twice does no harm.
    /// </summary>
    public enum TxnState
    {
        /// <summary>Request built and its reversal armed; it may or may not have left the terminal.</summary>
        Prepared = 0,
        /// <summary>The host answered "user paying": the terminal queries until paid, failed or out of time.</summary>
        UserPaying = 1,
        /// <summary>The host approved the sale (final).</summary>
        Approved = 2,
        /// <summary>The host declined the sale; nothing was debited (final).</summary>
        Declined = 3,
        /// <summary>The request never left the terminal (no connection); nothing to reverse (final).</summary>
        NotSent = 4,
        /// <summary>The outcome is unknown or unwanted: a reversal must reach the host.</summary>
        ReversalPending = 5,
        /// <summary>The host confirmed the reversal, or that the original never reached it (final).</summary>
        Reversed = 6,
        /// <summary>Reversal attempts ran out: kept on the unresolved list until the operator clears it.</summary>
        Unresolved = 7,
        /// <summary>An unresolved record the operator cleared with a reason (final, kept for settlement).</summary>
        Cleared = 8,
    }
}
