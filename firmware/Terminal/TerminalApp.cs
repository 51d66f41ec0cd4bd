using PosFirmware.Hal;
using PosFirmware.Iso8583;
using PosFirmware.Operator;
using PosFirmware.Payment;
using PosFirmware.Print;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Scanner;

namespace PosFirmware.Terminal
{
    /// <summary>
    /// The firmware: boot, then one loop at its own pace. Each pass polls every subsystem once, works out
    /// when the next thing is due (heartbeat, console and scanner timers, the payment flow's timeouts and
    /// retries, the print queue's retry; at once while a key or a received byte waits or the motor runs) and
    /// sleeps until then or until an input event, so an idle terminal sleeps instead of spinning. Time and
    /// waits come through the hardware interfaces, so the same code runs on the ESP32 and in virtual time.
    /// </summary>
    public class TerminalApp : IReceiptPrinter
    {
        private readonly TerminalHardware _hw;
        private readonly TerminalConfig _config;
        private long _nextHeartbeatMicros;
        private bool _printFaultShown;
        private PrintStatus _printFaultShownStatus;
        private bool _keysLeft;
        private long _runEndMicros = long.MaxValue;

        /// <summary>Creates the firmware over its hardware and configuration.</summary>
        public TerminalApp(TerminalHardware hardware, TerminalConfig config)
        {
            Check.That(hardware != null && hardware.Clock != null, "hardware has a clock");
            Check.That(config != null && config.LoopPeriodMicros > 0, "loop period is positive");
            Check.That(config.MaxSleepMicros >= config.LoopPeriodMicros, "the longest sleep is at least one loop period");
            _hw = hardware;
            _config = config;
        }

        /// <summary>This boot's number (1 for the first boot of a fresh flash).</summary>
        public uint BootCount;

        /// <summary>True when the boot record was found damaged and restarted.</summary>
        public bool BootRecordWasDamaged;

        /// <summary>Loop passes done since boot.</summary>
        public long Passes;

        /// <summary>Passes whose sleep an input event ended before its deadline.</summary>
        public long EventWakes;

        /// <summary>The operator console (null when the terminal has no display).</summary>
        public OperatorConsole Console;

        /// <summary>The barcode scanner driver (null when absent or its profile could not be loaded).</summary>
        public BarcodeScanner Scanner;

        /// <summary>Why the scanner could not be brought up, or null.</summary>
        public string ScannerError;

        /// <summary>The print-head driver (null when the terminal has no head, or its profile could not be had).</summary>
        public ThermalHeadDriver PrintHeadDriver;

        /// <summary>The print queue (null when the printer could not be brought up; see PrinterError).</summary>
        public PrintQueue Printer;

        /// <summary>Why the printer could not be brought up, or null.</summary>
        public string PrinterError;

        /// <summary>The payment flow (null when the terminal has no network link).</summary>
        public PaymentFlow Payment;

        /// <summary>Receives the payment flow's events before Boot (the emulator's transaction log); may be null.</summary>
        public IPaymentLog PaymentLog;

        /// <summary>Brings the terminal up: counts the boot and starts the heartbeat.</summary>
        public void Boot()
        {
            BootRecord record = new BootRecord(_hw.Store, _config.BootRecordFile);
            BootCount = record.Load() + 1;
            BootRecordWasDamaged = record.WasDamaged;
            record.TrySave(BootCount);
            _hw.StatusLed.Write(true);
            _nextHeartbeatMicros = _hw.Clock.NowMicros + _config.HeartbeatHalfPeriodMicros;
            BootScanner();
            BootPrinter();
            BootConsole();
            BootPayment();
        }

        /// <summary>One pass of the main loop.</summary>
        public void Step()
        {
            long now = _hw.Clock.NowMicros;
            if (now >= _nextHeartbeatMicros)
            {
                _hw.StatusLed.Write(!_hw.StatusLed.Level);
                _nextHeartbeatMicros = now + _config.HeartbeatHalfPeriodMicros;
            }
            PollConsole(now);
            if (Payment != null)
            {
                Payment.Step();
            }
            PollPrinter();
            Passes++;
            Sleep();
        }

