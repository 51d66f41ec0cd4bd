using PosFirmware.Hal;

namespace PosFirmware.Terminal
{
    /// <summary>
    /// The firmware: boot, then one loop at its own pace. Each pass polls every subsystem once and then
    /// waits through the clock, so the same code runs on the ESP32 and in virtual time.
    /// </summary>
    public class TerminalApp
    {
        private readonly TerminalHardware _hw;
        private readonly TerminalConfig _config;
        private long _nextHeartbeatMicros;

        /// <summary>Creates the firmware over its hardware and configuration.</summary>
        public TerminalApp(TerminalHardware hardware, TerminalConfig config)
        {
            Check.That(hardware != null && hardware.Clock != null, "hardware has a clock");
            Check.That(config != null && config.LoopPeriodMicros > 0, "loop period is positive");
            _hw = hardware;
            _config = config;
        }

        /// <summary>This boot's number (1 for the first boot of a fresh flash).</summary>
        public uint BootCount;

        /// <summary>True when the boot record was found damaged and restarted.</summary>
        public bool BootRecordWasDamaged;

        /// <summary>Loop passes done since boot.</summary>
        public long Passes;

        /// <summary>Brings the terminal up: counts the boot and starts the heartbeat.</summary>
        public void Boot()
        {
            BootRecord record = new BootRecord(_hw.Store, _config.BootRecordFile);
            BootCount = record.Load() + 1;
            BootRecordWasDamaged = record.WasDamaged;
            record.Save(BootCount);
            _hw.StatusLed.Write(true);
            _nextHeartbeatMicros = _hw.Clock.NowMicros + _config.HeartbeatHalfPeriodMicros;
        }

        /// <summary>One pass of the main loop.</summary>
        public void Step()
        {
            long now = _hw.Clock.NowMicros;
            if (now >= _nextHeartbeatMicros)
            {
                _hw.StatusLed.Write(!_hw.StatusLed.Level);
                _nextHeartbeatMicros = now + _config.HeartbeatHalfPeriodMicros;
            }
            Passes++;
            _hw.Clock.DelayMicros(_config.LoopPeriodMicros);
        }

        /// <summary>Runs the loop for a span of time (the device passes a span that never ends).</summary>
        public void RunFor(long micros)
        {
            long end = _hw.Clock.NowMicros + micros;
            while (_hw.Clock.NowMicros < end)
            {
                Step();
            }
        }
    }
}
