using System.Threading;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// IIdleWait on the ESP32: an AutoResetEvent that the scanner UART's DataReceived and the head sensors'
    /// pin events set, waited on with a timeout so the core idles instead of spinning. Two inputs raise no
    /// event: the keypad matrix (scanned over I2C; the expander's INT line is not wired) and the socket
    /// (nanoFramework's Socket has no receive event), so no sleep is longer than the poll bound and the next
    /// pass looks at them. The RTOS tick is 10 ms (docs/platform.md, timing): a wait of a tick or more sleeps
    /// and may end up to a tick late, which the deadlines it serves (heartbeat, timeouts and retries of
    /// 100 ms and more) allow; a shorter one, the busy loop's pace, is spun.
    /// </summary>
    public sealed class EventWait : IIdleWait
    {
        private const long TickMicros = 10000;

        private readonly AutoResetEvent _event = new AutoResetEvent(false);
        private readonly IClock _clock;
        private readonly long _pollBoundMicros;

        /// <summary>Creates the wait; pollBoundMicros is how often the inputs without an event must be looked at.</summary>
        public EventWait(IClock clock, long pollBoundMicros)
        {
            _clock = clock;
            _pollBoundMicros = pollBoundMicros;
        }

        /// <summary>An input event happened (called from the runtime's event thread): ends the current or next wait.</summary>
        public void Signal()
        {
            _event.Set();
        }

        /// <inheritdoc />
        public bool WaitForEvent(long untilMicros)
        {
            long now = _clock.NowMicros;
            if (untilMicros - now > _pollBoundMicros)
            {
                untilMicros = now + _pollBoundMicros;
            }
            long waitMicros = untilMicros - now;
            if (waitMicros >= TickMicros)
            {
                return _event.WaitOne((int)(waitMicros / 1000), false);
            }
            while (_clock.NowMicros < untilMicros)
            {
                if (_event.WaitOne(0, false))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
