namespace nanoFramework.Hardware.Esp32.Rmt
{
    // source: nanoframework/nanoFramework.Hardware.Esp32.Rmt@v2.0.53:nanoFramework.Hardware.Esp32.Rmt/RmtChannelSettings.cs
    public abstract class RmtChannelSettings
    {
        protected RmtChannelSettings(int channel, int pinNumber) { }
        public int Channel { get { throw null; } set { } }
        public int PinNumber { get { throw null; } set { } }
        public byte ClockDivider { get { throw null; } set { } }
        public int BufferSize { get { throw null; } set { } }
    }

    // source: nanoframework/nanoFramework.Hardware.Esp32.Rmt@v2.0.53:nanoFramework.Hardware.Esp32.Rmt/TransmitChannelSettings.cs
    public sealed class TransmitChannelSettings : RmtChannelSettings
    {
        public TransmitChannelSettings(int pinNumber) : base(-1, pinNumber) { }
        public TransmitChannelSettings(int channel, int pinNumber) : base(channel, pinNumber) { }
        public bool EnableCarrierWave { get { throw null; } set { } }
        public bool EnableIdleLevelOutput { get { throw null; } set { } }
        public bool IdleLevel { get { throw null; } set { } }
        public bool EnableLooping { get { throw null; } set { } }
    }

    // source: nanoframework/nanoFramework.Hardware.Esp32.Rmt@v2.0.53:nanoFramework.Hardware.Esp32.Rmt/ReceiverChannelSettings.cs
    public sealed class ReceiverChannelSettings : RmtChannelSettings
    {
        public ReceiverChannelSettings(int pinNumber) : base(-1, pinNumber) { }
        public ReceiverChannelSettings(int channel, int pinNumber) : base(channel, pinNumber) { }
        public ushort IdleThreshold { get { throw null; } set { } }
        public bool EnableFilter { get { throw null; } set { } }
        public byte FilterThreshold { get { throw null; } set { } }
        public System.TimeSpan ReceiveTimeout { get { throw null; } set { } }
    }

    // source: nanoframework/nanoFramework.Hardware.Esp32.Rmt@v2.0.53:nanoFramework.Hardware.Esp32.Rmt/RmtChannel.cs
    public abstract class RmtChannel
    {
    }

    // source: nanoframework/nanoFramework.Hardware.Esp32.Rmt@v2.0.53:nanoFramework.Hardware.Esp32.Rmt/TransmitterChannel.cs
    public class TransmitterChannel : RmtChannel, System.IDisposable
    {
        public TransmitterChannel(TransmitChannelSettings settings) { }
        public bool IsChannelIdle { get { throw null; } }
        public void AddCommand(RmtCommand cmd) { }
        public void ClearCommands() { }
        public void Send(bool waitTxDone) { }
        public void SendData(byte[] data, bool waitTxDone) { }
        public void Dispose() { }
    }

    // source: nanoframework/nanoFramework.Hardware.Esp32.Rmt@v2.0.53:nanoFramework.Hardware.Esp32.Rmt/ReceiverChannel.cs
    public class ReceiverChannel : RmtChannel, System.IDisposable
    {
        public ReceiverChannel(ReceiverChannelSettings settings) { }
        public void Start(bool clearBuffer) { }
        public void Stop() { }
        public RmtCommand[] GetAllItems() { throw null; }
        public void Dispose() { }
    }

    // source: nanoframework/nanoFramework.Hardware.Esp32.Rmt@v2.0.53:nanoFramework.Hardware.Esp32.Rmt/RmtCommand.cs
    public class RmtCommand
    {
        public RmtCommand(ushort duration1, bool level1, ushort duration2, bool level2) { }
        public ushort Duration0 { get { throw null; } set { } }
        public ushort Duration1 { get { throw null; } set { } }
        public bool Level0 { get { throw null; } set { } }
        public bool Level1 { get { throw null; } set { } }
    }
}
