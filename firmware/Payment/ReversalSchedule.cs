namespace PosFirmware.Payment
{
    /// <summary>
    /// When each pending reversal is next due and when it was last tried, in RAM only: after a reboot every
    /// pending reversal is due at once, which is what the rules want (reversals go first).
    /// </summary>
    public sealed class ReversalSchedule
    {
        private readonly int[] _batch;
        private readonly int[] _trace;
        private readonly long[] _nextMicros;
        private readonly long[] _lastMicros;
        private int _count;

        /// <summary>Creates a schedule for up to capacity records (the journal's bound).</summary>
        public ReversalSchedule(int capacity)
        {
            _batch = new int[capacity];
            _trace = new int[capacity];
            _nextMicros = new long[capacity];
            _lastMicros = new long[capacity];
        }

        /// <summary>Makes a record due now (a reversal just armed).</summary>
        public void Due(int batch, int trace, long nowMicros)
        {
            int i = Slot(batch, trace);
            _nextMicros[i] = nowMicros;
            _lastMicros[i] = long.MinValue;
        }

        /// <summary>Notes an attempt at nowMicros and when the next one is due.</summary>
        public void Tried(int batch, int trace, long nowMicros, long nextMicros)
        {
            int i = Slot(batch, trace);
            _lastMicros[i] = nowMicros;
            _nextMicros[i] = nextMicros;
        }

        /// <summary>When the record's next attempt is due (long.MinValue: never tried since boot, due now).</summary>
        public long NextMicros(int batch, int trace)
        {
            int i = Find(batch, trace);
            return i < 0 ? long.MinValue : _nextMicros[i];
        }

        /// <summary>When the record was last tried (long.MinValue: not since boot).</summary>
        public long LastMicros(int batch, int trace)
        {
            int i = Find(batch, trace);
            return i < 0 ? long.MinValue : _lastMicros[i];
        }

        private int Find(int batch, int trace)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_batch[i] == batch && _trace[i] == trace)
                {
                    return i;
                }
            }
            return -1;
        }

        // A full table reuses its oldest-tried slot: that record is then simply due again, never lost.
        private int Slot(int batch, int trace)
        {
            int i = Find(batch, trace);
            if (i >= 0)
            {
                return i;
            }
            if (_count < _batch.Length)
            {
                i = _count++;
            }
            else
            {
                i = 0;
                for (int j = 1; j < _count; j++)
                {
                    if (_lastMicros[j] < _lastMicros[i])
                    {
                        i = j;
                    }
                }
            }
            _batch[i] = batch;
            _trace[i] = trace;
            _nextMicros[i] = long.MinValue;
            _lastMicros[i] = long.MinValue;
            return i;
        }
    }
}
