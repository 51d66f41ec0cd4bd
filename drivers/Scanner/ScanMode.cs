namespace PosFirmware.Scanner
{
    /// <summary>How the scan engine decides when to read.</summary>
    public enum ScanMode
    {
        /// <summary>
        /// Command (host) trigger: the engine reads only after the host sends the trigger command, and
        /// stops at the stop command or after one read.
        /// </summary>
        HostTriggered = 1,

        /// <summary>The engine reads whatever comes in front of it and sends each code it decodes.</summary>
        Continuous = 2,
    }
}