        /// <summary>
        /// When the loop next has something to do if no input event comes: the earliest due time of every
        /// subsystem (nowMicros or earlier: work is waiting).
        /// </summary>
        public long NextDueMicros(long nowMicros)
        {
            bool scanOrphaned = Scanner != null && Console != null && Scanner.Scanning && Console.Screen != ConsoleScreen.Scanning;
            if (_keysLeft || scanOrphaned || (PrintHeadDriver != null && PrintHeadDriver.MotorEnergized))
            {
                // Keys beyond one pass's share wait in the queue; a scan whose screen the flow took is stopped by
                // the next pass; a running motor is stopped by Service once idle.
                return nowMicros;
            }
            long due = _nextHeartbeatMicros;
            if (Console != null)
            {
                due = Earlier(due, Console.NextDueMicros());
            }
            if (Scanner != null)
            {
                due = Earlier(due, Scanner.NextDueMicros(nowMicros));
            }
            if (Payment != null)
            {
                due = Earlier(due, Payment.NextDueMicros(nowMicros));
            }
            if (Printer != null)
            {
                due = Earlier(due, Printer.NextTryMicros);
            }
            return due;
        }

        // At least one loop period (the pace a busy loop keeps), at most MaxSleepMicros; an input event ends it
        // early. Without an idle wait on the board, the loop waits one period each pass.
        private void Sleep()
        {
            if (_hw.Idle == null)
            {
                _hw.Clock.DelayMicros(_config.LoopPeriodMicros);
                return;
            }
            long now = _hw.Clock.NowMicros;
            long until = NextDueMicros(now);
            long earliest = now + _config.LoopPeriodMicros;
            long latest = now + _config.MaxSleepMicros;
            if (latest > _runEndMicros)
            {
                // RunFor's span ends first: its last pass does not sleep far past it.
                latest = _runEndMicros;
            }
            until = until > latest ? latest : until;
            until = until < earliest ? earliest : until;
            if (_hw.Idle.WaitForEvent(until))
            {
                EventWakes++;
            }
        }

        private static long Earlier(long a, long b)
        {
            return a < b ? a : b;
        }

        private void BootScanner()
        {
            if (_hw.ScannerPort == null)
            {
                return;
            }
            ScannerLoader loader = new ScannerLoader(_hw.Store, _config.Scanner);
            BarcodeScanner scanner;
            if (loader.TryLoad(_hw.ScannerPort, _hw.Clock, _config.ScannerProfileFile, _config.PaymentCodeTableFile, out scanner))
            {
                Scanner = scanner;
                Scanner.Start();
            }
            ScannerError = loader.Message;
        }

        private void BootPrinter()
        {
            if (_hw.PrintHead == null)
            {
                return;
            }
            PrinterLoader loader = new PrinterLoader(_hw.Store, _config) { Cpu = _hw.PrintHeadCpu };
            ThermalHeadDriver driver;
            PrintQueue queue;
            loader.TryLoad(_hw.PrintHead, _hw.PrintHeadProfile, _hw.Clock, out driver, out queue);
            // The driver comes out even when the queue does not (a missing font): it holds the head safe.
            PrintHeadDriver = driver;
            Printer = queue;
            PrinterError = loader.Message;
        }

        /// <summary>
        /// Prints an ESC/POS job (a receipt from ReceiptComposer) now. Printed: it is on paper. Waiting: the
        /// head faulted; the console shows the printer fault and the main loop resumes the job at the
        /// faulted dot line once the fault clears (the job's bytes were copied; the caller may reuse its
        /// buffer). Busy, TooLarge, NotReady: refused, nothing printed (NotReady: see PrinterError).
        /// GaveUp: dropped (the flash failed under the job; see Printer.Message), or later from the loop when
        /// a fault never clears.
        /// </summary>
        public PrintOutcome PrintReceipt(byte[] job, int offset, int count)
        {
            if (Printer == null)
            {
                return PrintOutcome.NotReady;
            }
            PrintOutcome outcome = Printer.Submit(job, offset, count);
            OnPrintOutcome(outcome);
            return outcome;
        }

        private void PollPrinter()
        {
            if (Printer != null)
            {
                PrintOutcome outcome = Printer.Poll();
                if (outcome != PrintOutcome.Idle)
                {
                    OnPrintOutcome(outcome);
                    if (Payment != null)
                    {
                        Payment.OnPrintOutcome(outcome);
                    }
                }
            }
            if (PrintHeadDriver != null)
            {
                // Stops a motor left running after a job (feed after heat, hold, release).
                PrintHeadDriver.Service();
            }
        }

