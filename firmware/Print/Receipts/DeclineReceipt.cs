using PosFirmware.Scanner;

namespace PosFirmware.Print.Receipts
{
    /// <summary>The facts printed when the acquirer or the wallet declined a sale.</summary>
    public sealed class DeclineReceipt
    {
        /// <summary>Merchant's trading name.</summary>
        public string MerchantName;

        /// <summary>Merchant id.</summary>
        public string MerchantId;

        /// <summary>Terminal id.</summary>
        public string TerminalId;

        /// <summary>The wallet used.</summary>
        public PaymentScheme Channel;

        /// <summary>Trace number.</summary>
        public string Trace;

        /// <summary>Response code (field 39), e.g. "51".</summary>
        public string ResponseCode;

        /// <summary>Reason as text, e.g. "余额不足 INSUFFICIENT FUNDS".</summary>
        public string Reason;

        /// <summary>Amount asked for, in fen.</summary>
        public long AmountFen;

        /// <summary>When the decline came back.</summary>
        public ReceiptTime Time;

        /// <summary>The batch the attempt belonged to; null if none.</summary>
        public string Batch;

        /// <summary>The acquirer's reference number of the declined attempt; null if none.</summary>
        public string ReferenceNumber;
    }
}
