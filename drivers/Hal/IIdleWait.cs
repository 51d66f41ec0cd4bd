namespace PosFirmware.Hal
{
    /// <summary>
    /// The main loop's sleep: waits until the clock reaches a deadline or an input event arrives (a key, a
    /// UART byte, network data or a dropped connection, a sensor edge), whichever comes first. An event that
    /// arrived while the loop was busy ends the next wait at once, so no event is slept through. A board whose
    /// inputs cannot all raise an event (a keypad matrix that must be scanned, a socket without a receive
    /// event) bounds its own sleep by how often those inputs must be looked at.
    /// </summary>
    public interface IIdleWait
    {
        /// <summary>Waits until untilMicros on the clock or the next input event; true when an event ended it.</summary>
        bool WaitForEvent(long untilMicros);
    }
}
