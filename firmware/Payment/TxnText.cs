namespace PosFirmware.Payment
{
    /// <summary>Short names of transaction states for the 20-column display and the logs.</summary>
    public static class TxnText
    {
        /// <summary>Four letters for a record's state; an approved sale with its receipt owed shows RCPT.</summary>
        public static string Short(TxnRecord record)
        {
            switch (record.State)
            {
                case TxnState.Prepared: return "SENT";
                case TxnState.UserPaying: return "PAYG";
                case TxnState.Approved:
                    return record.Receipt == ReceiptState.Pending || record.Receipt == ReceiptState.Started ? "RCPT" : "APPR";
                case TxnState.Declined: return "DECL";
                case TxnState.NotSent: return "NSNT";
                case TxnState.ReversalPending: return "RVPD";
                case TxnState.Reversed: return "RVSD";
                case TxnState.Unresolved: return "UNRS";
                default: return "CLRD";
            }
        }

        /// <summary>The state's name in words.</summary>
        public static string Name(TxnState state)
        {
            switch (state)
            {
                case TxnState.Prepared: return "prepared";
                case TxnState.UserPaying: return "user paying";
                case TxnState.Approved: return "approved";
                case TxnState.Declined: return "declined";
                case TxnState.NotSent: return "not sent";
                case TxnState.ReversalPending: return "reversal pending";
                case TxnState.Reversed: return "reversed";
                case TxnState.Unresolved: return "unresolved";
                default: return "cleared";
            }
        }

        /// <summary>"000123   12.34 APPR": trace, amount in yuan, state (20 columns).</summary>
        public static string ListLine(TxnRecord record)
        {
            string amount = Yuan(record.AmountFen);
            string line = ReceiptBuilder.Digits(record.Trace) + " ";
            int pad = 20 - line.Length - amount.Length - 5;
            for (int i = 0; i < pad; i++)
            {
                line += " ";
            }
            return line + amount + " " + Short(record);
        }

        private static string Yuan(long fen)
        {
            long cents = fen % 100;
            return (fen / 100).ToString() + "." + (cents < 10 ? "0" : "") + cents.ToString();
        }
    }
}
