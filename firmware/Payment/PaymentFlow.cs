using PosFirmware.Crypto;
using PosFirmware.Hal;
using PosFirmware.Iso8583;
using PosFirmware.Operator;
using PosFirmware.Print;
using PosFirmware.Print.Receipts;

namespace PosFirmware.Payment
{
    /// <summary>
    /// The payment flow: sign-in, sale, status queries, reversal, receipts, operator queries and settlement,
    /// stepped from the main loop one short step at a time. Each transaction is a sequence of journaled
    /// states (prepare, send, await, decide, commit); the state is written before the terminal acts on it,
    /// so after a power cut the flow resumes from the journal and a step run twice does no harm: the
    /// reversal is armed before the sale leaves, a trace is durable before it is used, and an approved
    /// sale's receipt stays owed until every copy is on paper.
    /// </summary>
    public sealed class PaymentFlow
    {
        private readonly PaymentConfig _config;
        private readonly IClock _clock;
        private readonly IFileStore _store;
        private readonly OperatorConsole _console;
        private readonly IReceiptPrinter _printer;
        private readonly Journal _journal;
        private readonly CupMessages _messages;
        private readonly HostExchange _exchange;
        private readonly Iso8583Message _request;
        private readonly Iso8583Message _original;
        private readonly WorkingKeys _keys;
        private readonly TripleDes _master = new TripleDes();
        private readonly ReceiptBuilder _receipts;
        private readonly byte[] _keyBlock;
        private readonly byte[] _codeBytes = new byte[TxnRecord.MaxCodeChars];
        private readonly TxnRecord _work = new TxnRecord();
        private readonly ConsoleRequest _taken = new ConsoleRequest();
        private readonly ConsoleRequest _held = new ConsoleRequest();
        private readonly string[] _listLines;
        private readonly ReversalSchedule _schedule;

        private FlowJob _job;
        private bool _hasHeld;
        private long _heldSinceMicros;
        private long _nextSignInMicros;
        private long _nextQueryMicros;
        private long _nextReceiptMicros;
        private bool _foreground;
        private bool _cancelled;
        private int _settlementRound;
        private int _uploadIndex;
        private int _uploadCount;
        private bool _uploadEndSent;
        private bool _settlementBalanced;
        private int _operatorTrace;
        private int _printBatch;
        private int _printTrace;
        private bool _printReprint;
        private int _noticeUnresolved;
        private int _noticePending;

        /// <summary>Creates the flow; Boot recovers the journal.</summary>
        public PaymentFlow(PaymentConfig config, IClock clock, IFileStore store, INetworkLink link, OperatorConsole console, IReceiptPrinter printer, FieldTable table, CupDialect dialect, ReceiptConfig receiptConfig)
        {
            Check.That(config != null && clock != null && store != null && link != null && table != null && dialect != null, "payment flow has its parts");
            Check.That(config.MaxQueries >= 0 && config.MaxReversalAttempts >= 1 && config.MaxSettlementRounds >= 1, "payment bounds are sane");
            _config = config;
            _clock = clock;
            _store = store;
            _console = console;
            _printer = printer;
            _journal = new Journal(store, config.Journal);
            _messages = new CupMessages(dialect);
            Iso8583Channel channel = new Iso8583Channel(link, clock, new FrameFormat(), new Iso8583Codec(table), config.FrameBufferBytes);
            _exchange = new HostExchange(link, clock, channel, table, config);
            _request = new Iso8583Message(table);
            _original = new Iso8583Message(table);
            _keys = new WorkingKeys(16, 8, 4, MacScheme.CupEcb);
            _receipts = new ReceiptBuilder(config, new ReceiptComposer(receiptConfig));
            _keyBlock = new byte[config.Journal.MaxKeyBytes];
            _listLines = new string[config.MaxListLines];
            _schedule = new ReversalSchedule(config.Journal.MaxRecords);
        }

        /// <summary>The journal (for the menus, the emulator's dumps and the tests).</summary>
        public Journal Journal
        {
            get { return _journal; }
        }

        /// <summary>What the flow is doing now.</summary>
        public FlowJob Job
        {
            get { return _job; }
        }

        /// <summary>True once working keys are loaded (from the journal or a sign-in).</summary>
        public bool SignedIn
        {
            get { return _keys.IsLoaded; }
        }

        /// <summary>
        /// Why the flow cannot take payments (journal or master key trouble), or null: a standing fault that
        /// holds until the next boot, so it is an Error, not the Message of one failed call.
        /// </summary>
        public string Error;

        /// <summary>What the journal's recovery found at boot.</summary>
        public JournalStatus RecoveryStatus;

        /// <summary>The last thing the flow did, one line, for logs (never holds key material).</summary>
        public string LastEvent = "";

        /// <summary>Counters for reports.</summary>
        public int SalesApproved, SalesDeclined, Reversals, Unresolved, ReceiptsPrinted, SignIns, Settlements;

        /// <summary>Recovers the journal, loads the master and working keys, and re-arms what a cut left open.</summary>
        public void Boot()
        {
            RecoveryStatus = _journal.Recover();
            if (RecoveryStatus == JournalStatus.StoreFailed)
            {
                Error = "Journal: " + _journal.Message;
                return;
            }
            if (!LoadMasterKey())
            {
                return;
            }
            int blockBytes = _journal.LoadKeys(_keyBlock, 0);
            if (blockBytes > 0 && _keys.Load(_master, _keyBlock, 0, blockBytes) != KeyLoadStatus.Ok)
            {
                _keys.Forget();
            }
            // A sale cut between arming and answer may have reached the host: reverse it ("no answer").
            for (int i = 0; i < _journal.Count; i++)
            {
                TxnRecord record = _journal.At(i);
                if (record.State == TxnState.Prepared)
                {
                    _work.CopyFrom(record);
                    _work.State = TxnState.ReversalPending;
                    _work.ReversalReason = _config.ReasonNoAnswer;
                    Save(_work);
                }
            }
            Note("boot: journal " + DescribeRecovery(RecoveryStatus) + ", " + _journal.Count.ToString() + " records, batch " + _journal.Batch.ToString());
        }

