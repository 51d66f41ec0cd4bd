using PosFirmware.Hal;

namespace PosFirmware.PrintHead
{
    /// <summary>
    /// The paper-feed motor through its excitation table ([S-LTPD245C] 3.3): energise, step forward with the
    /// acceleration table, hold and release. Speed rule: from standstill the first step waits the start step
    /// (entry 0, the stop phase held); after that each step may be no shorter than the longest table entry
    /// still shorter than the previous step, so a step stretched for heat re-accelerates from where it is, as
    /// the datasheet asks; and never faster than the max pulse rate at the supply.
    /// </summary>
    public class StepperDrive
    {
        private readonly MechanismProfile _p;
        private readonly IDigitalPort _phases;
        private readonly IClock _clock;
        private readonly int _accelerationPercent;
        private int _state;
        private int _hint = 1;
        private long _rateLimitMicros = 1;

        /// <summary>Creates the drive on the phase port (bits 0..3 = A, B, /A, /B); the coils start open.</summary>
        public StepperDrive(MechanismProfile profile, IDigitalPort phases, IClock clock, int accelerationPercent)
        {
            Check.That(phases != null, "a motor phase port: A, B, /A, /B");
            _p = profile;
            _phases = phases;
            _clock = clock;
            _accelerationPercent = accelerationPercent;
            LastIntervalMicros = -1;
            _phases.Write(0);
        }

        /// <summary>True while the coils are driven.</summary>
        public bool Energized;

        /// <summary>When the coils were last energised (the continuous-drive clock).</summary>
        public long EnergizedAtMicros;

        /// <summary>When the last step (or the energising) happened.</summary>
        public long LastStepMicros;

        /// <summary>The last step's interval; -1 right after energising (standstill).</summary>
        public long LastIntervalMicros;

        /// <summary>Steps since the last heat started (for the feed-after-heat rule).</summary>
        public int StepsSinceHeat = int.MaxValue / 2;

        /// <summary>Phase port writes made since the driver was made (each one adapter call).</summary>
        public long PhaseWrites;

        /// <summary>Steps taken since the driver was made.</summary>
        public long TotalSteps;

        /// <summary>Energises the current phase (the start step begins now).</summary>
        public void Energize()
        {
            if (Energized)
            {
                return;
            }
            WriteState(_state);
            Energized = true;
            EnergizedAtMicros = _clock.NowMicros;
            LastStepMicros = EnergizedAtMicros;
            LastIntervalMicros = -1;
            NextIntervalMicros = TableNextMicros(_rateLimitMicros);
        }

        /// <summary>Releases the coils (pause: the detent torque holds the paper).</summary>
        public void Release()
        {
            WriteLevels(0);
            Energized = false;
            LastIntervalMicros = -1;
            NextIntervalMicros = TableNextMicros(_rateLimitMicros);
        }

        /// <summary>The shortest interval the next step may have, at a supply in mV.</summary>
        public long MinNextIntervalMicros(double supplyMillivolts, double maxPps, int marginPercent)
        {
            return TableNextMicros(RateLimitMicros((float)maxPps, marginPercent));
        }

        /// <summary>
        /// The shortest step interval a max pulse rate allows, with a margin in percent, in single precision
        /// (once per line on the device): one more than the whole microseconds, so a rounding error under a
        /// microsecond never takes it below the cap.
        /// </summary>
        public static long RateLimitMicros(float maxPps, int marginPercent)
        {
            return (long)(1000000.0f * (100 + marginPercent) / (100.0f * maxPps)) + 1;
        }

        /// <summary>
        /// Sets the rate cap (see <see cref="RateLimitMicros"/>), once per line: the per-step work is then
        /// integer only, and the next interval is looked up once per step, not at every due-time check.
        /// </summary>
        public void SetRateLimit(long rateLimitMicros)
        {
            if (rateLimitMicros == _rateLimitMicros && _p.AccelerationMicros == _scaledFrom)
            {
                // The same cap on the same table: the lookup made at the last step (or energising or release)
                // holds, and made again it would end where it ended, after one look.
                LookupSteps = 1;
                return;
            }
            _rateLimitMicros = rateLimitMicros;
            NextIntervalMicros = TableNextMicros(rateLimitMicros);
        }

        /// <summary>The shortest interval the next step may have at the rate cap last set.</summary>
        public long NextIntervalMicros;

        /// <summary>
        /// The next step's lookup takes at most three looks when its interval is above PaceBandMinMicros and at
        /// most PaceBandMaxMicros (table entries two after and three before the place the motor is at); empty
        /// (0, 0) off the table.
        /// </summary>
        public long PaceBandMinMicros;

        /// <summary>See <see cref="PaceBandMinMicros"/>.</summary>
        public long PaceBandMaxMicros;

