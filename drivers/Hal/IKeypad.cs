namespace PosFirmware.Hal
{
    /// <summary>
    /// The operator keypad. The adapter debounces and queues key presses in a fixed ring buffer (filled by
    /// its scan or edge handler); the main loop takes them one at a time and never waits for a key.
    /// </summary>
    public interface IKeypad
    {
        /// <summary>The oldest queued key press, or KeyCode.None when none is waiting.</summary>
        KeyCode ReadKey();
    }
}
