namespace PosFirmware.Hal
{
    /// <summary>
    /// Where a driver says how much work it just did, so the emulator can charge the device's CPU time for it
    /// at the moment it happens. The device passes none: the calls are then skipped.
    /// </summary>
    public interface ICpuMeter
    {
        /// <summary>The driver has just done this work this many times.</summary>
        void Count(CpuWork work, int times);
    }
}