        /// <summary>One step: moves the current job on, or picks the next one.</summary>
        public void Step()
        {
            if (Error != null)
            {
                RefuseRequests();
                return;
            }
            switch (_job)
            {
                case FlowJob.Idle:
                    PickJob();
                    break;
                case FlowJob.SignIn:
                    PollExchange();
                    break;
                case FlowJob.Sale:
                case FlowJob.Query:
                    WatchForCancel();
                    if (_job == FlowJob.Sale || _job == FlowJob.Query)
                    {
                        PollExchange();
                    }
                    break;
                case FlowJob.QueryWait:
                    WatchForCancel();
                    if (_job == FlowJob.QueryWait && _clock.NowMicros >= _nextQueryMicros)
                    {
                        SendQuery();
                    }
                    break;
                case FlowJob.Printing:
                    break;
                default:
                    PollExchange();
                    break;
            }
        }

        /// <summary>
        /// When Step next has something to do if no input arrives (a key, a scanned code or answer bytes each
        /// wake the loop on their own): nowMicros when work waits, else the earliest timer of the current job
        /// (an exchange's deadline, the next status query) or, when idle, of the background work (sign-in retry,
        /// owed receipt retry, reversal backoff); long.MaxValue when only an input can make work. The main loop
        /// sleeps until then.
        /// </summary>
        public long NextDueMicros(long nowMicros)
        {
            bool requests = _console != null && _console.PendingRequests > 0;
            if (Error != null)
            {
                return requests ? nowMicros : long.MaxValue;
            }
            switch (_job)
            {
                case FlowJob.Idle:
                    return IdleDueMicros(nowMicros, requests);
                case FlowJob.Printing:
                    // The print queue's own retry time wakes the loop; its outcome ends this job.
                    return long.MaxValue;
                case FlowJob.QueryWait:
                    return requests && !_cancelled ? nowMicros : _nextQueryMicros;
                case FlowJob.Sale:
                case FlowJob.Query:
                    return requests && !_cancelled ? nowMicros : _exchange.NextDueMicros(nowMicros);
                default:
                    return _exchange.NextDueMicros(nowMicros);
            }
        }

        // PickJob's conditions, as times: anything it would start now makes nowMicros.
        private long IdleDueMicros(long nowMicros, bool requests)
        {
            if (requests || _hasHeld || FindFirst(TxnState.UserPaying) != null || IdleNoticeStale())
            {
                return nowMicros;
            }
            long due = long.MaxValue;
            if (!_keys.IsLoaded)
            {
                due = _nextSignInMicros;
            }
            if (_printer != null && FindOwedReceipt() != null && _nextReceiptMicros < due)
            {
                due = _nextReceiptMicros;
            }
            if (_keys.IsLoaded)
            {
                for (int i = 0; i < _journal.Count; i++)
                {
                    TxnRecord record = _journal.At(i);
                    if (record.State == TxnState.ReversalPending)
                    {
                        long next = _schedule.NextMicros(record.Batch, record.Trace);
                        if (next < due)
                        {
                            due = next;
                        }
                    }
                }
            }
            return due < nowMicros ? nowMicros : due;
        }

        /// <summary>A print job that waited on a head fault ended (from the main loop's printer poll).</summary>
        public void OnPrintOutcome(PrintOutcome outcome)
        {
            if (_job != FlowJob.Printing || (outcome != PrintOutcome.Printed && outcome != PrintOutcome.GaveUp))
            {
                return;
            }
            _job = FlowJob.Idle;
            TxnRecord record = _journal.Find(_printBatch, _printTrace);
            if (record == null)
            {
                return;
            }
            if (outcome == PrintOutcome.Printed)
            {
                CopyDone(record);
            }
            else
            {
                _nextReceiptMicros = _clock.NowMicros + _config.ReceiptRetryMicros;
            }
        }

        /// <summary>Records in a state, for menus and reports.</summary>
        public int CountIn(TxnState state)
        {
            int n = 0;
            for (int i = 0; i < _journal.Count; i++)
            {
                if (_journal.At(i).State == state)
                {
                    n++;
                }
            }
            return n;
        }

        /// <summary>Approved sales whose receipt is still owed.</summary>
        public int ReceiptsOwed()
        {
            int n = 0;
            for (int i = 0; i < _journal.Count; i++)
            {
                TxnRecord r = _journal.At(i);
                if (r.State == TxnState.Approved && (r.Receipt == ReceiptState.Pending || r.Receipt == ReceiptState.Started))
                {
                    n++;
                }
            }
            return n;
        }

        // ---- Picking the next job -----------------------------------------------------------------

        // Order: a customer waiting on the phone, working keys, owed receipts, due reversals, then the
        // operator's requests. A sale or settlement request is held until every pending reversal has had
        // one try since it came (reversals go first), and a sale is refused if one still pends.
        private void PickJob()
        {
            long now = _clock.NowMicros;
            TxnRecord paying = FindFirst(TxnState.UserPaying);
            if (paying != null)
            {
                _work.CopyFrom(paying);
                _job = FlowJob.QueryWait;
                _nextQueryMicros = now;
                return;
            }
            if (!_keys.IsLoaded && (now >= _nextSignInMicros || _hasHeld))
            {
                if (StartSignIn())
                {
                    return;
                }
                if (_hasHeld)
                {
                    RefuseHeld("Not signed in");
                    return;
                }
            }
            if (now >= _nextReceiptMicros && StartOwedPrint())
            {
                return;
            }
            if (_keys.IsLoaded && StartDueReversal(now))
            {
                return;
            }
            if (_hasHeld)
            {
                RunHeld();
                return;
            }
            if (_console != null && _console.TakeRequest(_taken))
            {
                OnRequest(_taken);
                return;
            }
            ShowIdleNotice();
        }

