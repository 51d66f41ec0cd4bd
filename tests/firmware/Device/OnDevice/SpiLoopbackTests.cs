using System;
using System.Device.Spi;
using nanoFramework.Hardware.Esp32;
using nanoFramework.TestFramework;

namespace PosFirmware.DeviceTests
{
    /// <summary>
    /// SPI1 in the head's setup (mode 0, MSB first, 4 MHz, DMA) sends a dot line's 48 bytes and reads the
    /// same bytes back through the MOSI-MISO jumper, so the bus carries every bit in order.
    /// </summary>
    [TestClass]
    public class SpiLoopbackTests
    {
        private const int LineBytes = 48;

        [TestMethod]
        public void A_dot_line_comes_back_bit_for_bit()
        {
            Configuration.SetPinFunction(TestWiring.SpiMosi, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(TestWiring.SpiMiso, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(TestWiring.SpiClock, DeviceFunction.SPI1_CLOCK);
            SpiConnectionSettings settings = new SpiConnectionSettings(TestWiring.SpiBus, -1);
            settings.Mode = SpiMode.Mode0;
            settings.DataFlow = DataFlow.MsbFirst;
            settings.ClockFrequency = 4000000;
            SpiDevice device = SpiDevice.Create(settings);
            byte[] sent = new byte[LineBytes];
            byte[] received = new byte[LineBytes];
            for (int i = 0; i < LineBytes; i++)
            {
                sent[i] = (byte)(i * 37 + 0x5A);
            }
            device.TransferFullDuplex(new SpanByte(sent), new SpanByte(received));
            device.Dispose();
            for (int i = 0; i < LineBytes; i++)
            {
                Assert.AreEqual(sent[i], received[i], "byte " + i.ToString());
            }
        }
    }
}
