namespace PosFirmware.Scanner
{
    /// <summary>What a byte (or a tick of time) did to the line being assembled.</summary>
    public enum LineStatus
    {
        /// <summary>Nothing finished.</summary>
        None = 0,

        /// <summary>A clean line is complete (printable ASCII, within the buffer).</summary>
        Line = 1,

        /// <summary>A line ended that held non-printable bytes.</summary>
        Garbled = 2,

        /// <summary>A line ended (or timed out) after overflowing the buffer.</summary>
        Overlong = 3,

        /// <summary>An unterminated line timed out.</summary>
        Truncated = 4,

        /// <summary>The engine's command acknowledgement was received.</summary>
        Ack = 5,
    }
}
