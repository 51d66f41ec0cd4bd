namespace PosFirmware.Print.Receipts
{
    /// <summary>The facts printed on the settlement (batch close) summary.</summary>
    public sealed class SettlementSummary
    {
        /// <summary>Merchant's trading name.</summary>
        public string MerchantName;

        /// <summary>Merchant id.</summary>
        public string MerchantId;

        /// <summary>Terminal id.</summary>
        public string TerminalId;

        /// <summary>Operator number.</summary>
        public string OperatorId;

        /// <summary>Batch settled.</summary>
        public string Batch;

        /// <summary>When settlement finished.</summary>
        public ReceiptTime Time;

        /// <summary>Per-channel totals (a fixed array; null entries are skipped).</summary>
        public SettlementTotal[] Totals;

        /// <summary>True if the acquirer's totals matched the terminal's.</summary>
        public bool Balanced;

        /// <summary>Transactions whose outcome is still open (unresolved or awaiting reversal), one line each; may be null.</summary>
        public string[] Unresolved;
    }
}