        private void OnRequest(ConsoleRequest request)
        {
            switch (request.Kind)
            {
                case ConsoleRequestKind.Sale:
                case ConsoleRequestKind.Settlement:
                    _held.CopyFrom(request);
                    _hasHeld = true;
                    _heldSinceMicros = _clock.NowMicros;
                    break;
                case ConsoleRequestKind.ReprintLast:
                    Reprint(LastApproved(), "No sale to reprint");
                    break;
                case ConsoleRequestKind.ReprintByTrace:
                    Reprint(FindTrace((int)request.Trace), "Trace " + request.Trace.ToString() + " not found");
                    break;
                case ConsoleRequestKind.ListUnresolved:
                    ShowList("UNRESOLVED", true);
                    break;
                case ConsoleRequestKind.ListTransactions:
                    ShowList("BATCH " + ReceiptBuilder.Digits(_journal.Batch), false);
                    break;
                case ConsoleRequestKind.QueryTrace:
                    StartOperatorQuery((int)request.Trace);
                    break;
                case ConsoleRequestKind.ClearUnresolved:
                    ClearUnresolved((int)request.Trace, request.Reason);
                    break;
                default:
                    // A Cancel with no sale in progress has nothing to cancel.
                    break;
            }
        }

        private void RunHeld()
        {
            _hasHeld = false;
            if (_held.Kind == ConsoleRequestKind.Settlement)
            {
                StartSettlement();
                return;
            }
            if (CountIn(TxnState.ReversalPending) > 0)
            {
                Outcome("REFUSED", _held.AmountFen, "Reversal pending", "sale refused: a reversal is still pending");
                return;
            }
            StartSale(_held);
        }

        private void RefuseHeld(string why)
        {
            _hasHeld = false;
            Outcome("NOT SENT", _held.AmountFen, why, "request refused: " + why);
        }

        private void RefuseRequests()
        {
            if (_console != null && _console.TakeRequest(_taken) && _taken.Kind == ConsoleRequestKind.Sale)
            {
                Outcome("NOT SENT", _taken.AmountFen, "Terminal fault", "sale refused: " + Error);
            }
        }

        // ---- Sign-in ------------------------------------------------------------------------------

        private bool StartSignIn()
        {
            int trace;
            if (!_journal.TryTakeTrace(out trace))
            {
                Error = "Journal: " + _journal.Message;
                return false;
            }
            _messages.SignIn(_request, trace, _journal.Batch, _config.TerminalId, _config.MerchantId);
            ExchangeResult result = _exchange.Begin(_request, null, _config.ExchangeTimeoutMicros);
            if (result != ExchangeResult.Waiting)
            {
                SignInFailed(result);
                return false;
            }
            _job = FlowJob.SignIn;
            return true;
        }

        private void OnSignInAnswer(ExchangeResult result)
        {
            _job = FlowJob.Idle;
            Iso8583Message answer = _exchange.Answer;
            if (result != ExchangeResult.Answered || !answer.TextEquals(39, "00") || !answer.Has(62))
            {
                SignInFailed(result);
                return;
            }
            KeyLoadStatus status = _keys.Load(_master, answer.ValueBuffer(62), 0, answer.Length(62));
            if (status != KeyLoadStatus.Ok || !_journal.SaveKeys(answer.ValueBuffer(62), 0, answer.Length(62)))
            {
                _keys.Forget();
                Note("sign-in: keys refused: " + (status != KeyLoadStatus.Ok ? WorkingKeys.Describe(status) : _journal.Message));
                _nextSignInMicros = _clock.NowMicros + _config.SignInRetryMicros;
                return;
            }
            SignIns++;
            Note("sign-in: working keys loaded");
        }

        private void SignInFailed(ExchangeResult result)
        {
            _job = FlowJob.Idle;
            _nextSignInMicros = _clock.NowMicros + _config.SignInRetryMicros;
            Note("sign-in failed: " + Describe(result));
        }

        // ---- Sale ---------------------------------------------------------------------------------

        private void StartSale(ConsoleRequest request)
        {
            if (_journal.IsFull)
            {
                Outcome("NOT SENT", request.AmountFen, "Journal full: settle", "sale refused: journal full");
                return;
            }
            string code = request.Code == null ? "" : request.Code;
            if (code.Length == 0 || code.Length > TxnRecord.MaxCodeChars)
            {
                Outcome("NOT SENT", request.AmountFen, "Bad payment code", "sale refused: payment code length " + code.Length.ToString());
                return;
            }
            int trace;
            if (!_journal.TryTakeTrace(out trace))
            {
                Outcome("NOT SENT", request.AmountFen, "Journal error", "sale refused: " + _journal.Message);
                return;
            }
            _work.Kind = TxnKind.Sale;
            _work.Batch = _journal.Batch;
            _work.Trace = trace;
            _work.State = TxnState.Prepared;
            _work.AmountFen = request.AmountFen;
            _work.Scheme = request.Scheme;
            _work.Code = code;
            _work.ResponseCode = "";
            _work.ReferenceNumber = "";
            _work.AuthCode = "";
            _work.HostDateTime = "";
            _work.ReversalReason = "";
            _work.ReversalAttempts = 0;
            _work.Queries = 0;
            _work.Receipt = ReceiptState.None;
            _work.CopiesPrinted = 0;
            _work.ClearReason = "";
            // The reversal is armed here, before a byte leaves: a cut from now on ends in a reversal.
            if (!Save(_work))
            {
                Outcome("NOT SENT", request.AmountFen, "Journal error", "sale refused: " + _journal.Message);
                return;
            }
            _foreground = true;
            _cancelled = false;
            if (!BuildSale(_work, _request))
            {
                _work.State = TxnState.NotSent;
                Save(_work);
                Outcome("NOT SENT", _work.AmountFen, "Bad request", "sale " + Trace(_work) + " not built");
                return;
            }
            ExchangeResult result = _exchange.Begin(_request, _keys.Mac, _config.SaleTimeoutMicros);
            if (result == ExchangeResult.NotSent)
            {
                _work.State = TxnState.NotSent;
                Save(_work);
                Outcome("NOT SENT", _work.AmountFen, "No connection", "sale " + Trace(_work) + " not sent: " + _exchange.Message);
                return;
            }
            if (result != ExchangeResult.Waiting)
            {
                ToReversal(_work, ReasonFor(result));
                return;
            }
            _job = FlowJob.Sale;
            Note("sale " + Trace(_work) + " sent: " + _work.AmountFen.ToString() + " fen");
        }

