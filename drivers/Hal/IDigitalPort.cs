namespace PosFirmware.Hal
{
    /// <summary>
    /// Push-pull outputs set together, bit i of a level mask for output i: the GPIO set/clear register write
    /// of the ESP32, so a device on the outputs never sees a half-written combination.
    /// </summary>
    public interface IDigitalPort
    {
        /// <summary>Sets every output to its bit of levels.</summary>
        void Write(int levels);

        /// <summary>The levels last written, bit i for output i.</summary>
        int Levels { get; }
    }
}
