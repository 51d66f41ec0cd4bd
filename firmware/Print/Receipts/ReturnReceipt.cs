namespace PosFirmware.Print.Receipts
{
    /// <summary>
    /// What a refund (退货) or void (撤销) slip shows: the new transaction (amount given back, its own trace,
    /// reference and wallet number) and the sale it undoes.
    /// </summary>
    public sealed class ReturnReceipt
    {
        /// <summary>The refund or void transaction itself (AmountFen is the amount given back).</summary>
        public SaleReceipt Transaction;

        /// <summary>Trace number of the original sale.</summary>
        public string OriginalTrace;

        /// <summary>Reference number of the original sale.</summary>
        public string OriginalReference;

        /// <summary>Wallet transaction number of the original sale; null if none.</summary>
        public string OriginalWalletTransactionId;

        /// <summary>When the original sale was made.</summary>
        public ReceiptTime OriginalTime;
    }
}
