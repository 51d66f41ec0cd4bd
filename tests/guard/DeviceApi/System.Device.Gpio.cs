namespace System.Device.Gpio
{
    // source: nanoframework/System.Device.Gpio@v1.1.62:System.Device.Gpio/GpioController.cs
    public sealed class GpioController : IDisposable
    {
        public GpioController() { }
        public GpioPin OpenPin(int pinNumber) { throw null; }
        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }
        public void ClosePin(int pinNumber) { }
        public bool IsPinOpen(int pinNumber) { throw null; }
        public void Dispose() { }
    }

    // source: nanoframework/System.Device.Gpio@v1.1.62:System.Device.Gpio/GpioPin.cs
    public sealed class GpioPin : IDisposable
    {
        public int PinNumber { get { throw null; } }
        public TimeSpan DebounceTimeout { get { throw null; } set { } }
        public PinMode GetPinMode() { throw null; }
        public void SetPinMode(PinMode value) { }
        public PinValue Read() { throw null; }
        public void Write(PinValue value) { }
        public void Toggle() { }
        public event PinValueChangedEventHandler ValueChanged { add { } remove { } }
        public void Dispose() { }
    }

    // source: nanoframework/System.Device.Gpio@v1.1.62:System.Device.Gpio/PinMode.cs
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
    }

    // source: nanoframework/System.Device.Gpio@v1.1.62:System.Device.Gpio/PinValue.cs
    public readonly struct PinValue
    {
        public static PinValue High { get { throw null; } }
        public static PinValue Low { get { throw null; } }
        public static bool operator ==(PinValue a, PinValue b) { throw null; }
        public static bool operator !=(PinValue a, PinValue b) { throw null; }
        public static implicit operator PinValue(bool value) { throw null; }
        public static implicit operator PinValue(int value) { throw null; }
        public static explicit operator byte(PinValue value) { throw null; }
        public static explicit operator int(PinValue value) { throw null; }
        public static explicit operator bool(PinValue value) { throw null; }
        public bool Equals(PinValue other) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
    }

    // source: nanoframework/System.Device.Gpio@v1.1.62:System.Device.Gpio/PinEventTypes.cs
    [Flags]
    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2,
    }

    // source: nanoframework/System.Device.Gpio@v1.1.62:System.Device.Gpio/PinValueChangedEventArgs.cs
    public class PinValueChangedEventArgs
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { }
        public PinEventTypes ChangeType { get { throw null; } }
        public int PinNumber { get { throw null; } }
    }

    // source: nanoframework/System.Device.Gpio@v1.1.62:System.Device.Gpio/PinValueChangedEventHandler.cs
    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);
}
