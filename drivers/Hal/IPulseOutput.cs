namespace PosFirmware.Hal
{
    /// <summary>
    /// An output that emits one high pulse of exact width without the CPU holding it (RMT or a
    /// high-resolution timer on the ESP32). Pulse returns at once; the line falls by itself.
    /// Used where a managed GPIO write would be too slow or too jittery: strobes.
    /// </summary>
    public interface IPulseOutput
    {
        /// <summary>Starts a high pulse of widthMicros now. Ignored if one is still running (see Busy).</summary>
        void Pulse(int widthMicros);

        /// <summary>True while a pulse is still high.</summary>
        bool Busy { get; }
    }
}
