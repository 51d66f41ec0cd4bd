using PosFirmware.Printing.Receipts;

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
        Channel = PaymentChannel.WeChatPay,
        Batch = "000012",
        Trace = "000345",
        ReferenceNumber = "632611223045",
        AuthCode = "A1B2C3",
        AmountFen = 12_34,
        Time = new ReceiptTime(2026, 11, 22, 10, 15, 30),
    };

    /// <summary>A declined sale.</summary>
    public static DeclineReceipt Decline() => new()
    {
        MerchantName = "深圳市南山区星光便利店",
        MerchantId = "898440358120001",
        TerminalId = "10020031",
        Channel = PaymentChannel.Alipay,
        Trace = "000346",
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
            new SettlementTotal { Channel = PaymentChannel.WeChatPay, SaleCount = 42, SaleFen = 3_456_78, RefundCount = 1, RefundFen = 12_00 },
            new SettlementTotal { Channel = PaymentChannel.Alipay, SaleCount = 17, SaleFen = 987_65, RefundCount = 0, RefundFen = 0 },
            new SettlementTotal { Channel = PaymentChannel.UnionPay, SaleCount = 3, SaleFen = 45_00, RefundCount = 0, RefundFen = 0 },
        },
        Balanced = true,
    };

    /// <summary>Every sample as (name, ESC/POS bytes), in a fixed order.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> All()
    {
        var composer = new ReceiptComposer(new ReceiptConfig());
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
