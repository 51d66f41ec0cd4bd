using PosFirmware.Operator;
using PosFirmware.Payment;
using PosFirmware.Print;
using PosFirmware.Print.Receipts;
using PosFirmware.PrintHead;
using PosFirmware.Scanner;

namespace PosFirmware.Terminal
{
    /// <summary>Named limits and periods of the main loop. Every bound the loop has is here.</summary>
    public class TerminalConfig
    {
        /// <summary>The loop's pace while busy: the shortest wait between passes (an input event can end it early).</summary>
        public int LoopPeriodMicros = 1000;

        /// <summary>
        /// The longest the loop sleeps when nothing is due (with a board that has an idle wait): a bound on how
        /// long a missed deadline could go unseen. The heartbeat wakes the loop more often than this anyway.
        /// </summary>
        public int MaxSleepMicros = 1000000;

        /// <summary>Half the heartbeat period: the LED toggles this often while the loop runs.</summary>
        public int HeartbeatHalfPeriodMicros = 250000;

        /// <summary>The file holding the boot record.</summary>
        public string BootRecordFile = "boot.rec";

        /// <summary>The scan engine's profile file on the flash (see drivers/Scanner/Profiles).</summary>
        public string ScannerProfileFile = "scanner.profile";

        /// <summary>The payment-code table file; when missing, the table of docs/payment-codes.md applies.</summary>
        public string PaymentCodeTableFile = "paycodes.table";

        /// <summary>The acquirer's ISO 8583 field table on the flash (firmware/Iso8583/Tables), read by FieldTableLoader.</summary>
        public string FieldTableFile = "cup-pos.fields";

        /// <summary>Largest field-table file read.</summary>
        public int MaxFieldTableBytes = 8192;

        /// <summary>Scanner bounds and timeouts.</summary>
        public ScannerConfig Scanner = new ScannerConfig();

        /// <summary>Operator console bounds.</summary>
        public ConsoleConfig Console = new ConsoleConfig();

        /// <summary>The print-head mechanism's profile on the flash, read when the board does not name one (drivers/PrintHead/Profiles).</summary>
        public string PrintHeadProfileFile = "printhead.profile";

        /// <summary>Largest profile file read (the parser's own text limit).</summary>
        public int MaxPrintHeadProfileBytes = MechanismProfileFile.MaxTextBytes;

        /// <summary>The printer font on the flash (firmware/Print/Fonts/unifont-gb18030.pft, 775 KB: it needs the 2 MB config partition of an 8 MB module).</summary>
        public string PrintFontFile = "font.pft";

        /// <summary>The head board's values and the driver's bounds.</summary>
        public PrintHeadConfig PrintHead = new PrintHeadConfig();

        /// <summary>The print engine's buffers and limits, sized for the device's RAM (QR to version 20).</summary>
        public PrintLimits PrintLimits = PrintLimits.ForTerminal();

        /// <summary>The print queue's job size and retry bounds.</summary>
        public PrintQueueConfig PrintQueue = new PrintQueueConfig();

        /// <summary>The payment flow's identities, timeouts, retries and journal bounds.</summary>
        public PaymentConfig Payment = new PaymentConfig();

        /// <summary>Receipt layout and size bounds.</summary>
        public ReceiptConfig Receipts = new ReceiptConfig();
    }
}