        private void OnSaleAnswer(ExchangeResult result)
        {
            _job = FlowJob.Idle;
            if (result != ExchangeResult.Answered)
            {
                ForgetKeysOnKeyError(result);
                ToReversal(_work, ReasonFor(result));
                return;
            }
            Iso8583Message answer = _exchange.Answer;
            TakeHostFields(_work, answer);
            if (answer.TextEquals(39, "00"))
            {
                Approve(_work);
                return;
            }
            if (answer.TextEquals(39, _config.UserPayingCode))
            {
                _work.State = TxnState.UserPaying;
                if (!Save(_work))
                {
                    ToReversal(_work, _config.ReasonUnconfirmed);
                    return;
                }
                _job = FlowJob.QueryWait;
                _nextQueryMicros = _clock.NowMicros + _config.QueryIntervalMicros;
                ShowProcessing("WAITING FOR PAYER", "Confirm on phone");
                Note("sale " + Trace(_work) + ": customer confirms on the phone");
                return;
            }
            if (IsKeyError(answer))
            {
                ForgetKeys();
            }
            Decline(_work);
        }

        private void Approve(TxnRecord record)
        {
            record.State = TxnState.Approved;
            record.Receipt = _config.CopiesOwed > 0 ? ReceiptState.Pending : ReceiptState.None;
            record.CopiesPrinted = 0;
            if (!Save(record))
            {
                // Not journaled as approved: the record still says Prepared or UserPaying, so the next boot
                // reverses it. Never print a receipt the journal does not back.
                Error = "Journal: " + _journal.Message;
                return;
            }
            SalesApproved++;
            Outcome("APPROVED", record.AmountFen, "Ref " + record.ReferenceNumber, "sale " + Trace(record) + " approved, ref " + record.ReferenceNumber);
        }

        private void Decline(TxnRecord record)
        {
            record.State = TxnState.Declined;
            Save(record);
            SalesDeclined++;
            string reason = ResponseText.Describe(record.ResponseCode);
            Outcome("DECLINED", record.AmountFen, record.ResponseCode + " " + reason, "sale " + Trace(record) + " declined " + record.ResponseCode);
            if (_config.PrintDeclineSlip && _receipts.Decline(record, reason))
            {
                PrintNow();
            }
        }

        // ---- Status queries while the customer pays -------------------------------------------------

        private void SendQuery()
        {
            if (_work.Queries >= _config.MaxQueries)
            {
                _job = FlowJob.Idle;
                ToReversal(_work, _config.ReasonUnconfirmed);
                return;
            }
            _work.Queries++;
            if (!Save(_work))
            {
                _job = FlowJob.Idle;
                return;
            }
            int trace;
            if (!_journal.TryTakeTrace(out trace) || _messages.Query(_request, trace, _journal.Batch, _config.TerminalId, _config.MerchantId, _work.Batch, _work.Trace) != CodecStatus.Ok)
            {
                _nextQueryMicros = _clock.NowMicros + _config.QueryIntervalMicros;
                return;
            }
            ExchangeResult result = _exchange.Begin(_request, _keys.Mac, _config.ExchangeTimeoutMicros);
            if (result != ExchangeResult.Waiting)
            {
                _nextQueryMicros = _clock.NowMicros + _config.QueryIntervalMicros;
                return;
            }
            _job = FlowJob.Query;
        }

        private void OnQueryAnswer(ExchangeResult result)
        {
            _job = FlowJob.QueryWait;
            _nextQueryMicros = _clock.NowMicros + _config.QueryIntervalMicros;
            if (result != ExchangeResult.Answered)
            {
                ForgetKeysOnKeyError(result);
                return;
            }
            Iso8583Message answer = _exchange.Answer;
            if (answer.TextEquals(39, "00"))
            {
                _job = FlowJob.Idle;
                TakeHostFields(_work, answer);
                Approve(_work);
                return;
            }
            if (answer.TextEquals(39, _config.UserPayingCode) || IsKeyError(answer))
            {
                if (IsKeyError(answer))
                {
                    ForgetKeys();
                }
                return;
            }
            // Closed, cancelled or unknown to the host: reversing costs nothing and leaves no doubt.
            _job = FlowJob.Idle;
            _work.ResponseCode = answer.GetText(39) == null ? "" : answer.GetText(39);
            ToReversal(_work, _config.ReasonUnconfirmed);
        }

        private void WatchForCancel()
        {
            if (_console == null || _cancelled || !_console.TakeRequest(_taken))
            {
                return;
            }
            if (_taken.Kind != ConsoleRequestKind.Cancel)
            {
                if (!_hasHeld)
                {
                    _held.CopyFrom(_taken);
                    _hasHeld = true;
                    _heldSinceMicros = _clock.NowMicros;
                }
                return;
            }
            // The customer may already have paid: a cancelled sale is reversed, never just dropped.
            _cancelled = true;
            _exchange.Abandon();
            _job = FlowJob.Idle;
            ToReversal(_work, _config.ReasonCancelled);
        }

        // ---- Reversal -----------------------------------------------------------------------------

        private void ToReversal(TxnRecord record, string reason)
        {
            record.State = TxnState.ReversalPending;
            record.ReversalReason = reason;
            Save(record);
            _schedule.Due(record.Batch, record.Trace, _clock.NowMicros);
            if (_foreground)
            {
                ShowProcessing("REVERSING", "Please wait");
            }
            Note("sale " + Trace(record) + ": reversal armed, reason " + reason);
        }

        private bool StartDueReversal(long now)
        {
            for (int i = 0; i < _journal.Count; i++)
            {
                TxnRecord record = _journal.At(i);
                if (record.State != TxnState.ReversalPending)
                {
                    continue;
                }
                bool due = now >= _schedule.NextMicros(record.Batch, record.Trace);
                bool forced = _hasHeld && _schedule.LastMicros(record.Batch, record.Trace) < _heldSinceMicros;
                if (due || forced)
                {
                    _work.CopyFrom(record);
                    SendReversal();
                    return true;
                }
            }
            return false;
        }

