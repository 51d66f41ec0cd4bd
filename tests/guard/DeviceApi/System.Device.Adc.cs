namespace System.Device.Adc
{
    // source: nanoframework/System.Device.Adc@v1.1.24:System.Device.Adc/AdcController.cs
    public class AdcController
    {
        public AdcController() { }
        public int ChannelCount { get { throw null; } }
        public int MaxValue { get { throw null; } }
        public int MinValue { get { throw null; } }
        public int ResolutionInBits { get { throw null; } }
        public AdcChannel OpenChannel(int channelNumber) { throw null; }
    }

    // source: nanoframework/System.Device.Adc@v1.1.24:System.Device.Adc/AdcChannel.cs
    public class AdcChannel : IDisposable
    {
        public int ReadValue() { throw null; }
        public double ReadRatio() { throw null; }
        public void Dispose() { }
    }
}
