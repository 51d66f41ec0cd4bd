using System.Device.Adc;
using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;
using PosFirmware.Hal;
using PosFirmware.PrintHead;
using PosFirmware.Terminal;

namespace PosFirmware.Device
{
    /// <summary>
    /// The device entry point: routes the ESP32 pins (see README.md in this folder for the wiring), builds
    /// the hardware set from adapters, and runs the same TerminalApp the emulator runs.
    /// </summary>
    public static class Program
    {
        /// <summary>Status LED pin (most ESP32 devkits carry an LED on GPIO2).</summary>
        private const int StatusLedPin = 2;

        /// <summary>
        /// The barcode scan engine's UART (COM2; UART2's usual GPIO16/17 carry the PSRAM on WROVER modules).
        /// RX takes the engine's TXD, TX drives its RXD; the GM65 port is 3.3 V TTL.
        /// </summary>
        private const int ScannerRxPin = 32;
        private const int ScannerTxPin = 33;
        private const int ScannerBaud = 9600;
        private const int ScannerReceiveBufferBytes = 256;

        /// <summary>
        /// The thermal mechanism (README.md in this folder has the wiring table and why each pin). DI/CLK on
        /// SPI1 (DMA, write-only); SPI1's MISO is moved off its default GPIO25 (which drives a motor phase)
        /// to GPIO0, left unconnected. The board wires one strobe per block of the fitted mechanism (6 on
        /// the LTPD245C and the JX-2R-01); the firmware refuses a profile with a different count.
        /// </summary>
        private const int PrintHeadSpiBus = 1;
        private const int PrintHeadDataPin = 23;
        private const int PrintHeadClockPin = 18;
        private const int PrintHeadUnusedMisoPin = 0;
        private const int PrintHeadSpiClockHertz = 4000000;
        private const int PrintHeadLatchPin = 5;
        private static readonly int[] PrintHeadStrobePins = new int[] { 4, 12, 13, 19, 21, 22 };
        private static readonly int[] PrintHeadMotorPins = new int[] { 25, 26, 27, 14 }; // A, B, /A, /B
        private const int PrintHeadThermistorAdcChannel = 0; // ADC1_CH0 = GPIO36
        private const int PrintHeadSupplyAdcChannel = 3; // ADC1_CH3 = GPIO39
        private const int PrintHeadPaperSensorPin = 34;
        private const int PrintHeadPlatenSwitchPin = 35;
        private const int PrintHeadSensorDebounceMillis = 10;

        /// <summary>ADC full scale at the channels' attenuation: a board calibration value (UNCONFIRMED, measure per board).</summary>
        private const int AdcFullScaleMillivolts = 3300;

        /// <summary>The acquirer's address; a deployment sets its own.</summary>
        private const string AcquirerAddress = "192.0.2.10";
        private const int AcquirerPort = 5000;

        /// <summary>Boots the firmware and runs its loop for ever.</summary>
        public static void Main()
        {
            GpioController gpio = new GpioController();
            HighResClock clock = new HighResClock();
            TerminalHardware hw = new TerminalHardware();
            hw.Clock = clock;
            hw.StatusLed = new GpioOutput(gpio, StatusLedPin, false);
            hw.Store = new LittleFsStore("I:\\");
            hw.Network = new SocketLink(AcquirerAddress, AcquirerPort);
            Configuration.SetPinFunction(ScannerRxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(ScannerTxPin, DeviceFunction.COM2_TX);
            hw.ScannerPort = new UartPort("COM2", ScannerBaud, ScannerReceiveBufferBytes);
            hw.PrintHead = WirePrintHead(gpio, clock);

            // hw.PrintHeadProfile stays null: the firmware reads the profile file from I:\ (deploy.json).
            TerminalApp app = new TerminalApp(hw, new TerminalConfig());
            app.Boot();
            while (true)
            {
                app.Step();
            }
        }

        private static PrintHeadPins WirePrintHead(GpioController gpio, IClock clock)
        {
            Configuration.SetPinFunction(PrintHeadDataPin, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(PrintHeadClockPin, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(PrintHeadUnusedMisoPin, DeviceFunction.SPI1_MISO);
            PrintHeadPins pins = new PrintHeadPins();
            // Outputs first, at their idle levels: latch high (inactive), strobes and motor phases low.
            pins.Latch = new GpioOutput(gpio, PrintHeadLatchPin, true);
            pins.Strobes = new IPulseOutput[PrintHeadStrobePins.Length];
            for (int i = 0; i < PrintHeadStrobePins.Length; i++)
            {
                pins.Strobes[i] = new RmtPulse(PrintHeadStrobePins[i], clock);
            }
            pins.MotorPhases = new IDigitalOutput[PrintHeadMotorPins.Length];
            for (int i = 0; i < PrintHeadMotorPins.Length; i++)
            {
                pins.MotorPhases[i] = new GpioOutput(gpio, PrintHeadMotorPins[i], false);
            }
            pins.Data = new SpiBus(PrintHeadSpiBus, PrintHeadSpiClockHertz);
            AdcController adc = new AdcController();
            pins.Thermistor = new AdcInput(adc, PrintHeadThermistorAdcChannel, AdcFullScaleMillivolts);
            pins.Supply = new AdcInput(adc, PrintHeadSupplyAdcChannel, AdcFullScaleMillivolts);
            // GPIO34/35 have no internal pulls: the board pulls both up (10 kOhm), so open = high = fault.
            pins.PaperOut = new GpioInput(gpio, PrintHeadPaperSensorPin, false, clock, PrintHeadSensorDebounceMillis);
            pins.PlatenOpen = new GpioInput(gpio, PrintHeadPlatenSwitchPin, false, clock, PrintHeadSensorDebounceMillis);
            return pins;
        }
    }
}
