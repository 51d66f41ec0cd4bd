namespace PosFirmware.Print.Receipts
{
    /// <summary>Which copy of a receipt: the merchant keeps one, the customer takes the other.</summary>
    public enum ReceiptCopy
    {
        /// <summary>商户存根: kept by the merchant.</summary>
        Merchant = 0,

        /// <summary>持卡人存根 / 顾客联: handed to the customer.</summary>
        Customer = 1,
    }
}
