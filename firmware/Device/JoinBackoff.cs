namespace PosFirmware.Device
{
    /// <summary>
    /// When the Wi-Fi link may try to join again: at once at first, then after each failure a wait that
    /// doubles from MinMicros up to MaxMicros, back to none after a success. A dead access point then costs
    /// one join timeout per backoff period instead of one per transaction attempt.
    /// </summary>
    public sealed class JoinBackoff
    {
        private readonly long _minMicros;
        private readonly long _maxMicros;
        private long _waitMicros;
        private long _nextMicros;

        public JoinBackoff(long minMicros, long maxMicros)
        {
            _minMicros = minMicros;
            _maxMicros = maxMicros;
            _waitMicros = minMicros;
        }

        /// <summary>True when a join may be tried at nowMicros.</summary>
        public bool MayTry(long nowMicros)
        {
            return nowMicros >= _nextMicros;
        }

        /// <summary>A join failed at nowMicros: the next may come after the current wait, which then doubles.</summary>
        public void Failed(long nowMicros)
        {
            _nextMicros = nowMicros + _waitMicros;
            _waitMicros = _waitMicros > _maxMicros / 2 ? _maxMicros : _waitMicros * 2;
        }

        /// <summary>A join succeeded: the next failure waits the minimum again.</summary>
        public void Succeeded()
        {
            _waitMicros = _minMicros;
            _nextMicros = 0;
        }
    }
}
