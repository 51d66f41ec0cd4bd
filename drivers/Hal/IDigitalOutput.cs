namespace PosFirmware.Hal
{
    /// <summary>A push-pull output pin (GpioPin in Output mode on the ESP32).</summary>
    public interface IDigitalOutput
    {
        /// <summary>Drives the pin high (true) or low (false).</summary>
        void Write(bool high);

        /// <summary>The level last written.</summary>
        bool Level { get; }
    }
}
