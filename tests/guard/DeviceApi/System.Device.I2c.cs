namespace System.Device.I2c
{
    // source: nanoframework/System.Device.I2c@v1.1.29:System.Device.I2c/I2cConnectionSettings.cs
    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress) { }
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) { }
        public int BusId { get { throw null; } }
        public int DeviceAddress { get { throw null; } }
        public I2cBusSpeed BusSpeed { get { throw null; } }
    }

    // source: nanoframework/System.Device.I2c@v1.1.29:System.Device.I2c/I2cBusSpeed.cs
    public enum I2cBusSpeed
    {
        StandardMode,
        FastMode,
    }

    // source: nanoframework/System.Device.I2c@v1.1.29:System.Device.I2c/I2cDevice.cs
    public class I2cDevice : IDisposable
    {
        public I2cDevice(I2cConnectionSettings settings) { }
        public static I2cDevice Create(I2cConnectionSettings settings) { throw null; }
        public I2cConnectionSettings ConnectionSettings { get { throw null; } }
        public byte ReadByte() { throw null; }
        public I2cTransferResult Read(SpanByte buffer) { throw null; }
        public I2cTransferResult WriteByte(byte value) { throw null; }
        public I2cTransferResult Write(SpanByte buffer) { throw null; }
        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) { throw null; }
        public void Dispose() { }
    }

    // source: nanoframework/System.Device.I2c@v1.1.29:System.Device.I2c/I2cTransferResult.cs
    public struct I2cTransferResult
    {
        public I2cTransferStatus Status { get { throw null; } }
        public uint BytesTransferred { get { throw null; } }
    }

    // source: nanoframework/System.Device.I2c@v1.1.29:System.Device.I2c/I2cTransferStatus.cs
    public enum I2cTransferStatus
    {
        UnknownError,
        FullTransfer,
        ClockStretchTimeout,
        PartialTransfer,
        SlaveAddressNotAcknowledged,
    }
}