        private void SendReversal()
        {
            long now = _clock.NowMicros;
            _work.ReversalAttempts++;
            // Counted before the send: a reboot never gets a free attempt.
            if (!Save(_work))
            {
                _schedule.Tried(_work.Batch, _work.Trace, now, now + _config.MaxReversalBackoffMicros);
                return;
            }
            if (!BuildSale(_work, _original) || _messages.Reversal(_original, _work.ReversalReason, _work.AuthCode.Length > 0 ? _work.AuthCode : null, _request) != CodecStatus.Ok)
            {
                ReversalNotConfirmed(ExchangeResult.NotSent);
                return;
            }
            ExchangeResult result = _exchange.Begin(_request, _keys.Mac, _config.ExchangeTimeoutMicros);
            if (result != ExchangeResult.Waiting)
            {
                ReversalNotConfirmed(result);
                return;
            }
            _job = FlowJob.Reversal;
        }

        private void OnReversalAnswer(ExchangeResult result)
        {
            _job = FlowJob.Idle;
            if (result != ExchangeResult.Answered)
            {
                ForgetKeysOnKeyError(result);
                ReversalNotConfirmed(result);
                return;
            }
            Iso8583Message answer = _exchange.Answer;
            string code = answer.GetText(39) == null ? "" : answer.GetText(39);
            if (!IsOneOf(code, _config.ReversalClosingCodes))
            {
                if (IsKeyError(answer))
                {
                    ForgetKeys();
                }
                _work.ReversalReason = _config.ReasonUnconfirmed;
                ReversalNotConfirmed(result);
                return;
            }
            _work.State = TxnState.Reversed;
            _work.ResponseCode = code;
            Save(_work);
            Reversals++;
            Outcome(_cancelled ? "CANCELLED" : "REVERSED", _work.AmountFen, "Not charged", "sale " + Trace(_work) + " reversed (host " + code + ")");
        }

        private void ReversalNotConfirmed(ExchangeResult result)
        {
            long now = _clock.NowMicros;
            if (_work.ReversalAttempts < _config.MaxReversalAttempts)
            {
                long backoff = _config.ReversalBackoffMicros;
                for (int i = 1; i < _work.ReversalAttempts && backoff < _config.MaxReversalBackoffMicros; i++)
                {
                    backoff *= 2;
                }
                if (backoff > _config.MaxReversalBackoffMicros)
                {
                    backoff = _config.MaxReversalBackoffMicros;
                }
                Save(_work);
                _schedule.Tried(_work.Batch, _work.Trace, now, now + backoff);
                Outcome("REVERSAL PENDING", _work.AmountFen, "Will retry", "reversal of " + Trace(_work) + " not confirmed (" + Describe(result) + "), attempt " + _work.ReversalAttempts.ToString());
                return;
            }
            // Attempts ran out: never deleted. It goes on the unresolved list, its notice is owed, and only
            // the operator can clear it, with a reason.
            _work.State = TxnState.Unresolved;
            _work.Receipt = ReceiptState.Pending;
            Save(_work);
            _schedule.Tried(_work.Batch, _work.Trace, now, long.MaxValue);
            Unresolved++;
            Outcome("UNRESOLVED", _work.AmountFen, "Call acquirer", "reversal of " + Trace(_work) + " failed " + _work.ReversalAttempts.ToString() + " times: unresolved");
        }

        // ---- Receipts -----------------------------------------------------------------------------

        private bool StartOwedPrint()
        {
            TxnRecord record = _printer == null ? null : FindOwedReceipt();
            if (record == null)
            {
                return false;
            }
            _work.CopyFrom(record);
            PrintOwed(_work);
            return true;
        }

        // The first record whose receipt (an approved sale's copy, or an unresolved sale's notice) is owed.
        private TxnRecord FindOwedReceipt()
        {
            for (int i = 0; i < _journal.Count; i++)
            {
                TxnRecord record = _journal.At(i);
                bool owed = record.Receipt == ReceiptState.Pending || record.Receipt == ReceiptState.Started;
                if (owed && (record.State == TxnState.Approved || record.State == TxnState.Unresolved))
                {
                    return record;
                }
            }
            return null;
        }

        // Marked Started before the first dot: a cut mid-print makes the next try a marked reprint.
        private void PrintOwed(TxnRecord record)
        {
            bool reprint = record.Receipt == ReceiptState.Started;
            bool composed = record.State == TxnState.Unresolved ? _receipts.ReversalFailed(record) : _receipts.Sale(record, record.CopiesPrinted, reprint);
            if (!composed)
            {
                record.Receipt = ReceiptState.Printed;
                Save(record);
                Note("receipt of " + Trace(record) + " does not fit the receipt buffer: dropped");
                return;
            }
            if (record.Receipt != ReceiptState.Started)
            {
                record.Receipt = ReceiptState.Started;
                if (!Save(record))
                {
                    _nextReceiptMicros = _clock.NowMicros + _config.ReceiptRetryMicros;
                    return;
                }
            }
            _printReprint = reprint;
            PrintOutcome outcome = _printer.Print(_receipts.Writer.Buffer, 0, _receipts.Writer.Length);
            if (outcome == PrintOutcome.Printed)
            {
                CopyDone(record);
                return;
            }
            if (outcome == PrintOutcome.Waiting)
            {
                _printBatch = record.Batch;
                _printTrace = record.Trace;
                _job = FlowJob.Printing;
                return;
            }
            _nextReceiptMicros = _clock.NowMicros + _config.ReceiptRetryMicros;
            Note("receipt of " + Trace(record) + " not printed: " + PrintOutcomeName(outcome));
        }

        private void CopyDone(TxnRecord stored)
        {
            _work.CopyFrom(stored);
            ReceiptsPrinted++;
            _work.CopiesPrinted++;
            int owed = _work.State == TxnState.Unresolved ? 1 : _config.CopiesOwed;
            _work.Receipt = _work.CopiesPrinted >= owed ? ReceiptState.Printed : ReceiptState.Pending;
            Save(_work);
            Note((_work.State == TxnState.Unresolved ? "reversal-failed notice of " : "receipt copy " + _work.CopiesPrinted.ToString() + " of ") + Trace(_work) + " printed" + (_printReprint ? " (marked reprint)" : ""));
        }

