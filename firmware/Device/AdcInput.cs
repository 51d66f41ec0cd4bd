using System.Device.Adc;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// IAdcChannel over an ESP32 ADC1 channel. Raw counts are scaled linearly to the full-scale voltage
    /// of the configured attenuation; the full-scale figure is a board calibration value, not a constant.
    /// </summary>
    public sealed class AdcInput : IAdcChannel
    {
        private readonly AdcChannel _channel;
        private readonly int _fullScaleMillivolts;
        private readonly int _maxCount;

        /// <summary>Opens a channel with the full-scale voltage measured for this board.</summary>
        public AdcInput(AdcController controller, int channelNumber, int fullScaleMillivolts)
        {
            _channel = controller.OpenChannel(channelNumber);
            _fullScaleMillivolts = fullScaleMillivolts;
            _maxCount = controller.MaxValue;
        }

        /// <inheritdoc />
        public int ReadMillivolts()
        {
            int raw = _channel.ReadValue();
            return (int)((long)raw * _fullScaleMillivolts / _maxCount);
        }
    }
}
