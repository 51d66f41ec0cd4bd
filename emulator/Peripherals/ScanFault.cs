namespace PosFirmware.Emulator.Peripherals;

/// <summary>What goes wrong with one read of the scanner model.</summary>
public enum ScanFault
{
    /// <summary>A clean read: the code and the terminator.</summary>
    None,

    /// <summary>Random bytes (line noise, a glitch at power-up), no terminator.</summary>
    Noise,

    /// <summary>The code with some bytes lost on the wire, then the terminator.</summary>
    DroppedBytes,

    /// <summary>The start of the code and then nothing: no terminator.</summary>
    Truncated,

    /// <summary>Nothing decoded: the engine sends nothing.</summary>
    NoRead,

    /// <summary>Exact bytes given by the script (framing garbage, overlong lines, ...).</summary>
    Raw,
}
