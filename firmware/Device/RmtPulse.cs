using nanoFramework.Hardware.Esp32.Rmt;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// IPulseOutput on an RMT channel clocked at 1 MHz (80 MHz APB / 80): one item, active for the width then
    /// idle, sent without waiting. The RMT holds the line, so the width is exact whatever the CPU does. An
    /// output made active low (LAT) idles high (TransmitChannelSettings.IdleLevel) and pulses low; the strobes
    /// idle low and pulse high. The items live in buffers made once, prebuilt with their levels and tail, and
    /// only the halves that change are rewritten (a pulse's width when it differs from the last one; a send
    /// ahead's lead), so a pulse allocates nothing. One RMT half-item holds at most 32767 ticks, which bounds
    /// a pulse to 32.7 ms. A pulse sent ahead of its edge (PulseAt) is two items from a second buffer: idle
    /// until the edge, then active for the width, then the tail. The lead is taken from a clock read just
    /// before the send, so the edge comes no sooner than asked; it comes later by the time between that read
    /// and the RMT starting the item (SendLatencyMicros, UNCONFIRMED: 0 until measured on the board; set it
    /// and the lead shrinks by it).
    /// </summary>
    public sealed class RmtPulse : IPulseOutput, System.IDisposable
    {
        private const int TailTicks = 1;
        private readonly TransmitterChannel _channel;
        private readonly IClock _clock;
        private readonly bool _active;
        private readonly byte[] _item = new byte[RmtItemEncoding.ItemBytes];
        private readonly byte[] _leadItems = new byte[2 * RmtItemEncoding.ItemBytes];
        private int _itemWidth = -1;
        private int _leadWidth = -1;
        private long _endMicros;

        /// <summary>Microseconds from the clock read to the RMT starting an item (UNCONFIRMED, see above).</summary>
        public int SendLatencyMicros;

        /// <summary>Opens an RMT transmit channel on a pin for high pulses, idling low, with the carrier off (its default is a 38 kHz IR carrier).</summary>
        public RmtPulse(int pinNumber, IClock clock)
            : this(pinNumber, clock, false)
        {
        }

        /// <summary>Opens an RMT transmit channel on a pin; activeLow: idling high and pulsing low (LAT).</summary>
        public RmtPulse(int pinNumber, IClock clock, bool activeLow)
        {
            TransmitChannelSettings settings = new TransmitChannelSettings(-1, pinNumber);
            settings.ClockDivider = 80;
            settings.EnableCarrierWave = false;
            settings.IdleLevel = activeLow;
            settings.EnableIdleLevelOutput = true;
            _channel = new TransmitterChannel(settings);
            _clock = clock;
            _active = !activeLow;
            // The parts that never change: the tail (idle), and the lead's idle level.
            RmtItemEncoding.Write(_item, 0, 1, _active, TailTicks, !_active);
            RmtItemEncoding.Write(_leadItems, 0, 1, !_active, 1, _active);
            RmtItemEncoding.Write(_leadItems, RmtItemEncoding.ItemBytes, TailTicks, !_active, TailTicks, !_active);
        }

        /// <inheritdoc />
        public bool Busy
        {
            get { return _clock.NowMicros < _endMicros; }
        }

        /// <inheritdoc />
        public void Pulse(int widthMicros)
        {
            long now = _clock.NowMicros;
            if (widthMicros <= 0 || now < _endMicros)
            {
                return;
            }
            if (widthMicros > RmtItemEncoding.MaxDurationTicks)
            {
                widthMicros = RmtItemEncoding.MaxDurationTicks;
            }
            if (widthMicros != _itemWidth)
            {
                RmtItemEncoding.WriteHalf(_item, 0, widthMicros, _active);
                _itemWidth = widthMicros;
            }
            _endMicros = now + widthMicros + TailTicks;
            _channel.SendData(_item, false);
        }

        /// <inheritdoc />
        public void PulseAt(long riseMicros, int widthMicros)
        {
            // One clock read serves both the busy test and the lead.
            long now = _clock.NowMicros;
            if (widthMicros <= 0 || now < _endMicros)
            {
                return;
            }
            if (widthMicros > RmtItemEncoding.MaxDurationTicks)
            {
                widthMicros = RmtItemEncoding.MaxDurationTicks;
            }
            long lead = riseMicros - now - SendLatencyMicros;
            // A zero duration ends an RMT transmission, so the lead is at least one tick.
            if (lead < 1)
            {
                lead = 1;
            }
            if (lead > RmtItemEncoding.MaxDurationTicks)
            {
                lead = RmtItemEncoding.MaxDurationTicks;
            }
            RmtItemEncoding.WriteHalf(_leadItems, 0, (int)lead, !_active);
            if (widthMicros != _leadWidth)
            {
                RmtItemEncoding.WriteHalf(_leadItems, 2, widthMicros, _active);
                _leadWidth = widthMicros;
            }
            _endMicros = now + SendLatencyMicros + lead + widthMicros + 2 * TailTicks;
            _channel.SendData(_leadItems, false);
        }

        /// <summary>Frees the RMT channel (the ESP32 has 8).</summary>
        public void Dispose()
        {
            _channel.Dispose();
        }
    }
}
