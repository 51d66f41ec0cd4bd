namespace PosFirmware.Operator
{
    /// <summary>The screen the operator console shows.</summary>
    public enum ConsoleScreen
    {
        /// <summary>Ready for a sale.</summary>
        Idle = 0,

        /// <summary>Keying in the amount.</summary>
        AmountEntry = 1,

        /// <summary>Waiting for the customer's payment code.</summary>
        Scanning = 2,

        /// <summary>The payment flow is talking to the acquirer.</summary>
        Processing = 3,

        /// <summary>Approved or declined.</summary>
        Result = 4,

        /// <summary>The printer stopped (paper out, cover open, ...).</summary>
        PrinterFault = 5,

        /// <summary>Reversals are waiting to be sent.</summary>
        ReversalPending = 6,

        /// <summary>A list of transactions whose outcome is not known.</summary>
        Unresolved = 7,

        /// <summary>The operator menu.</summary>
        Menu = 8,

        /// <summary>Keying in a trace number to reprint.</summary>
        TraceEntry = 9,
        /// <summary>Choosing why an unresolved transaction is cleared.</summary>
        ReasonEntry = 10,
    }
}
