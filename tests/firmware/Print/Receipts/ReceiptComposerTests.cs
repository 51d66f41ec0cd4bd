using System.Text;
using PosFirmware.Emulator.Printing;
using PosFirmware.Tests.TestSupport;

using Xunit;
using PosFirmware.Print;
using PosFirmware.Print.Receipts;
using PosFirmware.Printing;

namespace PosFirmware.Tests.Firmware.Print.Receipts;

/// <summary>
/// The receipts as printed through the head model: golden images of every kind, zbar reading the QR and CODE128 on the sale
/// receipts, the marks that tell copies and reprints apart, and the amounts and limits.
/// </summary>
public class ReceiptComposerTests
{
    public static TheoryData<string> Kinds() => new(SampleReceipts.All().Select(s => s.Name));

    private static readonly Dictionary<string, (byte[] Pixels, int Width, int Height, PrintJobResult Result, int Violations)> Printed = new();

    /// <summary>
    /// A sample receipt printed through the full path (interpreter, LTPD245C driver, head and paper models),
    /// once per test run; the head model prints exact black and white at room temperature, so it is golden.
    /// </summary>
    private static (byte[] Pixels, int Width, int Height, PrintJobResult Result, int Violations) PrintOnHead(string kind)
    {
        lock (Printed)
        {
            if (!Printed.TryGetValue(kind, out var printed))
            {
                var renderer = new HeadRenderer();
                var r = renderer.Print(SampleReceipts.All().Single(s => s.Name == kind).Bytes);
                var result = new PrintJobResult { Status = r.Status, DotLinesDone = r.DotLinesDone, UnknownCommands = r.UnknownCommands,
                    MalformedCommands = r.MalformedCommands, IgnoredCommands = r.IgnoredCommands, ReplacedCharacters = r.ReplacedCharacters };
                byte[] pixels = renderer.ToPixels(GoldenImage.MarginDots, out int width, out int height);
                printed = (pixels, width, height, result, renderer.Printer.Violations.Count);
                Printed[kind] = printed;
            }
            return printed;
        }
    }

