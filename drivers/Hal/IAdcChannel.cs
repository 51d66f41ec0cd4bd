namespace PosFirmware.Hal
{
    /// <summary>An ADC channel, calibrated by the adapter into millivolts at the pin.</summary>
    public interface IAdcChannel
    {
        /// <summary>Samples the channel now.</summary>
        int ReadMillivolts();
    }
}
