using System;
using System.Device.Spi;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// ISpiBus over SpiDevice: mode 0, MSB first, write-only (the print head's DI/CLK). The ESP32 driver
    /// uses DMA, so a 48-byte dot line goes out in one call (docs/platform.md, SPI).
    /// </summary>
    public sealed class SpiBus : ISpiBus, IDisposable
    {
        private readonly SpiDevice _device;
        private readonly int _clockHertz;

        /// <summary>Opens an SPI bus with no chip select at the given clock.</summary>
        public SpiBus(int busId, int clockHertz)
        {
            SpiConnectionSettings settings = new SpiConnectionSettings(busId, -1);
            settings.Mode = SpiMode.Mode0;
            settings.DataFlow = DataFlow.MsbFirst;
            settings.ClockFrequency = clockHertz;
            _device = SpiDevice.Create(settings);
            _clockHertz = clockHertz;
        }

        /// <inheritdoc />
        public int ClockHertz
        {
            get { return _clockHertz; }
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            _device.Write(new SpanByte(buffer, offset, count));
        }

        /// <summary>Frees the bus for another device.</summary>
        public void Dispose()
        {
            _device.Dispose();
        }
    }
}
