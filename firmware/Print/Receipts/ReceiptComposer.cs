using PosFirmware.Print.Codes;
using PosFirmware.Scanner;

namespace PosFirmware.Print.Receipts
{
    /// <summary>
    /// Composes the terminal's receipts as ESC/POS streams (into Writer): sale (merchant and customer
    /// copy, optionally marked as a reprint), decline, reversal-failed notice and settlement summary.
    /// Labels are bilingual (Chinese / English); layout is 32 columns of font A. Every sale carries its
    /// reference number as a QR code and as CODE128 so a printed receipt leads back to the transaction.
    /// Each Compose method starts a new stream and returns false if it did not fit (nothing to print).
    /// </summary>
    public sealed class ReceiptComposer
    {
        private readonly ReceiptConfig _config;
        private readonly EscPosWriter _writer;

        /// <summary>Allocates the stream buffer.</summary>
        public ReceiptComposer(ReceiptConfig config)
        {
            _config = config;
            _writer = new EscPosWriter(config.MaxReceiptBytes);
        }

        /// <summary>The last composed stream.</summary>
        public EscPosWriter Writer
        {
            get { return _writer; }
        }

        /// <summary>The sale receipt. A reprint carries 重打印 / REPRINT under the title.</summary>
        public bool ComposeSale(SaleReceipt sale, ReceiptCopy copy, bool reprint)
        {
            Begin();
            Title("签购单", "SALE RECEIPT");
            CopyMark(copy, reprint);
            TransactionBody(sale, "消费/SALE");
            Amount("金额/AMOUNT", sale.AmountFen);
            Rule();
            TraceCodes(sale);
            Foot(sale, copy);
            return End();
        }

        /// <summary>The refund slip (退货): the amount given back and the sale it refunds.</summary>
        public bool ComposeRefund(ReturnReceipt refund, ReceiptCopy copy, bool reprint)
        {
            return ComposeReturn(refund, copy, reprint, "退货单", "REFUND", "退货/REFUND");
        }

        /// <summary>The void slip (撤销): the same-day cancellation of a sale in the open batch.</summary>
        public bool ComposeVoid(ReturnReceipt voided, ReceiptCopy copy, bool reprint)
        {
            return ComposeReturn(voided, copy, reprint, "撤销单", "VOID", "撤销/VOID");
        }

        private bool ComposeReturn(ReturnReceipt slip, ReceiptCopy copy, bool reprint, string title, string english, string type)
        {
            Begin();
            Title(title, english);
            CopyMark(copy, reprint);
            TransactionBody(slip.Transaction, type);
            Field("原凭证号/ORIG TRACE", slip.OriginalTrace);
            Field("原参考号/ORIG REF", slip.OriginalReference);
            OptionalField("原交易单号/ORIG TXN", slip.OriginalWalletTransactionId);
            Field("原交易时间/ORIG TIME", slip.OriginalTime.Format());
            Rule();
            Amount("退款金额/AMOUNT", slip.Transaction.AmountFen);
            Rule();
            TraceCodes(slip.Transaction);
            Foot(slip.Transaction, copy);
            return End();
        }

        private void CopyMark(ReceiptCopy copy, bool reprint)
        {
            _writer.Align(1);
            _writer.Line(copy == ReceiptCopy.Merchant ? "商户存根 MERCHANT COPY" : "持卡人存根 CUSTOMER COPY");
            if (reprint)
            {
                ReprintMark();
            }
            _writer.Align(0);
            Rule();
        }

        /// <summary>Merchant, who paid how, and every number the acquirer, the wallet and the merchant look the transaction up by.</summary>
        private void TransactionBody(SaleReceipt sale, string type)
        {
            MerchantBlock(sale.MerchantName, sale.MerchantId, sale.TerminalId);
            Field("操作员/OPER", sale.OperatorId);
            OptionalField("收单机构/ACQUIRER", sale.AcquirerName);
            OptionalField("发卡/钱包/ISSUER", sale.IssuerName);
            Field("支付方式/PAY", ChannelName(sale.Channel));
            if (sale.PayerCode != null && sale.PayerCode.Length > 0)
            {
                Field("付款码/PAY CODE", Mask(sale.PayerCode));
            }
            Field("交易类型/TYPE", type);
            Field("批次号/BATCH", sale.Batch);
            Field("凭证号/TRACE", sale.Trace);
            Field("参考号/REF", sale.ReferenceNumber);
            OptionalField("授权码/AUTH", sale.AuthCode);
            OptionalField("交易单号/TXN NO", sale.WalletTransactionId);
            OptionalField("商户订单号/ORDER", sale.MerchantOrderNumber);
            Field("时间/TIME", sale.Time.Format());
            Rule();
        }

