namespace PosFirmware.Print.Receipts
{
    /// <summary>
    /// The facts printed when a sale's outcome was unknown and its reversal could not be confirmed: the
    /// customer may have been charged, and the merchant must settle it with the acquirer by phone.
    /// </summary>
    public sealed class ReversalFailedNotice
    {
        /// <summary>Merchant's trading name.</summary>
        public string MerchantName;

        /// <summary>Merchant id.</summary>
        public string MerchantId;

        /// <summary>Terminal id.</summary>
        public string TerminalId;

        /// <summary>Batch number.</summary>
        public string Batch;

        /// <summary>Trace number of the sale being reversed.</summary>
        public string Trace;

        /// <summary>Reference number if the acquirer gave one, else null.</summary>
        public string ReferenceNumber;

        /// <summary>Amount of the sale, in fen.</summary>
        public long AmountFen;

        /// <summary>Time of the sale.</summary>
        public ReceiptTime Time;

        /// <summary>Reversal attempts made.</summary>
        public int Attempts;

        /// <summary>The acquirer's service telephone number, or null.</summary>
        public string AcquirerPhone;
    }
}