        private void Reprint(TxnRecord record, string missing)
        {
            if (record == null || record.State != TxnState.Approved)
            {
                Outcome("REPRINT", 0, record == null ? missing : "Not an approved sale", "reprint refused: " + missing);
                return;
            }
            if (_printer != null && _receipts.Sale(record, _config.CopiesOwed - 1, true))
            {
                PrintNow();
                Note("reprint of " + Trace(record));
            }
        }

        private void PrintNow()
        {
            if (_printer != null)
            {
                _printer.Print(_receipts.Writer.Buffer, 0, _receipts.Writer.Length);
            }
        }

        // ---- The operator's status query and clearing --------------------------------------------

        private void StartOperatorQuery(int trace)
        {
            if (!_keys.IsLoaded)
            {
                Outcome("QUERY", 0, "Not signed in", "query refused: not signed in");
                return;
            }
            TxnRecord record = FindTrace(trace);
            int batch = record != null ? record.Batch : _journal.Batch;
            int own;
            if (!_journal.TryTakeTrace(out own) || _messages.Query(_request, own, _journal.Batch, _config.TerminalId, _config.MerchantId, batch, trace) != CodecStatus.Ok)
            {
                Outcome("QUERY", 0, "Cannot query", "query of " + trace.ToString() + " not built");
                return;
            }
            if (_exchange.Begin(_request, _keys.Mac, _config.ExchangeTimeoutMicros) != ExchangeResult.Waiting)
            {
                Outcome("QUERY", 0, "No connection", "query of " + trace.ToString() + " not sent");
                return;
            }
            _operatorTrace = trace;
            _printBatch = batch;
            _job = FlowJob.OperatorQuery;
            ShowProcessing("QUERY " + ReceiptBuilder.Digits(trace), "Asking the host");
        }

        private void OnOperatorQueryAnswer(ExchangeResult result)
        {
            _job = FlowJob.Idle;
            if (result != ExchangeResult.Answered)
            {
                ForgetKeysOnKeyError(result);
                Outcome("QUERY", 0, Describe(result), "query of " + _operatorTrace.ToString() + ": " + Describe(result));
                return;
            }
            Iso8583Message answer = _exchange.Answer;
            string code = answer.GetText(39) == null ? "" : answer.GetText(39);
            long amount;
            answer.TryGetNumber(4, out amount); // 0 when the answer carries no amount: shown, never booked
            TxnRecord record = _journal.Find(_printBatch, _operatorTrace);
            if (code == "00")
            {
                // The host holds the debit: the sale stands and its receipt prints, marked as a reprint.
                if (record != null && record.State != TxnState.Approved)
                {
                    _work.CopyFrom(record);
                    TakeHostFields(_work, answer);
                    _work.State = TxnState.Approved;
                    _work.Receipt = _config.CopiesOwed > 0 ? ReceiptState.Started : ReceiptState.None;
                    _work.CopiesPrinted = 0;
                    _work.ClearReason = record.State == TxnState.Unresolved ? "Host: paid" : "";
                    Save(_work);
                    SalesApproved++;
                }
                Outcome("PAID", amount, "Ref " + (answer.GetText(37) == null ? "" : answer.GetText(37)), "query of " + _operatorTrace.ToString() + ": paid");
                return;
            }
            if (code == _config.UserPayingCode)
            {
                Outcome("QUERY", amount, "Customer paying", "query of " + _operatorTrace.ToString() + ": customer paying");
                return;
            }
            Outcome("NOT PAID", amount, code + " " + ResponseText.Describe(code), "query of " + _operatorTrace.ToString() + ": " + code);
        }

        private void ClearUnresolved(int trace, string reason)
        {
            TxnRecord record = FindTrace(trace);
            if (record == null || record.State != TxnState.Unresolved)
            {
                Outcome("CLEAR", 0, "Not unresolved", "clear of " + trace.ToString() + " refused: not unresolved");
                return;
            }
            _work.CopyFrom(record);
            _work.State = TxnState.Cleared;
            _work.ClearReason = reason == null || reason.Length == 0 ? "Operator" : reason;
            if (_work.Receipt != ReceiptState.Printed)
            {
                _work.Receipt = ReceiptState.None;
            }
            Save(_work);
            Outcome("CLEARED", record.AmountFen, _work.ClearReason, "unresolved " + Trace(_work) + " cleared: " + _work.ClearReason);
        }

        // ---- Settlement ---------------------------------------------------------------------------

        private void StartSettlement()
        {
            _settlementRound = 0;
            _settlementBalanced = false;
            SendSettlement();
        }

        private void SendSettlement()
        {
            _settlementRound++;
            long debitFen = 0;
            int debitCount = 0;
            for (int i = 0; i < _journal.Count; i++)
            {
                TxnRecord r = _journal.At(i);
                if (r.Batch == _journal.Batch && r.State == TxnState.Approved)
                {
                    debitFen += r.AmountFen;
                    debitCount++;
                }
            }
            int trace;
            if (!_journal.TryTakeTrace(out trace) || _messages.Settlement(_request, trace, _journal.Batch, _config.TerminalId, _config.MerchantId, debitFen, debitCount, 0, 0) != CodecStatus.Ok)
            {
                Outcome("SETTLEMENT", debitFen, "Not built", "settlement not built");
                return;
            }
            if (_exchange.Begin(_request, _keys.Mac, _config.ExchangeTimeoutMicros) != ExchangeResult.Waiting)
            {
                Outcome("SETTLEMENT", debitFen, "No connection", "settlement not sent: " + _exchange.Message);
                return;
            }
            _job = FlowJob.Settlement;
            ShowProcessing("SETTLEMENT", "Batch " + ReceiptBuilder.Digits(_journal.Batch));
        }

