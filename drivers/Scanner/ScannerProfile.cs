namespace PosFirmware.Scanner
{
    /// <summary>
    /// One scan engine model as data: its serial settings, trigger mode, line terminator and the exact
    /// command bytes it understands. Loaded from a profile file (Profiles/*.profile) by ScannerProfileFile,
    /// so supporting another engine is a new file, not new code. Absent commands are empty arrays.
    /// </summary>
    public class ScannerProfile
    {
        /// <summary>The engine's name, for logs and the display.</summary>
        public string Name = "";

        /// <summary>UART speed; framing is always 8N1.</summary>
        public int BaudRate = 9600;

        /// <summary>Host-triggered or continuous.</summary>
        public ScanMode Mode = ScanMode.HostTriggered;

        /// <summary>Bytes that end a code line; any one of them ends it (so CR LF gives a line and an empty one).</summary>
        public byte[] Terminators = new byte[] { 0x0D };

        /// <summary>Sent once at start-up to put the engine in the profile's mode (may be empty).</summary>
        public byte[] SetupCommand = new byte[0];

        /// <summary>Starts a scan (host-triggered mode).</summary>
        public byte[] TriggerCommand = new byte[0];

        /// <summary>Ends a scan.</summary>
        public byte[] StopCommand = new byte[0];

        /// <summary>What the engine answers to a command it accepted; stripped from the data stream (may be empty).</summary>
        public byte[] Ack = new byte[0];

        /// <summary>
        /// The code-type IDs the engine puts before each code when its Code ID setting is on (one byte per
        /// symbology on GM65-class engines); a line must start with one of them, and the driver removes it.
        /// Noise and fragments on the wire do not carry one, so this refuses lines the decoder never made.
        /// Empty: the engine sends bare codes.
        /// </summary>
        public byte[] CodeIds = new byte[0];

        /// <summary>True if b is one of the code-type IDs.</summary>
        public bool IsCodeId(byte b)
        {
            for (int i = 0; i < CodeIds.Length; i++)
            {
                if (CodeIds[i] == b)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>True if b ends a line.</summary>
        public bool IsTerminator(byte b)
        {
            for (int i = 0; i < Terminators.Length; i++)
            {
                if (Terminators[i] == b)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