    private static string SavePng(string dir, string kind)
    {
        var printed = PrintOnHead(kind);
        string png = Path.Combine(dir, kind + ".png");
        PosFirmware.Emulator.Imaging.PngWriter.WriteGray(png, printed.Width, printed.Height, printed.Pixels);
        return png;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Receipt_printed_through_the_head_matches_its_golden_image_with_nothing_skipped(string kind)
    {
        var printed = PrintOnHead(kind);
        Assert.True(printed.Result.Status == PrintStatus.Ok);
        Assert.Equal(0, printed.Violations);
        var r = printed.Result;
        Assert.Equal(0, r.UnknownCommands + r.MalformedCommands + r.IgnoredCommands + r.ReplacedCharacters);
        GoldenImage.AssertMatches(GoldenImage.FolderOf(), "receipt-" + kind, printed.Pixels, printed.Width, printed.Height);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Receipt_on_ideal_paper_is_the_same_golden_image(string kind)
    {
        var paper = new EscPosRenderer().Render(SampleReceipts.All().Single(s => s.Name == kind).Bytes, out _);
        GoldenImage.AssertMatches(GoldenImage.FolderOf(), "receipt-" + kind, paper);
    }

    [Fact]
    public void Qr_and_code128_on_every_sale_receipt_read_back_the_transaction_reference()
    {
        string dir = Directory.CreateTempSubdirectory("receipts").FullName;
        var sales = SampleReceipts.All().Where(s => s.Name.StartsWith("sale") && !s.Name.Contains("wallet")).ToList();
        var files = sales.Select(s => SavePng(dir, s.Name)).ToArray();
        var symbols = Zbar.Decode(files);
        var sale = SampleReceipts.Sale();
        string qr = $"QR-Code:POSREF:{sale.ReferenceNumber};TID:{sale.TerminalId};TRACE:{sale.Trace};TIME:20261122101530";
        Assert.Equal(sales.Count, symbols.Count(s => s == qr));
        Assert.Equal(sales.Count, symbols.Count(s => s == "CODE-128:" + sale.ReferenceNumber));
        Assert.Equal(2 * sales.Count, symbols.Count);
    }

    [Fact]
    public void Refund_and_void_slips_carry_the_codes_of_their_own_transaction()
    {
        string dir = Directory.CreateTempSubdirectory("receipts-returns").FullName;
        var symbols = Zbar.Decode(SavePng(dir, "refund-merchant"), SavePng(dir, "void-merchant"));
        var refund = SampleReceipts.Refund().Transaction;
        var voided = SampleReceipts.Void().Transaction;
        Assert.Contains("CODE-128:" + refund.ReferenceNumber, symbols);
        Assert.Contains("CODE-128:" + voided.ReferenceNumber, symbols);
        Assert.Contains($"QR-Code:POSREF:{refund.ReferenceNumber};TID:{refund.TerminalId};TRACE:{refund.Trace};TIME:20261123090500", symbols);
        Assert.Equal(4, symbols.Count);
    }

    [Fact]
    public void Receipts_other_than_transaction_slips_carry_no_codes()
    {
        string dir = Directory.CreateTempSubdirectory("receipts-plain").FullName;
        var files = SampleReceipts.All().Where(s => !s.Name.StartsWith("sale") && !s.Name.StartsWith("refund") && !s.Name.StartsWith("void"))
            .Select(s => SavePng(dir, s.Name)).ToArray();
        Assert.Empty(Zbar.Decode(files));
    }

    private static string Composed(Func<ReceiptComposer, bool> compose, ReceiptConfig? config = null)
    {
        var composer = new ReceiptComposer(config ?? new ReceiptConfig { TerminalSerial = "PF58-2026-000123" });
        Assert.True(compose(composer));
        return Encoding.UTF8.GetString(composer.Writer.ToArray()).Replace("\n", " ");
    }

    [Fact]
    public void Wallet_sale_slip_shows_every_number_refunds_and_disputes_use_and_masks_the_payment_code()
    {
        var sale = SampleReceipts.WalletSale();
        string merchant = Composed(c => c.ComposeSale(sale, ReceiptCopy.Merchant, false));
        foreach (var expected in new[] { sale.WalletTransactionId, sale.MerchantOrderNumber, "1345**********6789", "银联商务", "微信支付 财付通",
            "会员卡 8800123", "95534", "PF58-2026-000123", "持卡人签名/SIGNATURE:", "¥1288.00" })
        {
            Assert.Contains(expected, merchant);
        }
        Assert.DoesNotContain(sale.PayerCode, merchant);
        Assert.DoesNotContain("免签", merchant); // 1288 yuan is above the 1000 yuan no-signature limit
        string customer = Composed(c => c.ComposeSale(sale, ReceiptCopy.Customer, false));
        Assert.DoesNotContain("SIGNATURE", customer);
        Assert.Contains(sale.WalletTransactionId, customer);
    }

    [Theory]
    [InlineData(1000_00, true)]
    [InlineData(1000_01, false)]
    public void The_merchant_copy_says_no_signature_needed_up_to_the_configured_limit(long fen, bool noSignature)
    {
        var sale = SampleReceipts.Sale();
        sale.AmountFen = fen;
        string text = Composed(c => c.ComposeSale(sale, ReceiptCopy.Merchant, false));
        Assert.Equal(noSignature, text.Contains("免签 NO SIGNATURE REQUIRED"));
        Assert.Equal(!noSignature, text.Contains("持卡人签名/SIGNATURE:"));
        string lower = Composed(c => c.ComposeSale(sale, ReceiptCopy.Merchant, false), new ReceiptConfig { NoSignatureLimitFen = 0 });
        Assert.Contains("持卡人签名/SIGNATURE:", lower);
    }

    [Fact]
    public void Refund_void_and_decline_slips_name_the_original_sale_and_the_batch_and_reference()
    {
        var refund = SampleReceipts.Refund();
        string r = Composed(c => c.ComposeRefund(refund, ReceiptCopy.Merchant, false));
        foreach (var expected in new[] { "退货单", "REFUND", "退货/REFUND", refund.OriginalTrace, refund.OriginalReference, refund.OriginalWalletTransactionId!,
            "2026-11-22 10:40:12", refund.Transaction.Trace, refund.Transaction.ReferenceNumber, "¥200.00" })
        {
            Assert.Contains(expected, r);
        }
        var voided = SampleReceipts.Void();
        string v = Composed(c => c.ComposeVoid(voided, ReceiptCopy.Customer, true));
        foreach (var expected in new[] { "撤销单", "VOID", "撤销/VOID", voided.OriginalTrace, voided.OriginalReference, "重打印 REPRINT", "¥12.34" })
        {
            Assert.Contains(expected, v);
        }
        var decline = SampleReceipts.Decline();
        string d = Composed(c => c.ComposeDecline(decline));
        Assert.Contains("批次号/BATCH", d);
        Assert.Contains(decline.Batch!, d);
        Assert.Contains(decline.ReferenceNumber!, d);
    }

    [Theory]
    [InlineData("134567890123456789", "1345**********6789")]
    [InlineData("12345678", "******78")]
    [InlineData("12", "**")]
    [InlineData("", "")]
    public void Payment_codes_are_masked_but_for_their_ends(string code, string masked)
    {
        Assert.Equal(masked, ReceiptComposer.Mask(code));
    }

    [Fact]
    public void Copies_and_reprints_are_marked_in_chinese_and_english()
    {
        var composer = new ReceiptComposer(new ReceiptConfig());
        string Text(ReceiptCopy copy, bool reprint)
        {
            Assert.True(composer.ComposeSale(SampleReceipts.Sale(), copy, reprint));
            return Encoding.UTF8.GetString(composer.Writer.ToArray());
        }
        string merchant = Text(ReceiptCopy.Merchant, false);
        string customer = Text(ReceiptCopy.Customer, false);
        string reprinted = Text(ReceiptCopy.Merchant, true);
        Assert.Contains("商户存根 MERCHANT COPY", merchant);
        Assert.DoesNotContain("CUSTOMER", merchant);
        Assert.Contains("持卡人存根 CUSTOMER COPY", customer);
        Assert.DoesNotContain("REPRINT", merchant + customer);
        Assert.Contains("重打印 REPRINT", reprinted);
    }

    [Fact]
    public void Reversal_failed_notice_says_what_to_do_and_shows_the_ids_trace_amount_and_time()
    {
        var composer = new ReceiptComposer(new ReceiptConfig());
        var notice = SampleReceipts.ReversalFailed();
        Assert.True(composer.ComposeReversalFailed(notice));
        string text = Encoding.UTF8.GetString(composer.Writer.ToArray()).Replace("\n", " "); // paragraphs wrap
        foreach (var expected in new[] { "冲正失败", "REVERSAL FAILED", "DO NOT TAKE PAYMENT AGAIN", "CALL THE ACQUIRER", notice.MerchantId,
            notice.TerminalId, notice.Trace, "¥58.50", "58.50 CNY", "2026-11-22 10:21:45", notice.AcquirerPhone })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void Settlement_totals_are_summed_per_channel_and_overall()
    {
        var composer = new ReceiptComposer(new ReceiptConfig());
        var summary = SampleReceipts.Settlement();
        Assert.True(composer.ComposeSettlement(summary));
        string text = Encoding.UTF8.GetString(composer.Writer.ToArray());
        long net = summary.Totals.Sum(t => t.SaleFen - t.RefundFen);
        Assert.Contains(Money.Yuan(net), text);
        Assert.Contains("消费合计/SALES 62", text);
        Assert.Contains("对账平 BALANCED", text);
        summary.Balanced = false;
        Assert.True(composer.ComposeSettlement(summary));
        Assert.Contains("NOT BALANCED", Encoding.UTF8.GetString(composer.Writer.ToArray()));
    }

    [Theory]
    [InlineData(0L, "¥0.00", "0.00 CNY")]
    [InlineData(5L, "¥0.05", "0.05 CNY")]
    [InlineData(1234L, "¥12.34", "12.34 CNY")]
    [InlineData(-1234L, "-¥12.34", "-12.34 CNY")]
    [InlineData(100_000_000_00L, "¥100000000.00", "100000000.00 CNY")]
    [InlineData(long.MaxValue, "¥92233720368547758.07", "92233720368547758.07 CNY")]
    [InlineData(long.MinValue, "-¥92233720368547758.08", "-92233720368547758.08 CNY")]
    public void Amounts_in_fen_format_as_yuan_and_cny(long fen, string yuan, string cny)
    {
        Assert.Equal(yuan, Money.Yuan(fen));
        Assert.Equal(cny, Money.Cny(fen));
    }

    [Fact]
    public void A_receipt_that_does_not_fit_the_buffer_is_refused()
    {
        var composer = new ReceiptComposer(new ReceiptConfig { MaxReceiptBytes = 300 });
        Assert.False(composer.ComposeSale(SampleReceipts.Sale(), ReceiptCopy.Merchant, false));
        Assert.True(composer.Writer.Overflowed);
    }

    [Fact]
    public void Every_label_prints_with_the_level1_device_font()
    {
        // Merchant names may use level-2 hanzi; the terminal's own labels must not.
        var renderer = new EscPosRenderer(font: PrinterFonts.Open(PrinterFonts.Level1Gb2312));
        var composer = new ReceiptComposer(new ReceiptConfig());
        var sale = SampleReceipts.Sale();
        sale.MerchantName = "TEST SHOP";
        var decline = SampleReceipts.Decline();
        decline.MerchantName = "TEST SHOP";
        var reversal = SampleReceipts.ReversalFailed();
        reversal.MerchantName = "TEST SHOP";
        var settlement = SampleReceipts.Settlement();
        settlement.MerchantName = "TEST SHOP";
        foreach (var compose in new Func<bool>[]
        {
            () => composer.ComposeSale(sale, ReceiptCopy.Merchant, true),
            () => composer.ComposeSale(sale, ReceiptCopy.Customer, false),
            () => composer.ComposeDecline(decline),
            () => composer.ComposeReversalFailed(reversal),
            () => { settlement.Balanced = false; return composer.ComposeSettlement(settlement); },
        })
        {
            Assert.True(compose());
            renderer.Render(composer.Writer.ToArray(), out var result);
            Assert.Equal(0, result.ReplacedCharacters);
        }
    }

    [Fact]
    public void Long_merchant_names_and_reasons_wrap_and_are_cut_at_the_field_limit()
    {
        var composer = new ReceiptComposer(new ReceiptConfig { MaxFieldChars = 40 });
        var sale = SampleReceipts.Sale();
        sale.MerchantName = new string('商', 100);
        Assert.True(composer.ComposeSale(sale, ReceiptCopy.Merchant, false));
        string text = Encoding.UTF8.GetString(composer.Writer.ToArray());
        Assert.Contains(new string('商', 16) + "\n" + new string('商', 16) + "\n" + new string('商', 8) + "\n", text);
        Assert.DoesNotContain(new string('商', 41), text.Replace("\n", ""));
    }
}
