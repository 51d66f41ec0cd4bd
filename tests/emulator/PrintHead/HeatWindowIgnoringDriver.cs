using PosFirmware.Hal;
using PosFirmware.PrintHead;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// A deliberately wrong driver: it forgets when the last strobe's heat ends, so it opens the next firing
/// window (steps the paper) and reads the supply with a strobe still on. The timing checker must catch it.
/// </summary>
internal sealed class HeatWindowIgnoringDriver : ThermalHeadDriver
{
    public HeatWindowIgnoringDriver(MechanismProfile profile, PrintHeadPins pins, PrintHeadConfig config, IClock clock)
        : base(profile, pins, config, clock, forgetsHeatEnd: true)
    {
    }
}
