using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;
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

            TerminalApp app = new TerminalApp(hw, new TerminalConfig());
            app.Boot();
            while (true)
            {
                app.Step();
            }
        }
    }
}
