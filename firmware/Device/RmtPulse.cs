using nanoFramework.Hardware.Esp32.Rmt;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// IPulseOutput on an RMT channel clocked at 1 MHz (80 MHz APB / 80): one item, high for the width then
    /// low, sent without waiting. The RMT holds the line, so the width is exact whatever the CPU does. The
    /// item lives in a buffer made once and is rewritten in place for each strobe, so a pulse allocates
    /// nothing. One RMT half-item holds at most 32767 ticks, which bounds a pulse to 32.7 ms.
    /// </summary>
    public sealed class RmtPulse : IPulseOutput, System.IDisposable
    {
        private const int TailTicks = 1;
        private readonly TransmitterChannel _channel;
        private readonly IClock _clock;
        private readonly byte[] _item = new byte[RmtItemEncoding.ItemBytes];
        private long _endMicros;

        /// <summary>Opens an RMT transmit channel on a pin, idling low, with the carrier off (its default is a 38 kHz IR carrier).</summary>
        public RmtPulse(int pinNumber, IClock clock)
        {
            TransmitChannelSettings settings = new TransmitChannelSettings(-1, pinNumber);
            settings.ClockDivider = 80;
            settings.EnableCarrierWave = false;
            settings.IdleLevel = false;
            settings.EnableIdleLevelOutput = true;
            _channel = new TransmitterChannel(settings);
            _clock = clock;
        }

        /// <inheritdoc />
        public bool Busy
        {
            get { return _clock.NowMicros < _endMicros; }
        }

        /// <inheritdoc />
        public void Pulse(int widthMicros)
        {
            if (widthMicros <= 0 || Busy)
            {
                return;
            }
            if (widthMicros > RmtItemEncoding.MaxDurationTicks)
            {
                widthMicros = RmtItemEncoding.MaxDurationTicks;
            }
            RmtItemEncoding.Write(_item, 0, widthMicros, true, TailTicks, false);
            _endMicros = _clock.NowMicros + widthMicros + TailTicks;
            _channel.SendData(_item, false);
        }

        /// <summary>Frees the RMT channel (the ESP32 has 8).</summary>
        public void Dispose()
        {
            _channel.Dispose();
        }
    }
}