        private void OnSettlementAnswer(ExchangeResult result)
        {
            _job = FlowJob.Idle;
            Iso8583Message answer = _exchange.Answer;
            if (result != ExchangeResult.Answered || !answer.TextEquals(39, "00"))
            {
                ForgetKeysOnKeyError(result);
                Outcome("SETTLEMENT", 0, "Failed, try again", "settlement failed: " + Describe(result));
                return;
            }
            int flag = _messages.SettlementFlag(answer);
            _settlementBalanced = flag == _messages.Dialect.SettlementBalanced;
            if (!_settlementBalanced && flag == _messages.Dialect.SettlementUnbalanced && _settlementRound < _config.MaxSettlementRounds)
            {
                // The host's totals differ: upload every approved sale of the batch, then settle again.
                _uploadIndex = 0;
                _uploadCount = 0;
                _uploadEndSent = false;
                Note("settlement round " + _settlementRound.ToString() + ": unbalanced, batch upload");
                SendNextUpload();
                return;
            }
            FinishSettlement();
        }

        private void SendNextUpload()
        {
            int trace;
            if (!_journal.TryTakeTrace(out trace))
            {
                Outcome("SETTLEMENT", 0, "Journal error", "upload stopped: " + _journal.Message);
                return;
            }
            CodecStatus status = CodecStatus.BadValue;
            for (; _uploadIndex < _journal.Count; _uploadIndex++)
            {
                TxnRecord r = _journal.At(_uploadIndex);
                if (r.Batch == _journal.Batch && r.State == TxnState.Approved)
                {
                    status = _messages.BatchUploadDetail(_request, trace, _journal.Batch, _config.TerminalId, _config.MerchantId, r.Trace, r.AmountFen);
                    _uploadIndex++;
                    _uploadCount++;
                    break;
                }
            }
            if (status != CodecStatus.Ok)
            {
                status = _messages.BatchUploadEnd(_request, trace, _journal.Batch, _config.TerminalId, _config.MerchantId, _uploadCount);
                _uploadEndSent = true;
            }
            if (status != CodecStatus.Ok || _exchange.Begin(_request, _keys.Mac, _config.ExchangeTimeoutMicros) != ExchangeResult.Waiting)
            {
                Outcome("SETTLEMENT", 0, "Upload failed", "batch upload not sent: " + _exchange.Message);
                return;
            }
            _job = FlowJob.Upload;
        }

        private void OnUploadAnswer(ExchangeResult result)
        {
            _job = FlowJob.Idle;
            if (result != ExchangeResult.Answered || !_exchange.Answer.TextEquals(39, "00"))
            {
                Outcome("SETTLEMENT", 0, "Upload failed", "batch upload failed: " + Describe(result));
                return;
            }
            if (_uploadEndSent)
            {
                SendSettlement();
                return;
            }
            SendNextUpload();
        }

        private void FinishSettlement()
        {
            int batch = _journal.Batch;
            if (_receipts.Settlement(_journal, batch, _settlementBalanced))
            {
                PrintNow();
            }
            if (!_journal.StartNewBatch())
            {
                Error = "Journal: " + _journal.Message;
                return;
            }
            Settlements++;
            Outcome("SETTLED", 0, (_settlementBalanced ? "Balanced" : "Not balanced") + " " + ReceiptBuilder.Digits(batch), "settlement of batch " + batch.ToString() + ": " + (_settlementBalanced ? "balanced" : "unbalanced"));
        }

        // ---- The exchange and its answers ---------------------------------------------------------

        private void PollExchange()
        {
            ExchangeResult result = _exchange.Poll();
            if (result == ExchangeResult.Waiting)
            {
                return;
            }
            switch (_job)
            {
                case FlowJob.SignIn:
                    OnSignInAnswer(result);
                    break;
                case FlowJob.Sale:
                    OnSaleAnswer(result);
                    break;
                case FlowJob.Query:
                    OnQueryAnswer(result);
                    break;
                case FlowJob.Reversal:
                    OnReversalAnswer(result);
                    break;
                case FlowJob.Settlement:
                    OnSettlementAnswer(result);
                    break;
                case FlowJob.Upload:
                    OnUploadAnswer(result);
                    break;
                case FlowJob.OperatorQuery:
                    OnOperatorQueryAnswer(result);
                    break;
                default:
                    _job = FlowJob.Idle;
                    break;
            }
        }

        private bool BuildSale(TxnRecord record, Iso8583Message into)
        {
            int n = record.Code.Length;
            for (int i = 0; i < n; i++)
            {
                _codeBytes[i] = (byte)record.Code[i];
            }
            return _messages.Sale(into, record.Trace, record.Batch, _config.TerminalId, _config.MerchantId, record.AmountFen, _codeBytes, 0, n) == CodecStatus.Ok;
        }

        private static void TakeHostFields(TxnRecord record, Iso8583Message answer)
        {
            string code = answer.GetText(39);
            record.ResponseCode = code == null ? "" : code;
            string rrn = answer.GetText(37);
            if (rrn != null && rrn.Length > 0)
            {
                record.ReferenceNumber = rrn;
            }
            string auth = answer.GetText(38);
            if (auth != null && auth.Length > 0)
            {
                record.AuthCode = auth;
            }
            string date = answer.GetText(13);
            string time = answer.GetText(12);
            if (date != null && time != null && date.Length == 4 && time.Length == 6)
            {
                record.HostDateTime = date + time;
            }
        }

        private string ReasonFor(ExchangeResult result)
        {
            if (result == ExchangeResult.BadMac)
            {
                return _config.ReasonBadMac;
            }
            if (result == ExchangeResult.Malformed)
            {
                return _config.ReasonUnconfirmed;
            }
            return _config.ReasonNoAnswer;
        }

        private bool IsKeyError(Iso8583Message answer)
        {
            string code = answer.GetText(39);
            return code != null && IsOneOf(code, _config.KeyErrorCodes);
        }

        // An answer whose MAC failed can still say "MAC error" or "not signed in": then sign in again.
        private void ForgetKeysOnKeyError(ExchangeResult result)
        {
            if (result == ExchangeResult.BadMac && IsKeyError(_exchange.Answer))
            {
                ForgetKeys();
            }
        }

        private void ForgetKeys()
        {
            _keys.Forget();
            _journal.ForgetKeys();
            _nextSignInMicros = _clock.NowMicros;
            Note("host reports a key error: sign in again");
        }

