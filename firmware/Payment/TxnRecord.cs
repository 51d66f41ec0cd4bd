using PosFirmware.Scanner;

namespace PosFirmware.Payment
{
    /// <summary>
    /// One transaction as the journal keeps it: the whole record is written each time it changes, so the
    /// last good copy on the flash is the transaction's state. Keyed by batch and trace.
    /// Strings are never null ("" when unknown).
    /// </summary>
    public sealed class TxnRecord
    {
        /// <summary>Largest payment code kept (wallet codes are 18-19 digits).</summary>
        public const int MaxCodeChars = 32;

        /// <summary>The kind of transaction.</summary>
        public TxnKind Kind;

        /// <summary>Batch number (F60.2) the transaction belongs to.</summary>
        public int Batch;

        /// <summary>System trace audit number (F11), unique within the batch; a reversal reuses it.</summary>
        public int Trace;

        /// <summary>Where it stands.</summary>
        public TxnState State;

        /// <summary>Amount in fen.</summary>
        public long AmountFen;

        /// <summary>The payment scheme the scanner classified.</summary>
        public PaymentScheme Scheme;

        /// <summary>The customer's payment code as scanned (needed to rebuild the original for a reversal).</summary>
        public string Code = "";

        /// <summary>The host's last response code (F39), "" before any answer.</summary>
        public string ResponseCode = "";

        /// <summary>The host's reference number (F37), "" when none was received.</summary>
        public string ReferenceNumber = "";

        /// <summary>The host's authorisation code (F38), "" when none was received.</summary>
        public string AuthCode = "";

        /// <summary>The host's local date and time of the transaction (F13 MMDD + F12 hhmmss), "" when unknown.</summary>
        public string HostDateTime = "";

        /// <summary>The reversal reason (F39 of the 0400): 98 no answer, A0 bad MAC, 06 other/unconfirmed, 17 cancelled.</summary>
        public string ReversalReason = "";

        /// <summary>Reversal attempts made so far (counted before each send, so a reboot never gets a free one).</summary>
        public int ReversalAttempts;

        /// <summary>Status queries sent so far while the customer was paying.</summary>
        public int Queries;

        /// <summary>The receipt owed for an approved sale.</summary>
        public ReceiptState Receipt;

        /// <summary>Receipt copies fully printed so far (the flow prints them in a fixed order).</summary>
        public int CopiesPrinted;

        /// <summary>Why the operator cleared an unresolved record ("" otherwise).</summary>
        public string ClearReason = "";

        /// <summary>Copies every field from another record.</summary>
        public void CopyFrom(TxnRecord other)
        {
            Kind = other.Kind;
            Batch = other.Batch;
            Trace = other.Trace;
            State = other.State;
            AmountFen = other.AmountFen;
            Scheme = other.Scheme;
            Code = other.Code;
            ResponseCode = other.ResponseCode;
            ReferenceNumber = other.ReferenceNumber;
            AuthCode = other.AuthCode;
            HostDateTime = other.HostDateTime;
            ReversalReason = other.ReversalReason;
            ReversalAttempts = other.ReversalAttempts;
            Queries = other.Queries;
            Receipt = other.Receipt;
            CopiesPrinted = other.CopiesPrinted;
            ClearReason = other.ClearReason;
        }

        /// <summary>
        /// True while the record must survive compaction: its outcome is open (a reversal may be owed), it is
        /// unresolved, or its receipt is still owed.
        /// </summary>
        public bool MustKeep
        {
            get
            {
                if (State == TxnState.Prepared || State == TxnState.UserPaying || State == TxnState.ReversalPending || State == TxnState.Unresolved)
                {
                    return true;
                }
                return State == TxnState.Approved && (Receipt == ReceiptState.Pending || Receipt == ReceiptState.Started);
            }
        }

        /// <summary>True when the host may hold a debit for it that is not reversed.</summary>
        public bool MayBeDebited
        {
            get { return State != TxnState.Declined && State != TxnState.NotSent && State != TxnState.Reversed; }
        }
    }
}
