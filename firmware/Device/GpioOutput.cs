using System.Device.Gpio;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>IDigitalOutput over a nanoFramework GpioPin in Output mode.</summary>
    public sealed class GpioOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;
        private bool _level;

        /// <summary>Opens the pin as an output at an initial level.</summary>
        public GpioOutput(GpioController controller, int pinNumber, bool initial)
        {
            _pin = controller.OpenPin(pinNumber, PinMode.Output);
            Write(initial);
        }

        /// <inheritdoc />
        public bool Level
        {
            get { return _level; }
        }

        /// <inheritdoc />
        public void Write(bool high)
        {
            _level = high;
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
