namespace PosFirmware.Emulator.PrintHead;

/// <summary>What the thermistor wire does: follow the head, or a fault a test injects.</summary>
public enum ThermistorState
{
    /// <summary>Reads the head temperature.</summary>
    Normal,

    /// <summary>Broken wire: the pin sits at the pull-up reference.</summary>
    Open,

    /// <summary>Shorted: the pin sits at ground.</summary>
    Short,
}
