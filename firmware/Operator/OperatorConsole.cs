using PosFirmware.Hal;
using PosFirmware.Printing;
using PosFirmware.Scanner;

namespace PosFirmware.Operator
{
    /// <summary>
    /// The merchant's screens and menus as a state machine. Key presses and scanner outcomes move it; the
    /// payment flow moves it through ShowProcessing, ShowResult, ShowPrinterFault, ShowReversalPending and
    /// ShowUnresolved, and takes what the operator asked for (sale, reprints, settlement, list) from a
    /// bounded request queue with TakeRequest. The screen is redrawn only when something changes.
    /// Sized for a 20x4 text display.
    /// </summary>
    public class OperatorConsole
    {
        /// <summary>Smallest display the screens are laid out for.</summary>
        public const int MinRows = 4;

        /// <summary>Smallest line width the screens are laid out for.</summary>
        public const int MinColumns = 20;

        private readonly IDisplay _display;
        private readonly ConsoleConfig _config;
        private readonly ConsoleRequest[] _queue;
        private readonly string[] _list;
        private int _queueHead;
        private int _queueCount;
        private int _listCount;
        private int _listTop;
        private long _amountFen;
        private int _amountDigits;
        private long _trace;
        private int _traceDigits;
        private string _note = "";
        private string _resultTitle = "";
        private string _resultMessage = "";
        private string _scheme = "";
        private PrintStatus _printStatus;
        private int _reversalCount;
        private long _resultShownMicros;
        private ScannerCommand _scannerCommand;
        private ConsoleRequestKind _traceFor;
        private int _menuPage;
        private string _listTitle = "";
        private string _processingTitle = "PROCESSING";
        private string _processingNote = "";

        /// <summary>The reasons an operator can give for clearing an unresolved transaction (keys 1..n).</summary>
        public static readonly string[] ClearReasons = new string[] { "Refunded by acquirer", "Host: not debited", "Settled by hand" };

        /// <summary>Creates the console on a display; allocates its request queue and list.</summary>
        public OperatorConsole(IDisplay display, ConsoleConfig config)
        {
            Check.That(display != null && config != null, "console has a display and a config");
            Check.That(display.Rows >= MinRows && display.Columns >= MinColumns, "display is at least 20x4");
            Check.That(config.MaxAmountDigits > 0 && config.MaxAmountDigits <= 15, "amount digits within a long");
            Check.That(config.MinAmountFen > 0 && config.MaxAmountFen >= config.MinAmountFen, "amount bounds are ordered");
            Check.That(config.RequestQueueCapacity > 0 && config.MaxListLines > 0, "console queues have room");
            _display = display;
            _config = config;
            _queue = new ConsoleRequest[config.RequestQueueCapacity];
            for (int i = 0; i < _queue.Length; i++)
            {
                _queue[i] = new ConsoleRequest();
            }
            _list = new string[config.MaxListLines];
        }

        /// <summary>The screen shown now.</summary>
        public ConsoleScreen Screen;

        /// <summary>The amount being keyed (or of the sale in progress), in fen.</summary>
        public long AmountFen
        {
            get { return _amountFen; }
        }

        /// <summary>Requests waiting for the payment flow.</summary>
        public int PendingRequests
        {
            get { return _queueCount; }
        }

        /// <summary>Requests refused because the queue was full.</summary>
        public long RequestsDropped;

        /// <summary>Keys that did nothing on the screen shown.</summary>
        public long KeysIgnored;

        /// <summary>Shows the idle screen (at boot, and whenever the flow is done).</summary>
        public void ShowIdle()
        {
            Screen = ConsoleScreen.Idle;
            Render();
        }

        /// <summary>Shows a short notice on the idle screen (e.g. "Scanner not ready").</summary>
        public void SetNotice(string note)
        {
            _note = note == null ? "" : note;
            if (Screen == ConsoleScreen.Idle)
            {
                Render();
            }
        }

