using PosFirmware.Scanner;

namespace PosFirmware.Print.Receipts
{
    /// <summary>The facts printed on a sale receipt, as the transaction gave them.</summary>
    public sealed class SaleReceipt
    {
        /// <summary>Merchant's trading name (Chinese as a rule).</summary>
        public string MerchantName;

        /// <summary>Merchant id, 15 digits (ISO 8583 field 42).</summary>
        public string MerchantId;

        /// <summary>Terminal id, 8 characters (field 41).</summary>
        public string TerminalId;

        /// <summary>Operator number.</summary>
        public string OperatorId;

        /// <summary>The wallet used.</summary>
        public PaymentScheme Channel;

        /// <summary>Batch number, 6 digits.</summary>
        public string Batch;

        /// <summary>Trace (voucher) number, 6 digits (field 11).</summary>
        public string Trace;

        /// <summary>Retrieval reference number, 12 characters (field 37): the transaction reference.</summary>
        public string ReferenceNumber;

        /// <summary>Authorisation code (field 38), or null.</summary>
        public string AuthCode;

        /// <summary>Amount in fen.</summary>
        public long AmountFen;

        /// <summary>When the acquirer approved it.</summary>
        public ReceiptTime Time;

        /// <summary>The wallet's (or UnionPay's) own transaction number, which refunds and disputes quote; null if none.</summary>
        public string WalletTransactionId;

        /// <summary>The merchant order number the terminal sent; null if none.</summary>
        public string MerchantOrderNumber;

        /// <summary>The customer's payment code (or payer account) as scanned; printed masked. Null if none.</summary>
        public string PayerCode;

        /// <summary>The acquirer's name (e.g. 银联商务); null if none.</summary>
        public string AcquirerName;

        /// <summary>The issuer's or wallet's name (e.g. 招商银行, 微信支付); null if none.</summary>
        public string IssuerName;

        /// <summary>Free remarks to print (the operator's note); null if none.</summary>
        public string Remarks;
    }
}
