using System;
using System.Device.I2c;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// IKeypad on a 4x4 matrix behind a PCF8574 (KeypadMatrix has the layout and debounce). Each ReadKey
    /// scans the four rows: one expander write to drive a row low, one read of the columns. No allocation:
    /// the I2C transfers use the device's byte calls.
    /// </summary>
    public sealed class Pcf8574Keypad : IKeypad
    {
        private readonly I2cDevice _expander;
        private readonly IClock _clock;
        private readonly KeypadMatrix _matrix;

        public Pcf8574Keypad(int busId, int address, IClock clock, long debounceMicros)
        {
            _expander = I2cDevice.Create(new I2cConnectionSettings(busId, address, I2cBusSpeed.StandardMode));
            _clock = clock;
            _matrix = new KeypadMatrix(debounceMicros);
            _expander.WriteByte(0xFF);
        }

        /// <inheritdoc />
        public KeyCode ReadKey()
        {
            KeyCode scanned = KeyCode.None;
            for (int row = 0; row < KeypadMatrix.Rows && scanned == KeyCode.None; row++)
            {
                _expander.WriteByte(KeypadMatrix.RowDriveByte(row));
                scanned = KeypadMatrix.KeyAt(row, _expander.ReadByte());
            }
            _expander.WriteByte(0xFF);
            return _matrix.Update(scanned, _clock.NowMicros);
        }
    }
}
