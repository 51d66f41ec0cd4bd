namespace PosFirmware.Hal
{
    /// <summary>Called on a level change of an input pin, with the new level and when it happened.</summary>
    public delegate void PinEdgeHandler(bool high, long atMicros);

    /// <summary>
    /// An input pin (GpioPin in Input/InputPullUp mode). Poll it with Read, or register one edge
    /// handler; handlers run outside the main loop on the device, so they may only note the edge
    /// (set a flag, fill a ring buffer), never act on it.
    /// </summary>
    public interface IDigitalInput
    {
        /// <summary>The pin's level now.</summary>
        bool Read();

        /// <summary>Sets the one edge handler of this pin; null removes it.</summary>
        void SetEdgeHandler(PinEdgeHandler handler);
    }
}