        /// <summary>Handles one key press.</summary>
        public void HandleKey(KeyCode key)
        {
            if (key == KeyCode.None)
            {
                return;
            }
            switch (Screen)
            {
                case ConsoleScreen.Idle:
                    OnIdleKey(key);
                    break;
                case ConsoleScreen.AmountEntry:
                    OnAmountKey(key);
                    break;
                case ConsoleScreen.Scanning:
                    OnScanningKey(key);
                    break;
                case ConsoleScreen.Result:
                    if (key == KeyCode.Menu)
                    {
                        _menuPage = 0;
                        Screen = ConsoleScreen.Menu;
                        Render();
                        break;
                    }
                    ShowIdle();
                    break;
                case ConsoleScreen.Menu:
                    OnMenuKey(key);
                    break;
                case ConsoleScreen.TraceEntry:
                    OnTraceKey(key);
                    break;
                case ConsoleScreen.Unresolved:
                    OnListKey(key);
                    break;
                case ConsoleScreen.ReasonEntry:
                    OnReasonKey(key);
                    break;
                case ConsoleScreen.Processing:
                    OnProcessingKey(key);
                    break;
                default:
                    // Printer fault and reversal screens belong to the payment flow.
                    KeysIgnored++;
                    break;
            }
        }

        /// <summary>Moves time-driven screens on (a result returns to idle after its hold time).</summary>
        public void Tick(long nowMicros)
        {
            if (Screen == ConsoleScreen.Result && nowMicros - _resultShownMicros >= _config.ResultHoldMicros)
            {
                ShowIdle();
            }
        }

        /// <summary>When Tick next moves a screen on (a result's hold ends), or long.MaxValue when no screen is timed.</summary>
        public long NextDueMicros()
        {
            return Screen == ConsoleScreen.Result ? _resultShownMicros + _config.ResultHoldMicros : long.MaxValue;
        }

        /// <summary>What the scanner should do next (taken once).</summary>
        public ScannerCommand TakeScannerCommand()
        {
            ScannerCommand command = _scannerCommand;
            _scannerCommand = ScannerCommand.None;
            return command;
        }

        /// <summary>
        /// Tells the console a payment code was read: it becomes a Sale request and the processing screen.
        /// </summary>
        public void OnCodeRead(PaymentScheme scheme, string code)
        {
            if (Screen != ConsoleScreen.Scanning)
            {
                return;
            }
            ConsoleRequest request = Enqueue(ConsoleRequestKind.Sale);
            if (request == null)
            {
                _note = "Busy, try again";
                Screen = ConsoleScreen.AmountEntry;
                Render();
                return;
            }
            _note = "";
            request.AmountFen = _amountFen;
            request.Scheme = scheme;
            request.Code = code;
            _scheme = PaymentSchemeNames.Name(scheme);
            _processingTitle = "PROCESSING";
            _processingNote = "";
            Screen = ConsoleScreen.Processing;
            Render();
        }

        /// <summary>
        /// Tells the console a scan ended without a code (CodeRead goes to OnCodeRead): a no-read returns
        /// to amount entry; any other outcome is shown and the scan goes on.
        /// </summary>
        public void OnScan(ScanStatus status, string message)
        {
            if (Screen != ConsoleScreen.Scanning || status == ScanStatus.None || status == ScanStatus.CodeRead)
            {
                return;
            }
            _note = message;
            if (status == ScanStatus.NoRead)
            {
                Screen = ConsoleScreen.AmountEntry;
            }
            Render();
        }

        /// <summary>The next request for the payment flow, copied into into; false when none waits.</summary>
        public bool TakeRequest(ConsoleRequest into)
        {
            if (_queueCount == 0)
            {
                return false;
            }
            into.CopyFrom(_queue[_queueHead]);
            _queueHead = (_queueHead + 1) % _queue.Length;
            _queueCount--;
            return true;
        }

        /// <summary>The flow is working on a request.</summary>
        public void ShowProcessing()
        {
            ShowProcessing("PROCESSING", "");
        }

        /// <summary>The flow is working on a sale: a title ("PROCESSING", "REVERSING") and a note; CANCEL stays live.</summary>
        public void ShowProcessing(string title, string note)
        {
            _processingTitle = title == null ? "" : title;
            _processingNote = note == null ? "" : note;
            Screen = ConsoleScreen.Processing;
            Render();
        }

        /// <summary>The outcome of a sale; shown until a key or the hold time.</summary>
        public void ShowResult(bool approved, long amountFen, string message, long nowMicros)
        {
            ShowOutcome(approved ? "APPROVED" : "DECLINED", amountFen, message, nowMicros);
        }

