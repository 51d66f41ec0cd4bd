namespace PosFirmware.Emulator.Iso8583;

/// <summary>How a message given to decode is laid out.</summary>
public enum MessageLayout
{
    /// <summary>Guess from the bytes.</summary>
    Auto,

    /// <summary>Length prefix + TPDU + header + body.</summary>
    Frame,

    /// <summary>TPDU + header + body.</summary>
    Envelope,

    /// <summary>Body only (message type first).</summary>
    Body,
}
