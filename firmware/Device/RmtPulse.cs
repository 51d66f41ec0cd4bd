using nanoFramework.Hardware.Esp32.Rmt;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// IPulseOutput on an RMT channel clocked at 1 MHz (80 MHz APB / 80): one command, high for the width
    /// then low, sent without waiting. The RMT holds the line, so the width is exact whatever the CPU does.
    /// One RMT half-command holds at most 32767 ticks, which bounds a pulse to 32.7 ms.
    /// </summary>
    public sealed class RmtPulse : IPulseOutput
    {
        private const int MaxWidthMicros = 32767;
        private readonly TransmitterChannel _channel;
        private readonly IClock _clock;
        private long _endMicros;

        /// <summary>Opens an RMT transmit channel on a pin.</summary>
        public RmtPulse(int pinNumber, IClock clock)
        {
            TransmitChannelSettings settings = new TransmitChannelSettings(-1, pinNumber);
            settings.ClockDivider = 80;
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
            if (widthMicros > MaxWidthMicros)
            {
                widthMicros = MaxWidthMicros;
            }
            _channel.ClearCommands();
            _channel.AddCommand(new RmtCommand((ushort)widthMicros, true, 1, false));
            _endMicros = _clock.NowMicros + widthMicros;
            _channel.Send(false);
        }
    }
}