        /// <summary>Any outcome under a title of its own ("REVERSED", "NOT SENT", "SETTLED"); shown until a key or the hold time.</summary>
        public void ShowOutcome(string title, long amountFen, string message, long nowMicros)
        {
            _resultTitle = title == null ? "" : title;
            _amountFen = amountFen;
            _note = "";
            _resultMessage = message == null ? "" : message;
            _resultShownMicros = nowMicros;
            Screen = ConsoleScreen.Result;
            Render();
        }

        /// <summary>The printer stopped; shown until the flow shows something else.</summary>
        public void ShowPrinterFault(PrintStatus status)
        {
            _printStatus = status;
            Screen = ConsoleScreen.PrinterFault;
            Render();
        }

        /// <summary>Reversals are waiting to be sent.</summary>
        public void ShowReversalPending(int count)
        {
            _reversalCount = count;
            Screen = ConsoleScreen.ReversalPending;
            Render();
        }

        /// <summary>Lists unresolved transactions, one short line each (the first MaxListLines are kept).</summary>
        public void ShowUnresolved(string[] lines, int count)
        {
            ShowList("UNRESOLVED", lines, count);
        }

        /// <summary>Lists transactions under a title, one short line each (the first MaxListLines are kept).</summary>
        public void ShowList(string title, string[] lines, int count)
        {
            _listTitle = title == null ? "" : title;
            Check.That(count >= 0 && (count == 0 || (lines != null && count <= lines.Length)), "list count inside the array");
            _listCount = count < _list.Length ? count : _list.Length;
            for (int i = 0; i < _listCount; i++)
            {
                _list[i] = lines[i];
            }
            _listTop = 0;
            Screen = ConsoleScreen.Unresolved;
            Render();
        }

        private void OnIdleKey(KeyCode key)
        {
            if (key == KeyCode.Menu)
            {
                Screen = ConsoleScreen.Menu;
                Render();
                return;
            }
            if (key == KeyCode.Enter || IsDigit(key))
            {
                _amountFen = 0;
                _amountDigits = 0;
                _note = "";
                Screen = ConsoleScreen.AmountEntry;
                if (IsDigit(key))
                {
                    AddAmountDigit(Digit(key));
                }
                Render();
                return;
            }
            KeysIgnored++;
        }

        private void OnAmountKey(KeyCode key)
        {
            _note = "";
            if (IsDigit(key))
            {
                AddAmountDigit(Digit(key));
            }
            else if (key == KeyCode.Backspace)
            {
                if (_amountDigits > 0)
                {
                    _amountFen /= 10;
                    _amountDigits--;
                }
            }
            else if (key == KeyCode.Clear)
            {
                _amountFen = 0;
                _amountDigits = 0;
            }
            else if (key == KeyCode.Cancel)
            {
                _amountFen = 0;
                _amountDigits = 0;
                ShowIdle();
                return;
            }
            else if (key == KeyCode.Enter)
            {
                if (_amountFen < _config.MinAmountFen)
                {
                    _note = "Min " + AmountText.Format(_config.MinAmountFen);
                }
                else if (_amountFen > _config.MaxAmountFen)
                {
                    _note = "Max " + AmountText.Format(_config.MaxAmountFen);
                }
                else
                {
                    _scannerCommand = ScannerCommand.Start;
                    Screen = ConsoleScreen.Scanning;
                }
            }
            else
            {
                KeysIgnored++;
            }
            Render();
        }

        private void AddAmountDigit(int digit)
        {
            if (_amountDigits == 0 && digit == 0)
            {
                return;
            }
            if (_amountDigits == _config.MaxAmountDigits)
            {
                _note = "Too many digits";
                return;
            }
            _amountFen = _amountFen * 10 + digit;
            _amountDigits++;
        }

        private void OnScanningKey(KeyCode key)
        {
            if (key != KeyCode.Cancel)
            {
                KeysIgnored++;
                return;
            }
            _scannerCommand = ScannerCommand.Stop;
            _note = "Scan cancelled";
            Screen = ConsoleScreen.AmountEntry;
            Render();
        }

