namespace System.Device.Spi
{
    // source: nanoframework/System.Device.Spi@v1.3.89:System.Device.Spi/SpiConnectionSettings.cs
    public sealed class SpiConnectionSettings
    {
        public SpiConnectionSettings(int busId, int chipSelectLine = -1) { }
        public int BusId { get { throw null; } }
        public int ChipSelectLine { get { throw null; } set { } }
        public SpiMode Mode { get { throw null; } set { } }
        public int DataBitLength { get { throw null; } set { } }
        public int ClockFrequency { get { throw null; } set { } }
        public DataFlow DataFlow { get { throw null; } set { } }
    }

    // source: nanoframework/System.Device.Spi@v1.3.89:System.Device.Spi/SpiDevice.cs
    public class SpiDevice : IDisposable
    {
        public SpiDevice(SpiConnectionSettings settings) { }
        public static SpiDevice Create(SpiConnectionSettings settings) { throw null; }
        public SpiConnectionSettings ConnectionSettings { get { throw null; } }
        public byte ReadByte() { throw null; }
        public void Read(SpanByte buffer) { }
        public void WriteByte(byte value) { }
        public void Write(SpanByte buffer) { }
        public void TransferFullDuplex(SpanByte writeBuffer, SpanByte readBuffer) { }
        public void Dispose() { }
    }

    // source: nanoframework/System.Device.Spi@v1.3.89:System.Device.Spi/SpiMode.cs
    public enum SpiMode
    {
        Mode0,
        Mode1,
        Mode2,
        Mode3,
    }

    // source: nanoframework/System.Device.Spi@v1.3.89:System.Device.Spi/DataFlow.cs
    public enum DataFlow
    {
        MsbFirst,
        LsbFirst,
    }
}
