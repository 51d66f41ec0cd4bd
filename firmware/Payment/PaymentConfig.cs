namespace PosFirmware.Payment
{
    /// <summary>
    /// The payment flow's identities, timeouts, retry bounds and receipt choices. Every wait and every
    /// retry the flow makes is bounded by a value here.
    /// </summary>
    public class PaymentConfig
    {
        /// <summary>Terminal id (F41, 8 characters) as the acquirer issued it.</summary>
        public string TerminalId = "10000001";

        /// <summary>Merchant id (F42, 15 characters) as the acquirer issued it.</summary>
        public string MerchantId = "898100012340001";

        /// <summary>The merchant's name printed on receipts.</summary>
        public string MerchantName = "示例便利店 DEMO SHOP";

        /// <summary>Operator number printed on receipts.</summary>
        public string OperatorId = "01";

        /// <summary>The acquirer's service line printed on the reversal-failed notice.</summary>
        public string AcquirerPhone = "95516";

        /// <summary>
        /// The terminal master key file on the flash (16 bytes, written at key injection). Working keys from
        /// sign-in arrive encrypted under it and are journaled that way; they are decrypted only in RAM.
        /// </summary>
        public string MasterKeyFile = "master.key";

        /// <summary>Connect timeout for the acquirer link (the one call that holds the loop; keep it short).</summary>
        public long ConnectTimeoutMicros = 3000000;

        /// <summary>How long the flow waits for a sale's answer before it reverses (ucCommWaitTime, 30 s default).</summary>
        public long SaleTimeoutMicros = 30000000;

        /// <summary>How long it waits for any other answer (sign-in, query, reversal, settlement, upload).</summary>
        public long ExchangeTimeoutMicros = 15000000;

        /// <summary>How long each loop pass may wait for answer bytes (one receive poll).</summary>
        public long ReceivePollMicros = 1000;

        /// <summary>Gap between status queries while the customer confirms on the phone.</summary>
        public long QueryIntervalMicros = 5000000;

        /// <summary>Most status queries before an unknown "user paying" sale is reversed (9 x 5 s = 45 s).</summary>
        public int MaxQueries = 9;

        /// <summary>Reversal attempts before the record moves to the unresolved list (ucResendTimes + 1 = 3).</summary>
        public int MaxReversalAttempts = 3;

        /// <summary>Wait before the second reversal attempt; doubled for each further one.</summary>
        public long ReversalBackoffMicros = 5000000;

        /// <summary>Longest wait between background reversal attempts.</summary>
        public long MaxReversalBackoffMicros = 60000000;

        /// <summary>Wait before a failed sign-in is tried again.</summary>
        public long SignInRetryMicros = 10000000;

        /// <summary>Wait before a receipt that could not print is tried again (after the print queue gave up).</summary>
        public long ReceiptRetryMicros = 10000000;

        /// <summary>Most 0500 rounds in one settlement (the second comes after a batch upload).</summary>
        public int MaxSettlementRounds = 2;

        /// <summary>Host's answer meaning "the customer must confirm on the phone" (F39).</summary>
        public string UserPayingCode = "09";

        /// <summary>Host answers meaning "sign in again": MAC error and not signed in.</summary>
        public string[] KeyErrorCodes = new string[] { "A0", "97" };

        /// <summary>
        /// Host answers to a 0400 that close the reversal: 00 done (or original not found), 25 already
        /// reversed or closed, 01 the original was declined. Anything else is retried.
        /// </summary>
        public string[] ReversalClosingCodes = new string[] { "00", "25", "01" };

        /// <summary>Reversal reason when no answer came (receive timeout).</summary>
        public string ReasonNoAnswer = "98";

        /// <summary>Reversal reason when the answer's MAC failed.</summary>
        public string ReasonBadMac = "A0";

        /// <summary>Reversal reason when an answer came but did not settle the outcome (and for later tries).</summary>
        public string ReasonUnconfirmed = "06";

        /// <summary>Reversal reason when the operator cancelled while waiting (UNCONFIRMED: acquirers differ; 17 is ISO's customer cancellation).</summary>
        public string ReasonCancelled = "17";

        /// <summary>Print the merchant copy of an approved sale.</summary>
        public bool PrintMerchantCopy = true;

        /// <summary>Print the customer copy of an approved sale.</summary>
        public bool PrintCustomerCopy = true;

        /// <summary>Print a decline slip for a declined sale.</summary>
        public bool PrintDeclineSlip = false;

        /// <summary>The year printed with the host's MMDD (F13 carries none; a device clock would supply it).</summary>
        public int ReceiptYear = 2026;

        /// <summary>Largest ISO 8583 frame in either direction.</summary>
        public int FrameBufferBytes = 2048;

        /// <summary>Most lines in a transaction list on the display.</summary>
        public int MaxListLines = 16;

        /// <summary>The journal's files and bounds.</summary>
        public JournalConfig Journal = new JournalConfig();

        /// <summary>Number of receipt copies an approved sale owes.</summary>
        public int CopiesOwed
        {
            get { return (PrintMerchantCopy ? 1 : 0) + (PrintCustomerCopy ? 1 : 0); }
        }
    }
}