        private void OnMenuKey(KeyCode key)
        {
            if (key == KeyCode.Digit1)
            {
                RequestAndReturn(ConsoleRequestKind.ReprintLast, "Reprint requested");
            }
            else if (key == KeyCode.Digit2)
            {
                StartTraceEntry(ConsoleRequestKind.ReprintByTrace);
            }
            else if (key == KeyCode.Digit5)
            {
                RequestAndReturn(ConsoleRequestKind.ListTransactions, "Listing batch");
            }
            else if (key == KeyCode.Digit6)
            {
                StartTraceEntry(ConsoleRequestKind.QueryTrace);
            }
            else if (key == KeyCode.Digit7)
            {
                StartTraceEntry(ConsoleRequestKind.ClearUnresolved);
            }
            else if (key == KeyCode.Down || key == KeyCode.Up)
            {
                _menuPage = key == KeyCode.Down ? 1 : 0;
                Render();
            }
            else if (key == KeyCode.Digit3)
            {
                RequestAndReturn(ConsoleRequestKind.Settlement, "Settlement requested");
            }
            else if (key == KeyCode.Digit4)
            {
                RequestAndReturn(ConsoleRequestKind.ListUnresolved, "Listing unresolved");
            }
            else if (key == KeyCode.Cancel || key == KeyCode.Menu)
            {
                _menuPage = 0;
                ShowIdle();
            }
            else
            {
                KeysIgnored++;
            }
        }

        private void StartTraceEntry(ConsoleRequestKind purpose)
        {
            _traceFor = purpose;
            _trace = 0;
            _traceDigits = 0;
            _note = "";
            Screen = ConsoleScreen.TraceEntry;
            Render();
        }

        // A Cancel while the flow waits for the host becomes a request: the flow decides (it reverses).
        private void OnProcessingKey(KeyCode key)
        {
            if (key != KeyCode.Cancel)
            {
                KeysIgnored++;
                return;
            }
            _processingNote = Enqueue(ConsoleRequestKind.Cancel) != null ? "Cancelling..." : "Busy, try again";
            Render();
        }

        private void OnReasonKey(KeyCode key)
        {
            int choice = IsDigit(key) ? Digit(key) : 0;
            if (choice >= 1 && choice <= ClearReasons.Length)
            {
                ConsoleRequest request = Enqueue(ConsoleRequestKind.ClearUnresolved);
                if (request != null)
                {
                    request.Trace = _trace;
                    request.Reason = ClearReasons[choice - 1];
                    _note = "Clear " + _trace.ToString() + " requested";
                }
                else
                {
                    _note = "Busy, try again";
                }
                ShowIdle();
                return;
            }
            if (key == KeyCode.Cancel)
            {
                Screen = ConsoleScreen.TraceEntry;
                Render();
                return;
            }
            KeysIgnored++;
        }

        private void OnTraceKey(KeyCode key)
        {
            _note = "";
            if (IsDigit(key))
            {
                if (_traceDigits < _config.MaxTraceDigits)
                {
                    _trace = _trace * 10 + Digit(key);
                    _traceDigits++;
                }
                else
                {
                    _note = "Max " + _config.MaxTraceDigits.ToString() + " digits";
                }
            }
            else if (key == KeyCode.Backspace)
            {
                if (_traceDigits > 0)
                {
                    _trace /= 10;
                    _traceDigits--;
                }
            }
            else if (key == KeyCode.Clear)
            {
                _trace = 0;
                _traceDigits = 0;
            }
            else if (key == KeyCode.Cancel)
            {
                Screen = ConsoleScreen.Menu;
            }
            else if (key == KeyCode.Enter)
            {
                if (_trace == 0)
                {
                    _note = "Enter a trace no.";
                }
                else if (_traceFor == ConsoleRequestKind.ClearUnresolved)
                {
                    Screen = ConsoleScreen.ReasonEntry;
                }
                else
                {
                    ConsoleRequest request = Enqueue(_traceFor);
                    if (request != null)
                    {
                        request.Trace = _trace;
                        _note = (_traceFor == ConsoleRequestKind.QueryTrace ? "Query " : "Reprint ") + _trace.ToString() + " requested";
                    }
                    else
                    {
                        _note = "Busy, try again";
                    }
                    Screen = ConsoleScreen.Idle;
                }
            }
            else
            {
                KeysIgnored++;
            }
            Render();
        }

        private void OnListKey(KeyCode key)
        {
            int visible = _display.Rows - 1;
            if (key == KeyCode.Down && _listTop + visible < _listCount)
            {
                _listTop++;
            }
            else if (key == KeyCode.Up && _listTop > 0)
            {
                _listTop--;
            }
            else if (key == KeyCode.Cancel || key == KeyCode.Enter)
            {
                ShowIdle();
                return;
            }
            else
            {
                KeysIgnored++;
                return;
            }
            Render();
        }

