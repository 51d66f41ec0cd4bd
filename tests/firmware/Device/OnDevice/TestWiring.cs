namespace PosFirmware.DeviceTests
{
    /// <summary>
    /// The loopback jumpers the on-device tests need on a bare ESP32 devkit (nothing else connected; see
    /// firmware/Device/README.md, "On-device tests"). Each pair is one jumper wire.
    /// </summary>
    public static class TestWiring
    {
        /// <summary>GPIO loopback: output GPIO25 to input GPIO26.</summary>
        public const int GpioOut = 25;
        public const int GpioIn = 26;

        /// <summary>SPI loopback on SPI1: MOSI GPIO23 to MISO GPIO19, clock on GPIO18.</summary>
        public const int SpiBus = 1;
        public const int SpiMosi = 23;
        public const int SpiMiso = 19;
        public const int SpiClock = 18;

        /// <summary>UART loopback on COM2: TX GPIO33 to RX GPIO32 (the scanner's pins).</summary>
        public const string UartPort = "COM2";
        public const int UartTx = 33;
        public const int UartRx = 32;

        /// <summary>RMT loopback: the strobe adapter on GPIO4 to an RMT receive channel on GPIO34.</summary>
        public const int RmtOut = 4;
        public const int RmtIn = 34;

        /// <summary>ADC: GPIO36 (ADC1 channel 0) to 3V3, GPIO39 (ADC1 channel 3) to GND.</summary>
        public const int AdcFullScaleChannel = 0;
        public const int AdcZeroChannel = 3;

        /// <summary>The littlefs drive.</summary>
        public const string Drive = "I:\\";
    }
}
