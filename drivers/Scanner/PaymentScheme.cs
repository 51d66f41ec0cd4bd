namespace PosFirmware.Scanner
{
    /// <summary>
    /// The wallet a payment code belongs to: the one definition of the schemes the terminal takes. The
    /// code table names them in its rules; the sale, the journal and the receipt carry this value.
    /// </summary>
    public enum PaymentScheme
    {
        /// <summary>微信支付 WeChat Pay ("WeChat" in the code table).</summary>
        WeChat = 0,

        /// <summary>支付宝 Alipay ("Alipay").</summary>
        Alipay = 1,

        /// <summary>银联二维码 UnionPay QR ("UnionPay").</summary>
        UnionPay = 2,
    }
}