        private void RequestAndReturn(ConsoleRequestKind kind, string note)
        {
            _note = Enqueue(kind) != null ? note : "Busy, try again";
            ShowIdle();
        }

        private ConsoleRequest Enqueue(ConsoleRequestKind kind)
        {
            if (_queueCount == _queue.Length)
            {
                RequestsDropped++;
                return null;
            }
            ConsoleRequest request = _queue[(_queueHead + _queueCount) % _queue.Length];
            _queueCount++;
            request.Kind = kind;
            request.AmountFen = 0;
            request.Trace = 0;
            request.Code = null;
            request.Reason = null;
            return request;
        }

        private void Render()
        {
            switch (Screen)
            {
                case ConsoleScreen.Idle:
                    Draw("PosFirmware   READY", "Key in amount", _note, "MENU for options");
                    break;
                case ConsoleScreen.AmountEntry:
                    Draw("SALE", AmountText.Format(_amountFen), _note, "ENTER=scan  CANCEL");
                    break;
                case ConsoleScreen.Scanning:
                    Draw("SCAN PAYMENT CODE", AmountText.Format(_amountFen), _note, "CANCEL to stop");
                    break;
                case ConsoleScreen.Processing:
                    Draw(_processingTitle, AmountText.Format(_amountFen), _processingNote.Length > 0 ? _processingNote : _scheme, "CANCEL to stop");
                    break;
                case ConsoleScreen.Result:
                    Draw(_resultTitle, AmountText.Format(_amountFen), _resultMessage, "Any key to continue");
                    break;
                case ConsoleScreen.PrinterFault:
                    Draw("PRINTER FAULT", PrintFaultText.What(_printStatus), PrintFaultText.Action(_printStatus), "");
                    break;
                case ConsoleScreen.ReversalPending:
                    Draw("REVERSAL PENDING", _reversalCount.ToString() + " to send", "Please wait", "");
                    break;
                case ConsoleScreen.Unresolved:
                    Draw(_listTitle + " (" + _listCount.ToString() + ")", ListLine(0), ListLine(1), ListLine(2));
                    break;
                case ConsoleScreen.Menu:
                    if (_menuPage == 0)
                    {
                        Draw("1 Reprint last", "2 Reprint by trace", "3 Settlement", "4 Unresolved  DOWN>");
                    }
                    else
                    {
                        Draw("5 Transactions", "6 Query trace", "7 Clear unresolved", "UP<");
                    }
                    break;
                case ConsoleScreen.ReasonEntry:
                    Draw("CLEAR " + _trace.ToString() + ": WHY?", "1 " + ClearReasons[0], "2 " + ClearReasons[1], "3 " + ClearReasons[2]);
                    break;
                default:
                    Draw(TraceEntryTitle(), "Trace: " + (_traceDigits == 0 ? "" : _trace.ToString()), _note, "ENTER=ok  CANCEL");
                    break;
            }
        }

        private string TraceEntryTitle()
        {
            if (_traceFor == ConsoleRequestKind.QueryTrace)
            {
                return "QUERY BY TRACE";
            }
            return _traceFor == ConsoleRequestKind.ClearUnresolved ? "CLEAR UNRESOLVED" : "REPRINT BY TRACE";
        }

        private string ListLine(int row)
        {
            int index = _listTop + row;
            if (_listCount == 0 && row == 0)
            {
                return "None";
            }
            return index < _listCount ? _list[index] : "";
        }

        private void Draw(string line0, string line1, string line2, string line3)
        {
            _display.Clear();
            Put(0, line0);
            Put(1, line1);
            Put(2, line2);
            Put(3, line3);
        }

        private void Put(int row, string text)
        {
            if (text == null || text.Length == 0)
            {
                return;
            }
            _display.SetLine(row, text.Length > _display.Columns ? text.Substring(0, _display.Columns) : text);
        }

        private static bool IsDigit(KeyCode key)
        {
            return key >= KeyCode.Digit0 && key <= KeyCode.Digit9;
        }

        private static int Digit(KeyCode key)
        {
            return (int)key - (int)KeyCode.Digit0;
        }
    }
}
