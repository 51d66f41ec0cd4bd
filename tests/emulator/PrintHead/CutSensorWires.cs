using PosFirmware.Hal;
using PosFirmware.PrintHead;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// A wiring fault in the test rig: the driver's paper, platen and thermistor inputs are cut from the
/// mechanism and tied to "paper in, platen closed, 25 degC". The driver then heats whatever the head's
/// real state, which is how a test makes it misbehave to show that the timing checker sees it.
/// </summary>
internal static class CutSensorWires
{
    /// <summary>The pins with the sensor inputs replaced by fixed levels; outputs stay on the mechanism.</summary>
    public static PrintHeadPins Apply(PrintHeadPins pins, MechanismProfile profile, PrintHeadConfig config)
    {
        // The divider voltage a 25 degC thermistor (R25) gives under the configured pull-up.
        int millivolts = (int)Math.Round(config.ThermistorReferenceMillivolts * profile.ThermistorR25Ohms / (config.ThermistorPullUpOhms + profile.ThermistorR25Ohms));
        return new PrintHeadPins
        {
            Data = pins.Data,
            Latch = pins.Latch,
            Strobes = pins.Strobes,
            MotorPhases = pins.MotorPhases,
            Supply = pins.Supply,
            Thermistor = new FixedVoltage(millivolts),
            PaperOut = new FixedLevel(false),
            PlatenOpen = new FixedLevel(false),
            HeadPower = pins.HeadPower,
        };
    }

    private sealed class FixedLevel : IDigitalInput
    {
        private readonly bool _level;

        public FixedLevel(bool level) => _level = level;

        public bool Read() => _level;

        public void SetEdgeHandler(PinEdgeHandler? handler)
        {
        }
    }

    private sealed class FixedVoltage : IAdcChannel
    {
        private readonly int _millivolts;

        public FixedVoltage(int millivolts) => _millivolts = millivolts;

        public int ReadMillivolts() => _millivolts;
    }
}
