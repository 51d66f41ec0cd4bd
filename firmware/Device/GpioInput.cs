using System.Device.Gpio;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>IDigitalInput over a GpioPin; edges arrive through the runtime's event queue (not µs-exact) and wake the main loop's idle wait.</summary>
    public sealed class GpioInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly IClock _clock;
        private readonly EventWait _wake;
        private PinEdgeHandler _handler;

        /// <summary>Opens the pin as an input, with the pull-up a switch to ground needs when pullUp is true; edges signal wake (may be null).</summary>
        public GpioInput(GpioController controller, int pinNumber, bool pullUp, IClock clock, int debounceMillis, EventWait wake)
        {
            _clock = clock;
            _wake = wake;
            _pin = controller.OpenPin(pinNumber, pullUp ? PinMode.InputPullUp : PinMode.Input);
            _pin.DebounceTimeout = new System.TimeSpan(0, 0, 0, 0, debounceMillis);
            _pin.ValueChanged += OnValueChanged;
        }

        /// <inheritdoc />
        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        /// <inheritdoc />
        public void SetEdgeHandler(PinEdgeHandler handler)
        {
            _handler = handler;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            if (_wake != null)
            {
                _wake.Signal();
            }
            PinEdgeHandler handler = _handler;
            if (handler != null)
            {
                handler(e.ChangeType == PinEventTypes.Rising, _clock.NowMicros);
            }
        }
    }
}
