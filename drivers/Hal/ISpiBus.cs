namespace PosFirmware.Hal
{
    /// <summary>
    /// A write-only SPI device (SpiDevice.Write on the ESP32, DMA-driven, mode and clock set by the
    /// adapter). Returns once the last bit has been clocked out.
    /// </summary>
    public interface ISpiBus
    {
        /// <summary>Shifts out count bytes of buffer from offset, most significant bit first.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>The SCK frequency the bus runs at, in hertz.</summary>
        int ClockHertz { get; }
    }
}
