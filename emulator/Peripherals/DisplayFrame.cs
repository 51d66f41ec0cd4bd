namespace PosFirmware.Emulator.Peripherals;

/// <summary>What the display showed from a virtual time on.</summary>
public sealed record DisplayFrame(long AtNanos, string[] Lines)
{
    /// <summary>One line of text: the time, then each row between bars.</summary>
    public override string ToString() => $"{AtNanos / 1e9,9:F3} s  |{string.Join("|", Lines)}|";
}
