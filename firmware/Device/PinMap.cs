namespace PosFirmware.Device
{
    /// <summary>
    /// Every ESP32 pin the terminal uses, in one place (README.md in this folder has the wiring table and
    /// why each pin). Constants only, so the host tests can check the map: no pin used twice, nothing on the
    /// module's flash or PSRAM pins or the debug port, outputs never on the input-only GPIO34..39.
    /// </summary>
    public static class PinMap
    {
        /// <summary>
        /// Head supply enable VH_EN (high = V_H on), driving the high-side switch from the battery to the
        /// head's V_H. GPIO2 is pulled down at reset, so V_H stays off while the chip boots: the logic supply
        /// is up first, as the power sequencing asks. The devkit's LED on GPIO2 then lights while the head
        /// has power; the heartbeat has no LED of its own (every other pin is taken).
        /// </summary>
        public const int HeadPowerEnable = 2;

        /// <summary>Scan engine UART (COM2). RX takes the engine's TXD, TX drives its RXD (3.3 V TTL).</summary>
        public const int ScannerRx = 32;
        public const int ScannerTx = 33;

        /// <summary>Print head dot data and clock on SPI1 (DMA, write-only bus).</summary>
        public const int HeadData = 23;
        public const int HeadClock = 18;

        /// <summary>
        /// SPI1's MISO, which the write-only head bus never reads, parked on the platen switch's input-only
        /// pin: the SPI peripheral only samples it through the GPIO matrix, so the pin still reads as a GPIO.
        /// That frees GPIO0 for the I2C clock (UNCONFIRMED on hardware: the on-device GPIO test reads the
        /// platen switch with the SPI bus open).
        /// </summary>
        public const int HeadSpiMiso = 35;

        /// <summary>
        /// Head latch, active low, on an RMT channel idling high (7 of the ESP32's 8 with the strobes); GPIO5 is
        /// pulled up at reset, so the latch stays inactive while the chip boots.
        /// </summary>
        public const int HeadLatch = 5;

        /// <summary>One strobe per block of the fitted mechanism, each an RMT channel (6 of the ESP32's 8).</summary>
        public static readonly int[] HeadStrobes = new int[] { 4, 12, 13, 19, 21, 22 };

        /// <summary>Stepper bridge inputs: A, B, /A, /B.</summary>
        public static readonly int[] HeadMotor = new int[] { 25, 26, 27, 14 };

        /// <summary>ADC1 channels: thermistor on GPIO36 (channel 0), head supply divider on GPIO39 (channel 3).</summary>
        public const int HeadThermistorAdcChannel = 0;
        public const int HeadThermistorPin = 36;
        public const int HeadSupplyAdcChannel = 3;
        public const int HeadSupplyPin = 39;

        /// <summary>Paper sensor and platen switch, input-only pins with board pull-ups (high = fault).</summary>
        public const int HeadPaperSensor = 34;
        public const int HeadPlatenSwitch = 35;

        /// <summary>
        /// I2C1 for the keypad expander and the LCD backpack, 4.7 kOhm pull-ups to 3.3 V. Both are boot straps
        /// that must be high at reset for a normal boot (GPIO0 low would enter the ROM loader; GPIO15 high
        /// keeps the boot log), which the pull-ups give.
        /// </summary>
        public const int I2cData = 15;
        public const int I2cClock = 0;

        /// <summary>PCF8574 addresses: the keypad's (A2..A0 = 000) and the LCD backpack's (the common module's 0x27).</summary>
        public const int KeypadExpanderAddress = 0x20;
        public const int DisplayBackpackAddress = 0x27;

        /// <summary>ESP32 pins that must never be driven: module flash (6..11), WROVER PSRAM (16, 17), COM1 debug port (1, 3).</summary>
        public static readonly int[] Reserved = new int[] { 1, 3, 6, 7, 8, 9, 10, 11, 16, 17 };
    }
}
