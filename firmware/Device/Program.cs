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
        private const int ScannerBaud = 9600;
        private const int ScannerReceiveBufferBytes = 256;

        /// <summary>The head's SPI bus and clock: mode 0 at 4 MHz, DMA, write-only (pins in PinMap).</summary>
        private const int PrintHeadSpiBus = 1;
        private const int PrintHeadSpiClockHertz = 4000000;
        private const int PrintHeadSensorDebounceMillis = 10;

        /// <summary>ADC full scale at the channels' attenuation: a board calibration value (UNCONFIRMED, measure per board with the on-device AdcCalibrationTests).</summary>
        private const int AdcFullScaleMillivolts = 3300;

        /// <summary>The I2C bus of the keypad expander and the LCD backpack (I2C1, 100 kHz).</summary>
        private const int I2cBus = 1;
        private const long KeyDebounceMicros = 20000;

        /// <summary>
        /// The longest idle sleep: the keypad matrix and the socket raise no event, so the loop looks at them at
        /// least this often (one RTOS tick, half the key debounce, so a press is still seen stable in time).
        /// </summary>
        private const long InputPollMicros = 10000;

        /// <summary>Boots the firmware and runs its loop for ever.</summary>
        public static void Main()
        {
            GpioController gpio = new GpioController();
            HighResClock clock = new HighResClock();
            EventWait wake = new EventWait(clock, InputPollMicros);
            TerminalHardware hw = new TerminalHardware();
            hw.Clock = clock;
            hw.Idle = wake;
            // GPIO2, the devkit's LED, switches the head supply (PinMap.HeadPowerEnable): the heartbeat is kept
            // in memory only.
            hw.StatusLed = new UnwiredOutput();
            LittleFsStore store = new LittleFsStore("I:\\");
            hw.Store = store;
            // The acquirer link is Wi-Fi: credentials from I:\wifi.config, the acquirer's address from
            // I:\acquirer.config. A missing or bad file leaves the link refusing to connect with the file's
            // error, and the payment flow reports it.
            hw.Network = new WifiLink(WifiConfigFile.Load(store), AcquirerConfigFile.Load(store), clock);
            Configuration.SetPinFunction(PinMap.ScannerRx, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(PinMap.ScannerTx, DeviceFunction.COM2_TX);
            hw.ScannerPort = new UartPort("COM2", ScannerBaud, ScannerReceiveBufferBytes, wake);
            hw.PrintHead = WirePrintHead(gpio, clock, wake);
            Configuration.SetPinFunction(PinMap.I2cData, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(PinMap.I2cClock, DeviceFunction.I2C1_CLOCK);
            hw.Keypad = new Pcf8574Keypad(I2cBus, PinMap.KeypadExpanderAddress, clock, KeyDebounceMicros);
            hw.Display = new Hd44780Display(I2cBus, PinMap.DisplayBackpackAddress, clock);

            // hw.PrintHeadProfile stays null: the firmware reads the profile file from I:\ (deploy.json).
            TerminalApp app = new TerminalApp(hw, new TerminalConfig());
            app.Boot();
            while (true)
            {
                app.Step();
            }
        }

        private static PrintHeadPins WirePrintHead(GpioController gpio, IClock clock, EventWait wake)
        {
            Configuration.SetPinFunction(PinMap.HeadData, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(PinMap.HeadClock, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(PinMap.HeadSpiMiso, DeviceFunction.SPI1_MISO);
            PrintHeadPins pins = new PrintHeadPins();
            // Outputs first, at their idle levels: latch high (inactive), head supply off, strobes and motor
            // phases low. LAT is an RMT channel idling high, so the driver sends each latch ahead.
            pins.LatchPulse = new RmtPulse(PinMap.HeadLatch, clock, true);
            pins.HeadPower = new GpioOutput(gpio, PinMap.HeadPowerEnable, false);
            pins.Strobes = new IPulseOutput[PinMap.HeadStrobes.Length];
            for (int i = 0; i < PinMap.HeadStrobes.Length; i++)
            {
                pins.Strobes[i] = new RmtPulse(PinMap.HeadStrobes[i], clock);
            }
            // The stock GpioController writes one pin at a time: the port writes the phases a step changes.
            IDigitalOutput[] motor = new IDigitalOutput[PinMap.HeadMotor.Length];
            for (int i = 0; i < PinMap.HeadMotor.Length; i++)
            {
                motor[i] = new GpioOutput(gpio, PinMap.HeadMotor[i], false);
            }
            pins.MotorPhases = new PinByPinPort(motor);
            pins.Data = new SpiBus(PrintHeadSpiBus, PrintHeadSpiClockHertz);
            AdcController adc = new AdcController();
            pins.Thermistor = new AdcInput(adc, PinMap.HeadThermistorAdcChannel, AdcFullScaleMillivolts);
            pins.Supply = new AdcInput(adc, PinMap.HeadSupplyAdcChannel, AdcFullScaleMillivolts);
            // GPIO34/35 have no internal pulls: the board pulls both up (10 kOhm), so open = high = fault.
            pins.PaperOut = new GpioInput(gpio, PinMap.HeadPaperSensor, false, clock, PrintHeadSensorDebounceMillis, wake);
            pins.PlatenOpen = new GpioInput(gpio, PinMap.HeadPlatenSwitch, false, clock, PrintHeadSensorDebounceMillis, wake);
            return pins;
        }
    }
}
