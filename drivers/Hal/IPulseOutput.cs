namespace PosFirmware.Hal
{
    /// <summary>
    /// An output that emits one pulse of exact width without the CPU holding it (RMT or a
    /// high-resolution timer on the ESP32). Pulse returns at once; the line returns to idle by itself.
    /// Used where a managed GPIO write would be too slow or too jittery: strobes, and the latch. A pulse is
    /// high on an output that idles low (the strobes); an output made active low (LAT) idles high and
    /// pulses low: "high" and "low" below then read "active" and "idle".
    /// </summary>
    public interface IPulseOutput
    {
        /// <summary>Starts a high pulse of widthMicros now. Ignored if one is still running (see Busy).</summary>
        void Pulse(int widthMicros);

        /// <summary>
        /// Starts a high pulse of widthMicros at a time on the driver's clock (riseMicros, IClock.NowMicros), the
        /// line held low until then by the same hardware (an RMT item with a leading low), so the call can be
        /// made ahead of the edge. A time already past starts it now. Ignored if one is still running (see Busy).
        /// </summary>
        void PulseAt(long riseMicros, int widthMicros);

        /// <summary>True while a pulse is still high, or waits to rise.</summary>
        bool Busy { get; }
    }
}
