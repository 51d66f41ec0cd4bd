using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>An output with no pin behind it: it keeps the level written, for a signal the board does not carry.</summary>
    public sealed class UnwiredOutput : IDigitalOutput
    {
        private bool _level;

        /// <inheritdoc />
        public bool Level
        {
            get { return _level; }
        }

        /// <inheritdoc />
        public void Write(bool high)
        {
            _level = high;
        }
    }
}
