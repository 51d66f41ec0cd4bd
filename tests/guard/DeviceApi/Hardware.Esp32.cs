namespace nanoFramework.Hardware.Esp32
{
    // source: nanoframework/nanoFramework.Hardware.Esp32@v1.6.42:nanoFramework.Hardware.Esp32/Configuration.cs
    public static class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction function) { }
        public static int GetFunctionPin(DeviceFunction function) { throw null; }
    }

    // source: nanoframework/nanoFramework.Hardware.Esp32@v1.6.42:nanoFramework.Hardware.Esp32/DeviceTypePins.cs
    public enum DeviceFunction
    {
        SPI1_MOSI,
        SPI1_MISO,
        SPI1_CLOCK,
        I2C1_DATA,
        I2C1_CLOCK,
        COM2_TX,
        COM2_RX,
    }

    // source: nanoframework/nanoFramework.Hardware.Esp32@v1.6.42:nanoFramework.Hardware.Esp32/HighResTimer.cs
    public class HighResTimer : System.IDisposable
    {
        public static ulong GetCurrent() { throw null; }
        public void Dispose() { }
    }
}
