using PosFirmware.Hal;
using PosFirmware.PrintHead;

namespace PosFirmware.Terminal
{
    /// <summary>
    /// Everything the firmware touches, as our own interfaces. The device's Program fills it with
    /// nanoFramework adapters; the emulator fills it with virtual parts. Each subsystem adds its parts here.
    /// </summary>
    public class TerminalHardware
    {
        /// <summary>Time and waits.</summary>
        public IClock Clock;

        /// <summary>The main loop's sleep until a deadline or an input event (null: the loop waits a fixed period each pass).</summary>
        public IIdleWait Idle;

        /// <summary>The status LED: the main loop's heartbeat.</summary>
        public IDigitalOutput StatusLed;

        /// <summary>The internal flash drive.</summary>
        public IFileStore Store;

        /// <summary>The link to the acquirer.</summary>
        public INetworkLink Network;

        /// <summary>The UART to the barcode scan engine (null when the terminal has none).</summary>
        public ISerialPort ScannerPort;

        /// <summary>The operator keypad (null when absent).</summary>
        public IKeypad Keypad;

        /// <summary>The operator display (null when absent).</summary>
        public IDisplay Display;

        /// <summary>The thermal mechanism's wires (DI/CLK, LAT, STB1..n, motor phases, thermistor, supply, sensors).</summary>
        public PrintHeadPins PrintHead;

        /// <summary>The fitted mechanism, parsed from its profile file (drivers/PrintHead/Profiles).</summary>
        public MechanismProfile PrintHeadProfile;

        /// <summary>Told of the head driver's work as it does it: the emulator's device CPU model (null on the device).</summary>
        public ICpuMeter PrintHeadCpu;
    }
}