        private bool LoadMasterKey()
        {
            int size = -1;
            byte[] key = new byte[16];
            try
            {
                size = _store.SizeOf(_config.MasterKeyFile);
                if (size == 16)
                {
                    size = _store.Read(_config.MasterKeyFile, 0, key, 0, 16);
                }
            }
            catch (FileStoreException e)
            {
                Error = "Master key: " + e.Message;
                return false;
            }
            if (size != 16)
            {
                Error = "Master key missing: " + _config.MasterKeyFile;
                return false;
            }
            _master.SetKey(key, 0, 16);
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = 0;
            }
            return true;
        }

        private bool Save(TxnRecord record)
        {
            if (_journal.Save(record))
            {
                return true;
            }
            Note("journal refused " + Trace(record) + ": " + _journal.Message);
            return false;
        }

        private TxnRecord FindFirst(TxnState state)
        {
            for (int i = 0; i < _journal.Count; i++)
            {
                if (_journal.At(i).State == state)
                {
                    return _journal.At(i);
                }
            }
            return null;
        }

        private TxnRecord FindTrace(int trace)
        {
            TxnRecord record = _journal.Find(_journal.Batch, trace);
            if (record != null)
            {
                return record;
            }
            for (int i = _journal.Count - 1; i >= 0; i--)
            {
                if (_journal.At(i).Trace == trace)
                {
                    return _journal.At(i);
                }
            }
            return null;
        }

        // The last approved sale: the highest trace of the newest batch that has one.
        private TxnRecord LastApproved()
        {
            TxnRecord best = null;
            for (int i = 0; i < _journal.Count; i++)
            {
                TxnRecord r = _journal.At(i);
                if (r.State != TxnState.Approved)
                {
                    continue;
                }
                if (best == null || r.Batch > best.Batch || (r.Batch == best.Batch && r.Trace > best.Trace))
                {
                    best = r;
                }
            }
            return best;
        }

        private void ShowList(string title, bool unresolvedOnly)
        {
            int n = 0;
            for (int i = 0; i < _journal.Count && n < _listLines.Length; i++)
            {
                TxnRecord r = _journal.At(i);
                bool open = r.State == TxnState.Unresolved || r.State == TxnState.ReversalPending;
                if (unresolvedOnly ? open : (r.Batch == _journal.Batch || open))
                {
                    _listLines[n++] = TxnText.ListLine(r);
                }
            }
            if (_console != null)
            {
                _console.ShowList(title, _listLines, n);
            }
        }

        private void ShowIdleNotice()
        {
            if (!OnIdleScreen())
            {
                return;
            }
            // Counted once: the loop passes often, and the notice is redrawn only when what it says changes.
            int unresolved = CountIn(TxnState.Unresolved);
            int pending = CountIn(TxnState.ReversalPending);
            if (unresolved == _noticeUnresolved && pending == _noticePending)
            {
                return;
            }
            _noticeUnresolved = unresolved;
            _noticePending = pending;
            if (unresolved > 0)
            {
                _console.SetNotice("Unresolved: " + unresolved.ToString() + " MENU 4");
            }
            else if (pending > 0)
            {
                _console.SetNotice("Reversal pending: " + pending.ToString());
            }
        }

        // ShowIdleNotice's condition for a redraw, for NextDueMicros.
        private bool IdleNoticeStale()
        {
            return OnIdleScreen() && (CountIn(TxnState.Unresolved) != _noticeUnresolved || CountIn(TxnState.ReversalPending) != _noticePending);
        }

        private bool OnIdleScreen()
        {
            return _console != null && _console.Screen == ConsoleScreen.Idle;
        }

        private void ShowProcessing(string title, string note)
        {
            if (_console != null && _foreground)
            {
                _console.ShowProcessing(title, note);
            }
        }

        // A result goes to the screen when the operator is waiting for it; background work only logs.
        private void Outcome(string title, long amountFen, string message, string log)
        {
            Note(log);
            // A result clears the console's notice: set it again when the idle screen is back.
            _noticeUnresolved = -1;
            _noticePending = -1;
            if (_console != null && (_foreground || _console.Screen == ConsoleScreen.Idle || _console.Screen == ConsoleScreen.Processing))
            {
                _console.ShowOutcome(title, amountFen, message, _clock.NowMicros);
            }
            _foreground = false;
        }

        private void Note(string text)
        {
            LastEvent = text;
            if (Log != null)
            {
                Log.OnPaymentEvent(_clock.NowMicros, text);
            }
        }

        /// <summary>Receives one line per thing the flow does (the emulator's transaction log); may be null.</summary>
        public IPaymentLog Log;

        private static string Trace(TxnRecord record)
        {
            return ReceiptBuilder.Digits(record.Batch) + "/" + ReceiptBuilder.Digits(record.Trace);
        }

        private static bool IsOneOf(string code, string[] codes)
        {
            for (int i = 0; i < codes.Length; i++)
            {
                if (codes[i] == code)
                {
                    return true;
                }
            }
            return false;
        }

        private static string Describe(ExchangeResult result)
        {
            switch (result)
            {
                case ExchangeResult.Answered: return "answered";
                case ExchangeResult.NotSent: return "not sent";
                case ExchangeResult.NoAnswer: return "no answer";
                case ExchangeResult.BadMac: return "bad MAC";
                case ExchangeResult.ConnectionLost: return "connection lost";
                case ExchangeResult.Malformed: return "malformed answer";
                default: return "waiting";
            }
        }

        private static string DescribeRecovery(JournalStatus status)
        {
            switch (status)
            {
                case JournalStatus.Fresh: return "fresh";
                case JournalStatus.Ok: return "ok";
                case JournalStatus.Repaired: return "repaired (torn tail dropped)";
                default: return "store failed";
            }
        }

        private static string PrintOutcomeName(PrintOutcome outcome)
        {
            switch (outcome)
            {
                case PrintOutcome.Busy: return "printer busy";
                case PrintOutcome.TooLarge: return "too large";
                case PrintOutcome.NotReady: return "printer not ready";
                case PrintOutcome.GaveUp: return "gave up";
                default: return "not printed";
            }
        }
    }
}
