using PosFirmware.Hal;

namespace PosFirmware.Scanner
{
    /// <summary>
    /// The serial scan engine (GM65 class) as the firmware sees it: StartScan opens a scan window (sending the
    /// profile's trigger command in host-triggered mode), Poll takes what the UART has received without
    /// waiting and reports at most one outcome, StopScan ends the window (sending the stop command). Bytes
    /// that arrive outside a window are read and dropped, so nothing stale reaches the next scan. A code is
    /// accepted only if the payment-code table knows its scheme and it is not the code accepted just before.
    /// </summary>
    public class BarcodeScanner
    {
        private readonly ISerialPort _port;
        private readonly IClock _clock;
        private readonly ScannerProfile _profile;
        private readonly PaymentCodeTable _table;
        private readonly ScannerConfig _config;
        private readonly ScanLineReader _reader;
        private readonly byte[] _chunk;
        private readonly byte[] _code;
        private readonly byte[] _lastAccepted;
        private int _chunkPosition;
        private int _chunkCount;
        private int _codeLength;
        private int _lastAcceptedLength;
        private long _lastAcceptedMicros;
        private long _windowStartMicros;
        private long _lastTriggerMicros;
        private int _triggersSent;
        private bool _scanning;

        /// <summary>Creates the driver; allocates every buffer it will use.</summary>
        public BarcodeScanner(ISerialPort port, IClock clock, ScannerProfile profile, PaymentCodeTable table, ScannerConfig config)
        {
            Check.That(port != null && clock != null && profile != null && table != null && config != null, "scanner has its parts");
            Check.That(config.ReadChunkBytes > 0 && config.MaxBytesPerPoll > 0 && config.ScanWindowMicros > 0 && config.TriggerRepeatMicros > 0, "scanner bounds are positive");
            _port = port;
            _clock = clock;
            _profile = profile;
            _table = table;
            _config = config;
            _reader = new ScanLineReader(profile, config);
            _chunk = new byte[config.ReadChunkBytes];
            _code = new byte[config.MaxLineBytes];
            _lastAccepted = new byte[config.MaxLineBytes];
        }

        /// <summary>True while a scan window is open.</summary>
        public bool Scanning
        {
            get { return _scanning; }
        }

        /// <summary>The profile in use.</summary>
        public ScannerProfile Profile
        {
            get { return _profile; }
        }

        /// <summary>The outcome the last Poll reported.</summary>
        public ScanStatus LastStatus;

        /// <summary>A display text for the last outcome (one of ScanMessages).</summary>
        public string LastMessage = "";

        /// <summary>The scheme of the last accepted code (from the table); meaningful when LastStatus is CodeRead.</summary>
        public PaymentScheme LastScheme;

        /// <summary>Acknowledgements received from the engine.</summary>
        public long AcksReceived;

        /// <summary>Bytes read and dropped because no scan window was open.</summary>
        public long BytesOutsideWindow;

        /// <summary>Trigger commands sent.</summary>
        public long TriggersSent;

        /// <summary>Lines dropped as unusable (garbled, overlong, truncated, refused, duplicate).</summary>
        public long LinesRejected;

        /// <summary>Length of the last line read (the accepted code after CodeRead).</summary>
        public int CodeLength
        {
            get { return _codeLength; }
        }

        /// <summary>Copies the last line read into destination at offset; returns its length.</summary>
        public int CopyCode(byte[] destination, int offset)
        {
            Check.That(destination != null && offset >= 0 && offset + _codeLength <= destination.Length, "code fits the destination");
            for (int i = 0; i < _codeLength; i++)
            {
                destination[offset + i] = _code[i];
            }
            return _codeLength;
        }

        /// <summary>The last line read as text (allocates: for the payment flow and logs, once per scan).</summary>
        public string CodeText()
        {
            char[] chars = new char[_codeLength];
            for (int i = 0; i < _codeLength; i++)
            {
                chars[i] = (char)_code[i];
            }
            return new string(chars);
        }

        /// <summary>Sends the profile's setup command (if any) at start-up.</summary>
        public void Start()
        {
            Send(_profile.SetupCommand);
        }

        /// <summary>Opens a scan window now, dropping anything received before it.</summary>
        public void StartScan()
        {
            DrainPort();
            _reader.Reset();
            _codeLength = 0;
            _scanning = true;
            _triggersSent = 0;
            _windowStartMicros = _clock.NowMicros;
            Trigger();
        }

        /// <summary>Ends the scan window (safe to call when none is open).</summary>
        public void StopScan()
        {
            if (!_scanning)
            {
                return;
            }
            _scanning = false;
            _reader.Reset();
            Send(_profile.StopCommand);
        }

        /// <summary>Handles what has arrived, without waiting; returns at most one outcome.</summary>
        public ScanStatus Poll()
        {
            long nowMicros = _clock.NowMicros;
            if (!_scanning)
            {
                DrainPort();
                return ScanStatus.None;
            }
            for (int handled = 0; handled < _config.MaxBytesPerPoll; handled++)
            {
                if (_chunkPosition == _chunkCount && !FillChunk())
                {
                    break;
                }
                LineStatus line = _reader.Feed(_chunk[_chunkPosition++], nowMicros);
                if (line == LineStatus.Ack)
                {
                    AcksReceived++;
                }
                else if (line != LineStatus.None)
                {
                    return Finish(line, nowMicros);
                }
            }
            LineStatus timedOut = _reader.Tick(nowMicros);
            if (timedOut != LineStatus.None)
            {
                return Finish(timedOut, nowMicros);
            }
            if (nowMicros - _windowStartMicros >= _config.ScanWindowMicros)
            {
                StopScan();
                return Report(ScanStatus.NoRead, ScanMessages.NoRead);
            }
            if (nowMicros - _lastTriggerMicros >= _config.TriggerRepeatMicros && !_reader.InProgress)
            {
                // The engine's read session is over with nothing read: ask it to read again.
                Trigger();
            }
            return Report(ScanStatus.None, LastMessage);
        }

