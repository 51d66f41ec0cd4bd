using PosFirmware.Hal;

namespace PosFirmware.PrintHead
{
    /// <summary>
    /// A switch input (paper sensor, platen switch) whose last reading in a driver call is used again for a
    /// short span: each read is an adapter call on the device, and a debounced switch cannot change meaningfully
    /// in less than a millisecond. A new call forgets the reading, since the world may have changed between calls.
    /// </summary>
    internal sealed class SwitchReading
    {
        private readonly IDigitalInput _pin;
        private readonly IClock _clock;
        private bool _level;
        private long _readAtMicros = -1;

        public SwitchReading(IDigitalInput pin, IClock clock)
        {
            _pin = pin;
            _clock = clock;
        }

        /// <summary>The level, from a reading taken less than reuseMicros ago in this call, or read now.</summary>
        public bool Read(int reuseMicros)
        {
            long now = _clock.NowMicros;
            if (_readAtMicros < 0 || now - _readAtMicros >= reuseMicros)
            {
                ReadNow();
            }
            return _level;
        }

        /// <summary>Reads the pin now, whatever was read before, and keeps the reading.</summary>
        public bool ReadNow()
        {
            _level = _pin.Read();
            _readAtMicros = _clock.NowMicros;
            return _level;
        }

        /// <summary>Forgets the reading: the next Read reads the pin.</summary>
        public void Forget()
        {
            _readAtMicros = -1;
        }
    }
}
