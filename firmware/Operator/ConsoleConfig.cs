namespace PosFirmware.Operator
{
    /// <summary>The operator console's bounds, named in one place.</summary>
    public class ConsoleConfig
    {
        /// <summary>Smallest sale amount, in fen.</summary>
        public long MinAmountFen = 1;

        /// <summary>Largest sale amount, in fen (CNY 5000.00; the acquirer contract sets the real figure).</summary>
        public long MaxAmountFen = 500000;

        /// <summary>Digits the amount field takes at most (9 digits: up to CNY 9,999,999.99).</summary>
        public int MaxAmountDigits = 9;

        /// <summary>Digits of a trace (system trace audit number, ISO 8583 field 11: 6 digits).</summary>
        public int MaxTraceDigits = 6;

        /// <summary>How long a result stays on screen before the console returns to idle.</summary>
        public long ResultHoldMicros = 5000000;

        /// <summary>Requests to the payment flow that can wait at once; further ones are refused.</summary>
        public int RequestQueueCapacity = 4;

        /// <summary>Lines of an unresolved-transaction list kept for scrolling.</summary>
        public int MaxListLines = 16;

        /// <summary>Key presses handled per loop pass at most.</summary>
        public int MaxKeysPerPass = 8;
    }
}
