namespace PosFirmware.Emulator.Core;

/// <summary>
/// The board's input-event line, as an interrupt flag: every input model (a key press, a UART byte, network
/// data or a reset, a sensor edge) sets it when its event happens, and the firmware's idle wait takes it.
/// A flag set while the firmware was busy stays set, so the next wait returns at once.
/// </summary>
public sealed class WakeSignal
{
    private bool _set;

    /// <summary>Events signalled so far.</summary>
    public long Signals { get; private set; }

    /// <summary>An input event happened now.</summary>
    public void Signal()
    {
        _set = true;
        Signals++;
    }

    /// <summary>True if an event came since the last take; clears the flag.</summary>
    public bool Take()
    {
        bool set = _set;
        _set = false;
        return set;
    }
}
