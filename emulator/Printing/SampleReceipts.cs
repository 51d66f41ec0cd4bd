using PosFirmware.Print.Receipts;
using PosFirmware.Scanner;

namespace PosFirmware.Emulator.Printing;

/// <summary>
/// One receipt of every kind with fixed, made-up transaction data: the demo's printed output and the
/// golden-image tests' input. Same data every time, so the same bytes and pixels every time.
/// </summary>
public static class SampleReceipts
{
    /// <summary>The sale the samples are about.</summary>
    public static SaleReceipt Sale() => new()
    {
        MerchantName = "深圳市南山区星光便利店",
        MerchantId = "898440358120001",
        TerminalId = "10020031",
        OperatorId = "01",
        Channel = PaymentScheme.WeChat,
        Batch = "000012",
        Trace = "000345",
        ReferenceNumber = "632611223045",
        AuthCode = "A1B2C3",
        AmountFen = 12_34,
        Time = new ReceiptTime(2026, 11, 22, 10, 15, 30),
    };

    /// <summary>A WeChat Pay sale above the no-signature limit, with every number a refund or dispute asks for.</summary>
    public static SaleReceipt WalletSale()
    {
        var sale = Sale();
        sale.Trace = "000348";
        sale.ReferenceNumber = "632611223048";
        sale.AuthCode = "C4D5E6";
        sale.AmountFen = 1_288_00;
        sale.Time = new ReceiptTime(2026, 11, 22, 10, 40, 12);
        sale.WalletTransactionId = "4200002026112210401234567890";
        sale.MerchantOrderNumber = "SZ20261122104012000348";
        sale.PayerCode = "134567890123456789";
        sale.AcquirerName = "银联商务";
        sale.IssuerName = "微信支付 财付通";
        sale.Remarks = "会员卡 8800123，积分 +128";
        return sale;
    }

    /// <summary>A refund of part of the wallet sale the next day.</summary>
    public static ReturnReceipt Refund() => new()
    {
        Transaction = Returned(WalletSale(), "000401", "632711230401", 200_00, new ReceiptTime(2026, 11, 23, 9, 5, 0)),
        OriginalTrace = "000348",
        OriginalReference = "632611223048",
        OriginalWalletTransactionId = "4200002026112210401234567890",
        OriginalTime = new ReceiptTime(2026, 11, 22, 10, 40, 12),
    };

    /// <summary>A void of the first sale, the same day.</summary>
    public static ReturnReceipt Void() => new()
    {
        Transaction = Returned(Sale(), "000349", "632611223049", 12_34, new ReceiptTime(2026, 11, 22, 10, 50, 0)),
        OriginalTrace = "000345",
        OriginalReference = "632611223045",
        OriginalTime = new ReceiptTime(2026, 11, 22, 10, 15, 30),
    };

    private static SaleReceipt Returned(SaleReceipt original, string trace, string reference, long fen, ReceiptTime time)
    {
        original.Trace = trace;
        original.ReferenceNumber = reference;
        original.AmountFen = fen;
        original.Time = time;
        original.AuthCode = null;
        original.WalletTransactionId = original.WalletTransactionId == null ? null : "5000002026112309050000000401";
        original.Remarks = null;
        return original;
    }

    /// <summary>A declined sale.</summary>
    public static DeclineReceipt Decline() => new()
    {
        MerchantName = "深圳市南山区星光便利店",
        MerchantId = "898440358120001",
        TerminalId = "10020031",
        Channel = PaymentScheme.Alipay,
        Batch = "000012",
        Trace = "000346",
        ReferenceNumber = "632611223046",
        ResponseCode = "51",
        Reason = "余额不足 INSUFFICIENT FUNDS",
        AmountFen = 268_00,
        Time = new ReceiptTime(2026, 11, 22, 10, 17, 2),
    };

    /// <summary>A sale whose reversal could not be confirmed.</summary>
    public static ReversalFailedNotice ReversalFailed() => new()
    {
        MerchantName = "深圳市南山区星光便利店",
        MerchantId = "898440358120001",
        TerminalId = "10020031",
        Batch = "000012",
        Trace = "000347",
        ReferenceNumber = null,
        AmountFen = 58_50,
        Time = new ReceiptTime(2026, 11, 22, 10, 21, 45),
        Attempts = 3,
        AcquirerPhone = "95516",
    };

    /// <summary>The batch close.</summary>
    public static SettlementSummary Settlement() => new()
    {
        MerchantName = "深圳市南山区星光便利店",
        MerchantId = "898440358120001",
        TerminalId = "10020031",
        OperatorId = "01",
        Batch = "000012",
        Time = new ReceiptTime(2026, 11, 22, 22, 0, 5),
        Totals = new[]
        {
            new SettlementTotal { Channel = PaymentScheme.WeChat, SaleCount = 42, SaleFen = 3_456_78, RefundCount = 1, RefundFen = 12_00 },
            new SettlementTotal { Channel = PaymentScheme.Alipay, SaleCount = 17, SaleFen = 987_65, RefundCount = 0, RefundFen = 0 },
            new SettlementTotal { Channel = PaymentScheme.UnionPay, SaleCount = 3, SaleFen = 45_00, RefundCount = 0, RefundFen = 0 },
        },
        Balanced = true,
    };

    /// <summary>Every sample as (name, ESC/POS bytes), in a fixed order.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> All()
    {
        var composer = new ReceiptComposer(new ReceiptConfig { TerminalSerial = "PF58-2026-000123" });
        var list = new List<(string, byte[])>();
        void Add(string name, bool ok)
        {
            if (!ok)
            {
                throw new InvalidOperationException("sample receipt did not fit: " + name);
            }
            list.Add((name, composer.Writer.ToArray()));
        }
        Add("sale-merchant", composer.ComposeSale(Sale(), ReceiptCopy.Merchant, reprint: false));
        Add("sale-customer", composer.ComposeSale(Sale(), ReceiptCopy.Customer, reprint: false));
        Add("sale-reprint", composer.ComposeSale(Sale(), ReceiptCopy.Customer, reprint: true));
        Add("sale-wallet-merchant", composer.ComposeSale(WalletSale(), ReceiptCopy.Merchant, reprint: false));
        Add("sale-wallet-customer", composer.ComposeSale(WalletSale(), ReceiptCopy.Customer, reprint: false));
        Add("refund-merchant", composer.ComposeRefund(Refund(), ReceiptCopy.Merchant, reprint: false));
        Add("void-merchant", composer.ComposeVoid(Void(), ReceiptCopy.Merchant, reprint: false));
        Add("decline", composer.ComposeDecline(Decline()));
        Add("reversal-failed", composer.ComposeReversalFailed(ReversalFailed()));
        Add("settlement", composer.ComposeSettlement(Settlement()));
        return list;
    }

    /// <summary>
    /// Writes every sample as NAME.bin (ESC/POS) and NAME.png, printed through the full path (interpreter,
    /// driver, head model of the primary mechanism), into folder; returns how many.
    /// </summary>
    public static int WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        int count = 0;
        foreach (var (name, bytes) in All())
        {
            File.WriteAllBytes(Path.Combine(folder, name + ".bin"), bytes);
            var renderer = new HeadRenderer();
            renderer.Print(bytes);
            renderer.SavePng(Path.Combine(folder, name + ".png"));
            count++;
        }
        return count;
    }
}