        private void OnPrintOutcome(PrintOutcome outcome)
        {
            if (outcome == PrintOutcome.Waiting)
            {
                if (Console != null && (!_printFaultShown || _printFaultShownStatus != Printer.Fault))
                {
                    Console.ShowPrinterFault(Printer.Fault);
                }
                _printFaultShown = true;
                _printFaultShownStatus = Printer.Fault;
                return;
            }
            if (outcome != PrintOutcome.Printed && outcome != PrintOutcome.GaveUp)
            {
                return;
            }
            // The datasheet's stop: feed after the last heat, hold, release.
            PrintHeadDriver.Stop();
            if (outcome == PrintOutcome.GaveUp && Console != null)
            {
                Console.SetNotice("Receipt not printed");
            }
            if (_printFaultShown && Console != null && Console.Screen == ConsoleScreen.PrinterFault)
            {
                Console.ShowIdle();
            }
            _printFaultShown = false;
        }

        /// <summary>The payment flow's receipts go through the one print queue.</summary>
        public PrintOutcome Print(byte[] job, int offset, int count)
        {
            return PrintReceipt(job, offset, count);
        }

        // Boot order: the journal is recovered before the first request is taken, so pending reversals and
        // owed receipts go first.
        private void BootPayment()
        {
            if (_hw.Network == null || _hw.Store == null)
            {
                return;
            }
            // The acquirer's field table comes from the flash; a terminal whose table is missing or bad must not
            // talk to the acquirer, so the flow comes up refusing sales and says why.
            FieldTableLoader tables = new FieldTableLoader(_hw.Store, _config.MaxFieldTableBytes);
            FieldTable table;
            bool tableLoaded = tables.TryLoad(_config.FieldTableFile, out table);
            Payment = new PaymentFlow(_config.Payment, _hw.Clock, _hw.Store, _hw.Network, Console, this, tableLoaded ? table : CupFieldTable.Create(), new CupDialect(), _config.Receipts);
            Payment.Log = PaymentLog;
            Payment.Boot();
            if (!tableLoaded && Payment.Error == null)
            {
                Payment.Error = "Field table: " + tables.Message;
            }
            if (Payment.Error != null && Console != null)
            {
                Console.SetNotice("Payments down");
            }
        }

        private void BootConsole()
        {
            if (_hw.Display == null)
            {
                return;
            }
            Console = new OperatorConsole(_hw.Display, _config.Console);
            if (ScannerError != null && PrinterError != null)
            {
                Console.SetNotice("Scanner+printer down");
            }
            else if (ScannerError != null)
            {
                Console.SetNotice("Scanner not ready");
            }
            else if (PrinterError != null)
            {
                Console.SetNotice("Printer not ready");
            }
            Console.ShowIdle();
        }

        // Keys first, then the scanner: a Cancel pressed in the same pass as a read wins, and the read is
        // dropped with the closed window rather than paid.
        private void PollConsole(long nowMicros)
        {
            if (Console == null)
            {
                if (Scanner != null)
                {
                    Scanner.Poll();
                }
                return;
            }
            _keysLeft = false;
            if (_hw.Keypad != null)
            {
                int taken = 0;
                for (; taken < _config.Console.MaxKeysPerPass; taken++)
                {
                    KeyCode key = _hw.Keypad.ReadKey();
                    if (key == KeyCode.None)
                    {
                        break;
                    }
                    Console.HandleKey(key);
                }
                // A full share may have left keys queued: the next pass comes without sleeping on them.
                _keysLeft = taken == _config.Console.MaxKeysPerPass;
            }
            Console.Tick(nowMicros);
            ScannerCommand command = Console.TakeScannerCommand();
            if (Scanner == null)
            {
                if (command == ScannerCommand.Start)
                {
                    Console.OnScan(ScanStatus.NoRead, "Scanner not ready");
                }
                return;
            }
            if (command == ScannerCommand.Start)
            {
                Scanner.StartScan();
            }
            else if (command == ScannerCommand.Stop || (Scanner.Scanning && Console.Screen != ConsoleScreen.Scanning))
            {
                // Also when the payment flow took the screen mid-scan: a code read now would have no sale.
                Scanner.StopScan();
            }
            ScanStatus status = Scanner.Poll();
            if (status == ScanStatus.CodeRead)
            {
                Console.OnCodeRead(Scanner.LastScheme, Scanner.CodeText());
            }
            else if (status != ScanStatus.None)
            {
                Console.OnScan(status, Scanner.LastMessage);
            }
        }

        /// <summary>Runs the loop for a span of time (the device passes a span that never ends).</summary>
        public void RunFor(long micros)
        {
            long end = _hw.Clock.NowMicros + micros;
            _runEndMicros = end;
            try
            {
                while (_hw.Clock.NowMicros < end)
                {
                    Step();
                }
            }
            finally
            {
                _runEndMicros = long.MaxValue;
            }
        }
    }
}