        /// <summary>Remarks, then the signature line or the 免签 note (merchant copy), then hotline and terminal serial.</summary>
        private void Foot(SaleReceipt sale, ReceiptCopy copy)
        {
            if (sale.Remarks != null && sale.Remarks.Length > 0)
            {
                _writer.Line("备注/REMARKS:");
                Wrapped(Clip(sale.Remarks));
                Rule();
            }
            if (copy == ReceiptCopy.Customer)
            {
                _writer.Align(1);
                _writer.Line("请妥善保管 PLEASE KEEP");
                _writer.Align(0);
            }
            else if (sale.AmountFen <= _config.NoSignatureLimitFen)
            {
                _writer.Align(1);
                _writer.Bold(true);
                _writer.Line("免签 NO SIGNATURE REQUIRED");
                _writer.Bold(false);
                _writer.Align(0);
            }
            else
            {
                Wrapped("本人确认以上交易 I CONFIRM THE ABOVE TRANSACTION");
                _writer.FeedDots(24);
                _writer.Line("持卡人签名/SIGNATURE:");
                _writer.FeedDots(48);
                Rule();
            }
            if (_config.ServiceHotline != null && _config.ServiceHotline.Length > 0)
            {
                Field("客服热线/HOTLINE", _config.ServiceHotline);
            }
            if (_config.TerminalSerial != null && _config.TerminalSerial.Length > 0)
            {
                Field("终端序列号/SN", _config.TerminalSerial);
            }
        }

        private void OptionalField(string label, string value)
        {
            if (value != null && value.Length > 0)
            {
                Field(label, value);
            }
        }

        /// <summary>
        /// A payment code or account with all but its first 4 and last 4 characters starred, as slips print card
        /// numbers; codes of 8 characters or fewer keep only their last 2.
        /// </summary>
        public static string Mask(string code)
        {
            if (code == null)
            {
                return "";
            }
            int keepFirst = code.Length > 8 ? 4 : 0;
            int keepLast = code.Length > 8 ? 4 : (code.Length > 2 ? 2 : 0);
            var chars = new char[code.Length];
            for (int i = 0; i < code.Length; i++)
            {
                chars[i] = i < keepFirst || i >= code.Length - keepLast ? code[i] : '*';
            }
            return new string(chars);
        }

        /// <summary>The decline slip: no money was taken, ask for another way to pay.</summary>
        public bool ComposeDecline(DeclineReceipt decline)
        {
            Begin();
            Title("交易失败", "DECLINED");
            Rule();
            MerchantBlock(decline.MerchantName, decline.MerchantId, decline.TerminalId);
            Field("支付方式/PAY", ChannelName(decline.Channel));
            OptionalField("批次号/BATCH", decline.Batch);
            Field("凭证号/TRACE", decline.Trace);
            OptionalField("参考号/REF", decline.ReferenceNumber);
            Field("应答码/CODE", decline.ResponseCode);
            Field("时间/TIME", decline.Time.Format());
            Field("金额/AMOUNT", Money.Yuan(decline.AmountFen));
            Rule();
            _writer.Line("原因/REASON:");
            Wrapped(Clip(decline.Reason));
            Rule();
            Wrapped("交易未成功，请顾客更换支付方式。");
            Wrapped("NOT PAID. ASK FOR ANOTHER WAY TO PAY.");
            return End();
        }

