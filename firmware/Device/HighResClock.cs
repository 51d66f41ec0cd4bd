using System.Threading;
using nanoFramework.Hardware.Esp32;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// IClock on the ESP32: esp_timer microseconds (HighResTimer.GetCurrent). Long waits sleep in 10 ms
    /// ticks (the RTOS tick; docs/platform.md, timing) and spin only the remainder, so other threads of the
    /// runtime (network, events) get the CPU.
    /// </summary>
    public sealed class HighResClock : IClock
    {
        private const long SleepGranularityMicros = 10000;

        /// <inheritdoc />
        public long NowMicros
        {
            get { return (long)HighResTimer.GetCurrent(); }
        }

        /// <inheritdoc />
        public void DelayMicros(long micros)
        {
            if (micros <= 0)
            {
                return;
            }
            long end = NowMicros + micros;
            long sleepMicros = micros - SleepGranularityMicros;
            if (sleepMicros >= SleepGranularityMicros)
            {
                Thread.Sleep((int)(sleepMicros / 1000));
            }
            while (NowMicros < end)
            {
            }
        }
    }
}
