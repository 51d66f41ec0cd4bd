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

            TerminalApp app = new TerminalApp(hw, new TerminalConfig());
            app.Boot();
            while (true)
            {
                app.Step();
            }
        }
    }
}
