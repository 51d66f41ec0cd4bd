namespace PosFirmware.Operator
{
    /// <summary>What the operator asked the payment flow for.</summary>
    public enum ConsoleRequestKind
    {
        /// <summary>No request.</summary>
        None = 0,

        /// <summary>A sale: amount and a classified payment code.</summary>
        Sale = 1,

        /// <summary>Reprint the last receipt.</summary>
        ReprintLast = 2,

        /// <summary>Reprint the receipt of one trace number.</summary>
        ReprintByTrace = 3,

        /// <summary>Run settlement.</summary>
        Settlement = 4,

        /// <summary>Show the transactions whose outcome is unknown.</summary>
        ListUnresolved = 5,
        /// <summary>Cancel the sale in progress (the flow reverses it: the customer may already have paid).</summary>
        Cancel = 6,
        /// <summary>Ask the host for the status of one trace ("I was charged").</summary>
        QueryTrace = 7,
        /// <summary>List the batch's transactions with their states.</summary>
        ListTransactions = 8,
        /// <summary>Clear one unresolved transaction, with a reason (journaled).</summary>
        ClearUnresolved = 9,
    }
}
