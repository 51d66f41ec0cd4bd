namespace PosFirmware.Scanner
{
    /// <summary>Every bound and timeout of the scanner path, named in one place.</summary>
    public class ScannerConfig
    {
        /// <summary>
        /// Longest line kept, in bytes. Payment codes are at most 24 digits (Alipay, docs/payment-codes.md);
        /// a longer line is discarded up to its terminator.
        /// </summary>
        public int MaxLineBytes = 32;

        /// <summary>Bytes taken from the serial port per read call.</summary>
        public int ReadChunkBytes = 64;

        /// <summary>
        /// Bytes handled per Poll at most, so a flood of noise cannot hold the loop: 256 bytes is about
        /// 267 ms of wire time at 9600 baud, far more than one loop pass receives.
        /// </summary>
        public int MaxBytesPerPoll = 256;

        /// <summary>
        /// Silence after which an unterminated line is dropped. An engine sends a code back to back
        /// (1.04 ms per byte at 9600 8N1), so 100 ms of silence means the rest is not coming.
        /// </summary>
        public long PartialLineTimeoutMicros = 100000;

        /// <summary>How long a scan stays open for the customer to present a code.</summary>
        public long ScanWindowMicros = 20000000;

        /// <summary>
        /// A code equal to the last accepted one within this time is ignored: a payment code is single-use,
        /// and a continuous engine reports the same phone screen again and again.
        /// </summary>
        public long DuplicateWindowMicros = 5000000;

        /// <summary>
        /// Trigger commands sent in one scan window at most: one per unusable read, and one each time a
        /// trigger's read session has passed with nothing read.
        /// </summary>
        public int MaxTriggersPerScan = 8;

        /// <summary>
        /// In host-triggered mode, a trigger that read nothing is sent again after this long, so a customer
        /// who shows the phone late is still read within the window. A command-triggered engine reads only
        /// for its own read session and then stops; the session length is a setting of the engine whose
        /// factory value is UNCONFIRMED for the GM65, so this repeats well inside any plausible session
        /// (3 s: the 20 s window then takes 7 triggers, within MaxTriggersPerScan).
        /// </summary>
        public long TriggerRepeatMicros = 3000000;

        /// <summary>Largest profile or code-table file read, in bytes.</summary>
        public int MaxConfigFileBytes = 2048;

        /// <summary>Longest command or reply byte sequence in a profile.</summary>
        public int MaxCommandBytes = 32;

        /// <summary>Longest line in a profile or code-table file, in characters.</summary>
        public int MaxConfigLineChars = 160;

        /// <summary>Rules in the payment-code table at most.</summary>
        public int MaxCodeRules = 16;
    }
}