        /// <summary>
        /// When Poll next has something to do with no new byte arriving: nowMicros while received bytes wait,
        /// else the earliest of the partial-line timeout, the window's end and the next trigger repeat
        /// (long.MaxValue with no window open: then only a byte, which must be drained, makes work).
        /// </summary>
        public long NextDueMicros(long nowMicros)
        {
            if (_chunkPosition < _chunkCount || _port.BytesToRead > 0)
            {
                return nowMicros;
            }
            if (!_scanning)
            {
                return long.MaxValue;
            }
            long due = _reader.PartialDeadlineMicros;
            long windowEnd = _windowStartMicros + _config.ScanWindowMicros;
            if (windowEnd < due)
            {
                due = windowEnd;
            }
            if (TriggerLeft() && !_reader.InProgress)
            {
                long repeat = _lastTriggerMicros + _config.TriggerRepeatMicros;
                if (repeat < due)
                {
                    due = repeat;
                }
            }
            return due;
        }

        private ScanStatus Finish(LineStatus line, long nowMicros)
        {
            _codeLength = 0;
            if (line == LineStatus.Line)
            {
                byte[] buffer = _reader.LineBuffer;
                int start = 0;
                if (_profile.CodeIds.Length > 0)
                {
                    // The engine's own mark that its decoder made this line; without it the line is noise.
                    if (_reader.LineLength == 0 || !_profile.IsCodeId(buffer[0]))
                    {
                        return Rejected(ScanStatus.Refused, ScanMessages.NotPaymentCode);
                    }
                    start = 1;
                }
                _codeLength = _reader.LineLength - start;
                for (int i = 0; i < _codeLength; i++)
                {
                    _code[i] = buffer[start + i];
                }
                return Classify(nowMicros);
            }
            if (line == LineStatus.Garbled)
            {
                return Rejected(ScanStatus.Garbled, ScanMessages.Garbled);
            }
            if (line == LineStatus.Overlong)
            {
                return Rejected(ScanStatus.Overlong, ScanMessages.Overlong);
            }
            return Rejected(ScanStatus.Truncated, ScanMessages.Truncated);
        }

        private ScanStatus Classify(long nowMicros)
        {
            int rule;
            CodeMismatch why;
            if (!_table.TryClassify(_code, 0, _codeLength, out rule, out why))
            {
                return Rejected(ScanStatus.Refused, why == CodeMismatch.NotDigits ? ScanMessages.NotPaymentCode : ScanMessages.UnknownScheme);
            }
            if (IsRecentDuplicate(nowMicros))
            {
                return Rejected(ScanStatus.Duplicate, ScanMessages.Duplicate);
            }
            for (int i = 0; i < _codeLength; i++)
            {
                _lastAccepted[i] = _code[i];
            }
            _lastAcceptedLength = _codeLength;
            _lastAcceptedMicros = nowMicros;
            LastScheme = _table.Rule(rule).Scheme;
            StopScan();
            return Report(ScanStatus.CodeRead, ScanMessages.Accepted);
        }

        private bool IsRecentDuplicate(long nowMicros)
        {
            if (_lastAcceptedLength != _codeLength || nowMicros - _lastAcceptedMicros >= _config.DuplicateWindowMicros)
            {
                return false;
            }
            for (int i = 0; i < _codeLength; i++)
            {
                if (_lastAccepted[i] != _code[i])
                {
                    return false;
                }
            }
            return true;
        }

        private ScanStatus Rejected(ScanStatus status, string message)
        {
            LinesRejected++;
            // In host-triggered mode the engine's read is over; ask for another within the same window.
            Trigger();
            return Report(status, message);
        }

        private ScanStatus Report(ScanStatus status, string message)
        {
            LastStatus = status;
            LastMessage = message;
            return status;
        }

        private void Trigger()
        {
            if (!TriggerLeft())
            {
                return;
            }
            _triggersSent++;
            TriggersSent++;
            _lastTriggerMicros = _clock.NowMicros;
            Send(_profile.TriggerCommand);
        }

        private bool TriggerLeft()
        {
            return _profile.Mode == ScanMode.HostTriggered && _triggersSent < _config.MaxTriggersPerScan;
        }

        private bool FillChunk()
        {
            _chunkPosition = 0;
            _chunkCount = _port.Read(_chunk, 0, _chunk.Length);
            return _chunkCount > 0;
        }

        private void DrainPort()
        {
            BytesOutsideWindow += _chunkCount - _chunkPosition;
            _chunkPosition = 0;
            _chunkCount = 0;
            for (int i = 0; i < _config.MaxBytesPerPoll && _port.BytesToRead > 0; i += _chunk.Length)
            {
                BytesOutsideWindow += _port.Read(_chunk, 0, _chunk.Length);
            }
        }

        private void Send(byte[] command)
        {
            if (command.Length > 0)
            {
                _port.Write(command, 0, command.Length);
            }
        }
    }
}
