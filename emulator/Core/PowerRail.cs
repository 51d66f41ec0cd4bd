namespace PosFirmware.Emulator.Core;

/// <summary>
/// The board's supply as the firmware's code sees it: once cut, every hardware call throws, so the
/// firmware stops where it stood, as a real CPU does. The emulator then reboots the firmware on what
/// the flash kept.
/// </summary>
public sealed class PowerRail
{
    /// <summary>True while powered.</summary>
    public bool IsOn { get; private set; } = true;

    /// <summary>Virtual time of the last cut, or -1.</summary>
    public long CutAtNanos { get; private set; } = -1;

    /// <summary>Cuts the power now and throws into the caller.</summary>
    public void Cut(long atNanos, string where)
    {
        IsOn = false;
        CutAtNanos = atNanos;
        throw new PowerLossException(where);
    }

    /// <summary>Throws if the power is off.</summary>
    public void ThrowIfOff(string where)
    {
        if (!IsOn)
        {
            throw new PowerLossException(where);
        }
    }

    /// <summary>Restores power (a reboot).</summary>
    public void Restore() => IsOn = true;
}

/// <summary>
/// Thrown into firmware code when the power goes. Firmware must not catch it: it derives from
/// Exception only so that it unwinds; the emulator catches it at the top and reboots.
/// </summary>
public sealed class PowerLossException : Exception
{
    /// <summary>Creates the exception naming where the cut hit.</summary>
    public PowerLossException(string where) : base("power lost at " + where)
    {
    }
}