        /// <summary>
        /// The reversal-failed notice for the merchant: the customer may have been charged for a sale the
        /// terminal could not complete nor cancel. Says what to do and gives what the acquirer will ask for.
        /// </summary>
        public bool ComposeReversalFailed(ReversalFailedNotice notice)
        {
            Begin();
            _writer.Align(1);
            _writer.Reverse(true);
            _writer.Size(2, 2);
            _writer.Line(" 冲正失败 ");
            _writer.Size(1, 1);
            _writer.Line(" REVERSAL FAILED ");
            _writer.Reverse(false);
            _writer.Align(0);
            Rule();
            Wrapped("顾客可能已被扣款。请勿让顾客重复付款；请致电收单机构，提供以下信息核实并处理。");
            Wrapped("THE CUSTOMER MAY HAVE BEEN CHARGED. DO NOT TAKE PAYMENT AGAIN. CALL THE ACQUIRER WITH THE DETAILS BELOW TO CONFIRM OR REFUND.");
            Rule();
            MerchantBlock(notice.MerchantName, notice.MerchantId, notice.TerminalId);
            Field("批次号/BATCH", notice.Batch);
            Field("凭证号/TRACE", notice.Trace);
            if (notice.ReferenceNumber != null && notice.ReferenceNumber.Length > 0)
            {
                Field("参考号/REF", notice.ReferenceNumber);
            }
            Field("时间/TIME", notice.Time.Format());
            Field("冲正次数/TRIES", notice.Attempts.ToString());
            Amount("金额/AMOUNT", notice.AmountFen);
            if (notice.AcquirerPhone != null && notice.AcquirerPhone.Length > 0)
            {
                Rule();
                Field("客服电话/PHONE", notice.AcquirerPhone);
            }
            Rule();
            Wrapped("请保留此单据 KEEP THIS NOTICE");
            return End();
        }

        /// <summary>The settlement summary: per-channel counts and amounts, totals and whether they balanced.</summary>
        public bool ComposeSettlement(SettlementSummary summary)
        {
            Begin();
            Title("结算单", "SETTLEMENT");
            Rule();
            MerchantBlock(summary.MerchantName, summary.MerchantId, summary.TerminalId);
            Field("操作员/OPER", summary.OperatorId);
            Field("批次号/BATCH", summary.Batch);
            Field("时间/TIME", summary.Time.Format());
            Rule();
            int saleCount = 0;
            long saleFen = 0;
            int refundCount = 0;
            long refundFen = 0;
            SettlementTotal[] totals = summary.Totals;
            int n = totals == null ? 0 : totals.Length;
            for (int i = 0; i < n; i++)
            {
                SettlementTotal t = totals[i];
                if (t == null)
                {
                    continue;
                }
                _writer.Bold(true);
                _writer.Line(ChannelName(t.Channel));
                _writer.Bold(false);
                Field("  消费/SALES " + t.SaleCount.ToString(), Money.Yuan(t.SaleFen));
                Field("  退货/REFUNDS " + t.RefundCount.ToString(), Money.Yuan(t.RefundFen));
                saleCount += t.SaleCount;
                saleFen += t.SaleFen;
                refundCount += t.RefundCount;
                refundFen += t.RefundFen;
            }
            Rule();
            Field("消费合计/SALES " + saleCount.ToString(), Money.Yuan(saleFen));
            Field("退货合计/REFUNDS " + refundCount.ToString(), Money.Yuan(refundFen));
            Amount("净额/NET", saleFen - refundFen);
            Rule();
            _writer.Align(1);
            _writer.Bold(true);
            if (summary.Balanced)
            {
                _writer.Line("对账平 BALANCED");
            }
            else
            {
                _writer.Reverse(true);
                _writer.Line(" 对账不平 NOT BALANCED ");
                _writer.Reverse(false);
            }
            _writer.Bold(false);
            _writer.Align(0);
            if (summary.Unresolved != null && summary.Unresolved.Length > 0)
            {
                Rule();
                _writer.Line("未决交易/UNRESOLVED " + summary.Unresolved.Length.ToString());
                for (int i = 0; i < summary.Unresolved.Length; i++)
                {
                    _writer.Line(Clip(summary.Unresolved[i]));
                }
                Wrapped("请与收单机构核实 CONFIRM WITH THE ACQUIRER");
            }
            return End();
        }

        // ---- Building blocks ----------------------------------------------------------------------

        private void Begin()
        {
            _writer.Reset();
            _writer.Initialise();
        }

        private bool End()
        {
            _writer.FeedDots(32);
            _writer.TearOff();
            return !_writer.Overflowed;
        }

        private void Title(string chinese, string english)
        {
            _writer.Align(1);
            _writer.Bold(true);
            _writer.Size(2, 2);
            _writer.Line(chinese);
            _writer.Size(1, 1);
            _writer.Line(english);
            _writer.Bold(false);
            _writer.Align(0);
        }

        private void ReprintMark()
        {
            _writer.Reverse(true);
            _writer.Bold(true);
            _writer.Line(" 重打印 REPRINT ");
            _writer.Bold(false);
            _writer.Reverse(false);
        }

        private void Rule()
        {
            string dashes = "--------------------------------------------------------------------------------";
            int n = _config.LineColumns < dashes.Length ? _config.LineColumns : dashes.Length;
            _writer.Line(dashes.Substring(0, n));
        }

