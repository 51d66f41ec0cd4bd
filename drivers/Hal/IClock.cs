namespace PosFirmware.Hal
{
    /// <summary>
    /// The only source of time for firmware logic. A monotonic microsecond count since boot and a wait.
    /// On the ESP32 this is HighResTimer.GetCurrent(); in the emulator it is the virtual clock, where a
    /// wait is what lets the rest of the board (scanner bytes, network replies, head cooling) move on.
    /// </summary>
    public interface IClock
    {
        /// <summary>Microseconds since boot; never goes backwards.</summary>
        long NowMicros { get; }

        /// <summary>Waits the given number of microseconds (0 or less returns at once).</summary>
        void DelayMicros(long micros);
    }
}
