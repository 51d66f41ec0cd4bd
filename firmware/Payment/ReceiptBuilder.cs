using PosFirmware.Print.Receipts;
using PosFirmware.Scanner;

namespace PosFirmware.Payment
{
    /// <summary>
    /// Turns journal records into the receipt composer's documents: the sale receipt, the decline slip and
    /// the reversal-failed notice all print from what the journal holds, so a reprint after a reboot is the
    /// same receipt.
    /// </summary>
    public sealed class ReceiptBuilder
    {
        private readonly PaymentConfig _config;
        private readonly ReceiptComposer _composer;
        private readonly SaleReceipt _sale = new SaleReceipt();
        private readonly DeclineReceipt _decline = new DeclineReceipt();
        private readonly ReversalFailedNotice _notice = new ReversalFailedNotice();

        /// <summary>Creates the builder over a composer.</summary>
        public ReceiptBuilder(PaymentConfig config, ReceiptComposer composer)
        {
            _config = config;
            _composer = composer;
        }

        /// <summary>The composed bytes (valid after a Compose call returned true).</summary>
        public EscPosWriter Writer
        {
            get { return _composer.Writer; }
        }

        /// <summary>Composes copy number copyIndex (0-based, among the configured copies) of an approved sale.</summary>
        public bool Sale(TxnRecord record, int copyIndex, bool reprint)
        {
            _sale.MerchantName = _config.MerchantName;
            _sale.MerchantId = _config.MerchantId;
            _sale.TerminalId = _config.TerminalId;
            _sale.OperatorId = _config.OperatorId;
            _sale.Channel = record.Scheme;
            _sale.Batch = Digits(record.Batch);
            _sale.Trace = Digits(record.Trace);
            _sale.ReferenceNumber = record.ReferenceNumber;
            _sale.AuthCode = record.AuthCode;
            _sale.AmountFen = record.AmountFen;
            _sale.Time = Time(record.HostDateTime);
            return _composer.ComposeSale(_sale, CopyAt(copyIndex), reprint);
        }

        /// <summary>Composes the decline slip of a declined sale, with the host's reason.</summary>
        public bool Decline(TxnRecord record, string reason)
        {
            _decline.MerchantName = _config.MerchantName;
            _decline.MerchantId = _config.MerchantId;
            _decline.TerminalId = _config.TerminalId;
            _decline.Channel = record.Scheme;
            _decline.Trace = Digits(record.Trace);
            _decline.ResponseCode = record.ResponseCode;
            _decline.Reason = reason;
            _decline.AmountFen = record.AmountFen;
            _decline.Time = Time(record.HostDateTime);
            return _composer.ComposeDecline(_decline);
        }

        /// <summary>Composes the reversal-failed notice of an unresolved record.</summary>
        public bool ReversalFailed(TxnRecord record)
        {
            _notice.MerchantName = _config.MerchantName;
            _notice.MerchantId = _config.MerchantId;
            _notice.TerminalId = _config.TerminalId;
            _notice.Batch = Digits(record.Batch);
            _notice.Trace = Digits(record.Trace);
            _notice.ReferenceNumber = record.ReferenceNumber;
            _notice.AmountFen = record.AmountFen;
            _notice.Time = Time(record.HostDateTime);
            _notice.Attempts = record.ReversalAttempts;
            _notice.AcquirerPhone = _config.AcquirerPhone;
            return _composer.ComposeReversalFailed(_notice);
        }

        /// <summary>
        /// Composes the settlement slip of a batch from the journal: per-channel approved totals, and every
        /// transaction still unresolved or awaiting its reversal (the difference the host may show).
        /// </summary>
        public bool Settlement(Journal journal, int batch, bool balanced)
        {
            SettlementTotal[] totals = new SettlementTotal[PaymentSchemeNames.Count];
            for (int c = 0; c < totals.Length; c++)
            {
                totals[c] = new SettlementTotal();
                totals[c].Channel = (PaymentScheme)c;
            }
            int open = 0;
            for (int i = 0; i < journal.Count; i++)
            {
                TxnRecord r = journal.At(i);
                if (r.Batch == batch && r.State == TxnState.Approved)
                {
                    SettlementTotal t = totals[(int)r.Scheme];
                    t.SaleCount++;
                    t.SaleFen += r.AmountFen;
                }
                if (r.State == TxnState.Unresolved || r.State == TxnState.ReversalPending)
                {
                    open++;
                }
            }
            string[] unresolved = new string[open];
            open = 0;
            for (int i = 0; i < journal.Count; i++)
            {
                TxnRecord r = journal.At(i);
                if (r.State == TxnState.Unresolved || r.State == TxnState.ReversalPending)
                {
                    unresolved[open++] = Digits(r.Batch) + "/" + Digits(r.Trace) + " " + Money.Yuan(r.AmountFen) + " " + TxnText.Short(r);
                }
            }
            SettlementSummary summary = new SettlementSummary();
            summary.MerchantName = _config.MerchantName;
            summary.MerchantId = _config.MerchantId;
            summary.TerminalId = _config.TerminalId;
            summary.OperatorId = _config.OperatorId;
            summary.Batch = Digits(batch);
            summary.Time = new ReceiptTime(_config.ReceiptYear, 1, 1, 0, 0, 0);
            summary.Totals = totals;
            summary.Balanced = balanced;
            summary.Unresolved = unresolved;
            return _composer.ComposeSettlement(summary);
        }

        /// <summary>The copy printed at a position: merchant first when both are configured.</summary>
        public ReceiptCopy CopyAt(int copyIndex)
        {
            if (_config.PrintMerchantCopy && copyIndex == 0)
            {
                return ReceiptCopy.Merchant;
            }
            return ReceiptCopy.Customer;
        }

        /// <summary>A trace or batch number as its six printed digits.</summary>
        public static string Digits(int number)
        {
            string text = number.ToString();
            while (text.Length < 6)
            {
                text = "0" + text;
            }
            return text;
        }

        // F13 (MMDD) and F12 (hhmmss) carry no year: the configured one is printed with them.
        private ReceiptTime Time(string mmddhhmmss)
        {
            if (mmddhhmmss == null || mmddhhmmss.Length != 10)
            {
                return new ReceiptTime(_config.ReceiptYear, 1, 1, 0, 0, 0);
            }
            return new ReceiptTime(_config.ReceiptYear, Two(mmddhhmmss, 0), Two(mmddhhmmss, 2), Two(mmddhhmmss, 4), Two(mmddhhmmss, 6), Two(mmddhhmmss, 8));
        }

        private static int Two(string text, int at)
        {
            int high = text[at] - '0';
            int low = text[at + 1] - '0';
            if (high < 0 || high > 9 || low < 0 || low > 9)
            {
                return 0;
            }
            return high * 10 + low;
        }
    }
}