        /// <summary>Table entries looked at by the last lookup (the device CPU's cost model charges them).</summary>
        public int LookupSteps;

        /// <summary>How long the last step's phase writes took (the driver starts a step that much early).</summary>
        public long WriteMicros;

        // The acceleration table scaled by the acceleration percent, worked out once per table: the lookup at
        // every step then reads it instead of multiplying and dividing each entry it looks at.
        private int[] _scaledFrom;
        private long[] _scaled;

        private long[] ScaledTable()
        {
            int[] table = _p.AccelerationMicros;
            if (table != _scaledFrom)
            {
                long[] scaled = new long[table.Length];
                for (int i = 0; i < table.Length; i++)
                {
                    scaled[i] = Scale(table[i]);
                }
                _scaled = scaled;
                _scaledFrom = table;
                // Where the last search ended is a place in the old table, maybe past the new one's end.
                _hint = 1;
            }
            return _scaled;
        }

        private long TableNextMicros(long rateLimit)
        {
            // The table in use is checked here, and scaled again (a call) only when the profile holds another.
            long[] table = _p.AccelerationMicros == _scaledFrom ? _scaled : ScaledTable();
            long table0 = table[0];
            long next;
            LookupSteps = 1;
            PaceBandMinMicros = 0;
            PaceBandMaxMicros = 0;
            if (LastIntervalMicros < 0)
            {
                next = table0;
            }
            else if (LastIntervalMicros >= table0)
            {
                next = table[1];
                _hint = 1;
            }
            else
            {
                // The first entry shorter than the last interval, searched from where the last search ended:
                // while the motor follows the table that is one or two looks, not a scan of the table.
                int i = _hint < 1 ? 1 : _hint;
                while (i > 1 && table[i - 1] < LastIntervalMicros)
                {
                    i--;
                    LookupSteps++;
                }
                while (i < table.Length - 1 && table[i] >= LastIntervalMicros)
                {
                    i++;
                    LookupSteps++;
                }
                _hint = i;
                next = table[i];
                PaceBandMaxMicros = table[i > 3 ? i - 3 : 0];
                PaceBandMinMicros = i + 2 < table.Length ? table[i + 2] : 0;
            }
            return next > rateLimit ? next : rateLimit;
        }

        /// <summary>Steps one state forward now.</summary>
        public void Step()
        {
            Check.That(Energized, "the motor is energised before it steps");
            // The next state, wrapped without a division (a software routine on the device's core).
            _state = _state + 1 < _p.ExcitationStates ? _state + 1 : 0;
            long before = _clock.NowMicros;
            WriteState(_state);
            long now = _clock.NowMicros;
            WriteMicros = now - before;
            LastIntervalMicros = now - LastStepMicros;
            LastStepMicros = now;
            NextIntervalMicros = TableNextMicros(_rateLimitMicros);
            TotalSteps++;
            if (StepsSinceHeat < int.MaxValue / 2)
            {
                StepsSinceHeat++;
            }
        }

        private long Scale(int micros)
        {
            return (long)micros * _accelerationPercent / 100;
        }

        private void WriteState(int state)
        {
            if (_p.ExcitationCoilA != _levelsFromA || _p.ExcitationCoilB != _levelsFromB)
            {
                KeepLevels();
            }
            WriteLevels(_levelsOfState[state]);
        }

        // The port levels of each excitation state, worked out once per table: a step then writes its state's
        // levels without reading both coil tables and building the mask again.
        private int[] _levelsFromA;
        private int[] _levelsFromB;
        private int[] _levelsOfState;

        private void KeepLevels()
        {
            int[] coilA = _p.ExcitationCoilA;
            int[] coilB = _p.ExcitationCoilB;
            int[] levels = new int[coilA.Length];
            for (int i = 0; i < levels.Length; i++)
            {
                levels[i] = PortLevels(coilA[i], coilB[i]);
            }
            _levelsOfState = levels;
            _levelsFromA = coilA;
            _levelsFromB = coilB;
        }

        /// <summary>The port levels (bits 0..3 = A, B, /A, /B) that drive coil currents a and b (+1, 0, -1 each).</summary>
        public static int PortLevels(int a, int b)
        {
            return (a > 0 ? 1 : 0) | (b > 0 ? 2 : 0) | (a < 0 ? 4 : 0) | (b < 0 ? 8 : 0);
        }

        /// <summary>
        /// Sets the four phases together: the motor never sees a state between two excitation states, and a
        /// port of single pins writes the falling edges first, so a coil is never driven both ways at once.
        /// </summary>
        private void WriteLevels(int levels)
        {
            _phases.Write(levels);
            PhaseWrites++;
        }
    }
}
