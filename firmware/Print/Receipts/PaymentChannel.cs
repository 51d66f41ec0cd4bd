namespace PosFirmware.Printing.Receipts
{
    /// <summary>How the customer paid: the wallet whose payment code was scanned.</summary>
    public enum PaymentChannel
    {
        /// <summary>微信支付 WeChat Pay.</summary>
        WeChatPay = 0,

        /// <summary>支付宝 Alipay.</summary>
        Alipay = 1,

        /// <summary>银联二维码 UnionPay QR.</summary>
        UnionPay = 2,
    }
}
