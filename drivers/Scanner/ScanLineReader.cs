using PosFirmware.Hal;

namespace PosFirmware.Scanner
{
    /// <summary>
    /// Assembles code lines from the engine's byte stream, one byte at a time, in a fixed buffer. It knows
    /// nothing of ports or payment schemes, so every bad-input case is testable byte by byte:
    /// non-printable bytes mark the line garbled; a line past the buffer is discarded up to its terminator;
    /// a line that stops arriving times out; the engine's command acknowledgement is recognised at the start
    /// of a line and removed. After any outcome the reader starts clean, so nothing leaks into the next line.
    /// </summary>
    public class ScanLineReader
    {
        private readonly byte[] _line;
        private readonly ScannerProfile _profile;
        private readonly long _partialTimeoutMicros;
        private int _length;
        private bool _garbled;
        private bool _overlong;
        private int _ackMatched;
        private long _lastByteMicros;
        private bool _completed;

        /// <summary>Creates a reader for a profile's terminators and acknowledgement, with the bounds of config.</summary>
        public ScanLineReader(ScannerProfile profile, ScannerConfig config)
        {
            Check.That(profile != null && profile.Terminators.Length > 0, "profile has a terminator");
            Check.That(config.MaxLineBytes > 0 && config.PartialLineTimeoutMicros > 0, "line bounds are positive");
            _profile = profile;
            _line = new byte[config.MaxLineBytes];
            _partialTimeoutMicros = config.PartialLineTimeoutMicros;
        }

        /// <summary>The finished line's bytes (valid after Feed returned Line, until the next Feed).</summary>
        public byte[] LineBuffer
        {
            get { return _line; }
        }

        /// <summary>The finished line's length in bytes.</summary>
        public int LineLength
        {
            get { return _completed ? _length : 0; }
        }

        /// <summary>True while part of a line (or of an acknowledgement) has arrived.</summary>
        public bool InProgress
        {
            get { return !_completed && (_length > 0 || _garbled || _overlong || _ackMatched > 0); }
        }

        /// <summary>Takes one received byte.</summary>
        public LineStatus Feed(byte b, long nowMicros)
        {
            if (_completed)
            {
                Reset();
            }
            _lastByteMicros = nowMicros;
            if (AtLineStart() && _profile.Ack.Length > 0)
            {
                if (b == _profile.Ack[_ackMatched])
                {
                    _ackMatched++;
                    if (_ackMatched == _profile.Ack.Length)
                    {
                        _ackMatched = 0;
                        return LineStatus.Ack;
                    }
                    return LineStatus.None;
                }
                // Not an acknowledgement after all: what matched so far is line content.
                int matched = _ackMatched;
                _ackMatched = 0;
                for (int i = 0; i < matched; i++)
                {
                    Append(_profile.Ack[i]);
                }
            }
            if (_profile.IsTerminator(b))
            {
                return Finish();
            }
            Append(b);
            return LineStatus.None;
        }

        /// <summary>When Tick drops the line in progress if no byte comes before (long.MaxValue when none is in progress).</summary>
        public long PartialDeadlineMicros
        {
            get { return InProgress ? _lastByteMicros + _partialTimeoutMicros : long.MaxValue; }
        }

        /// <summary>Checks the partial-line timeout; call once per poll after feeding what arrived.</summary>
        public LineStatus Tick(long nowMicros)
        {
            if (!InProgress || nowMicros - _lastByteMicros < _partialTimeoutMicros)
            {
                return LineStatus.None;
            }
            bool overlong = _overlong;
            Reset();
            return overlong ? LineStatus.Overlong : LineStatus.Truncated;
        }

        /// <summary>Drops whatever was assembled.</summary>
        public void Reset()
        {
            _length = 0;
            _garbled = false;
            _overlong = false;
            _ackMatched = 0;
            _completed = false;
        }

        private bool AtLineStart()
        {
            return _length == 0 && !_garbled && !_overlong;
        }

        private void Append(byte b)
        {
            if (_overlong)
            {
                return;
            }
            if (b < 0x20 || b > 0x7E)
            {
                _garbled = true;
            }
            if (_length == _line.Length)
            {
                _overlong = true;
                return;
            }
            _line[_length++] = b;
        }

        private LineStatus Finish()
        {
            if (_overlong)
            {
                Reset();
                return LineStatus.Overlong;
            }
            if (_garbled)
            {
                Reset();
                return LineStatus.Garbled;
            }
            if (_length == 0)
            {
                // An empty line: the second byte of a CR LF pair, or a stray terminator.
                _ackMatched = 0;
                return LineStatus.None;
            }
            _completed = true;
            return LineStatus.Line;
        }
    }
}