        private void MerchantBlock(string name, string merchantId, string terminalId)
        {
            _writer.Line("商户名称/MERCHANT:");
            _writer.Bold(true);
            Wrapped(Clip(name));
            _writer.Bold(false);
            Field("商户编号/MID", merchantId);
            Field("终端编号/TID", terminalId);
        }

        private void Amount(string label, long fen)
        {
            _writer.Line(label);
            _writer.Align(2);
            _writer.Bold(true);
            _writer.Size(2, 2);
            _writer.Line(Money.Yuan(fen));
            _writer.Size(1, 1);
            _writer.Bold(false);
            _writer.Line(Money.Cny(fen));
            _writer.Align(0);
        }

        private void TraceCodes(SaleReceipt sale)
        {
            // The QR names the transaction the way the acquirer's back office looks it up.
            string reference = "POSREF:" + Clip(sale.ReferenceNumber) + ";TID:" + Clip(sale.TerminalId)
                + ";TRACE:" + Clip(sale.Trace) + ";TIME:" + sale.Time.Compact();
            _writer.Align(1);
            _writer.FeedDots(16);
            _writer.QrCode(reference, _config.QrModuleDots, QrErrorLevel.M);
            _writer.FeedDots(24);
            if (sale.ReferenceNumber != null && sale.ReferenceNumber.Length > 0)
            {
                _writer.Code128Barcode(Clip(sale.ReferenceNumber), _config.BarcodeModuleDots, _config.BarcodeHeightDots);
                _writer.FeedDots(16);
            }
            _writer.Align(0);
        }

        /// <summary>Label on the left, value on the right; if both do not fit, the value goes on its own line.</summary>
        private void Field(string label, string value)
        {
            value = Clip(value);
            int labelColumns = Columns(label);
            int valueColumns = Columns(value);
            int width = _config.LineColumns;
            _writer.Text(label);
            if (labelColumns + 1 + valueColumns > width)
            {
                _writer.LineFeed();
                labelColumns = 0;
                if (valueColumns > width)
                {
                    Wrapped(value);
                    return;
                }
            }
            for (int i = labelColumns + valueColumns; i < width; i++)
            {
                _writer.Text(" ");
            }
            _writer.Line(value);
        }

        /// <summary>Prints text over as many lines as it needs, breaking Latin text at spaces and CJK anywhere.</summary>
        private void Wrapped(string text)
        {
            text = text == null ? "" : text;
            int width = _config.LineColumns;
            int lineStart = 0;
            int used = 0;
            int lastSpace = -1;
            int i = 0;
            // Each pass consumes a character or emits a line that consumed at least one: ends within 2n passes.
            for (int guard = 0; i < text.Length && guard < 2 * text.Length + 2; guard++)
            {
                char c = text[i];
                int w = IsWide(c) ? 2 : 1;
                if (used + w > width)
                {
                    int breakAt = (lastSpace > lineStart && !IsWide(c)) ? lastSpace : i;
                    _writer.Line(text.Substring(lineStart, breakAt - lineStart));
                    lineStart = breakAt;
                    while (lineStart < text.Length && text[lineStart] == ' ')
                    {
                        lineStart++;
                    }
                    i = lineStart;
                    used = 0;
                    lastSpace = -1;
                    continue;
                }
                if (c == ' ')
                {
                    lastSpace = i;
                }
                used += w;
                i++;
            }
            if (lineStart < text.Length)
            {
                _writer.Line(text.Substring(lineStart));
            }
            else if (text.Length == 0)
            {
                _writer.LineFeed();
            }
        }

        private string Clip(string text)
        {
            if (text == null)
            {
                return "";
            }
            return text.Length > _config.MaxFieldChars ? text.Substring(0, _config.MaxFieldChars) : text;
        }

        private static string ChannelName(PaymentScheme channel)
        {
            switch (channel)
            {
                case PaymentScheme.WeChat: return "微信支付 WECHAT";
                case PaymentScheme.Alipay: return "支付宝 ALIPAY";
                default: return "银联 UNIONPAY";
            }
        }

        /// <summary>Columns a string takes: full-width (CJK) characters take two.</summary>
        public static int Columns(string text)
        {
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                n += IsWide(text[i]) ? 2 : 1;
            }
            return n;
        }

        /// <summary>True for characters printed with 16-dot (full-width) glyphs.</summary>
        public static bool IsWide(char c)
        {
            return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6);
        }
    }
}
