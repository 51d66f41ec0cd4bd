using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// A 4x4 membrane keypad scanned through a PCF8574: rows on expander bits 0..3 driven low one at a time,
    /// columns on bits 4..7 read back (a PCF8574 pin written high is a weak pull-up input, so a pressed key
    /// pulls its column low). This class holds the key layout and the debounce; the adapter does the I2C.
    /// A key is reported once, when it has read the same for DebounceMicros, and again only after release.
    /// </summary>
    public sealed class KeypadMatrix
    {
        public const int Rows = 4;
        public const int Columns = 4;

        /// <summary>The printed layout: 1 2 3 A / 4 5 6 B / 7 8 9 C / * 0 # D.</summary>
        private static readonly KeyCode[] Layout = new KeyCode[]
        {
            KeyCode.Digit1, KeyCode.Digit2, KeyCode.Digit3, KeyCode.Menu,
            KeyCode.Digit4, KeyCode.Digit5, KeyCode.Digit6, KeyCode.Up,
            KeyCode.Digit7, KeyCode.Digit8, KeyCode.Digit9, KeyCode.Down,
            KeyCode.Cancel, KeyCode.Digit0, KeyCode.Enter, KeyCode.Backspace,
        };

        private readonly long _debounceMicros;
        private KeyCode _candidate = KeyCode.None;
        private long _candidateSinceMicros;
        private bool _reported;

        public KeypadMatrix(long debounceMicros)
        {
            _debounceMicros = debounceMicros;
        }

        /// <summary>The expander byte that drives one row low and leaves the others and the columns high.</summary>
        public static byte RowDriveByte(int row)
        {
            return (byte)(0xFF & ~(1 << row));
        }

        /// <summary>The key at a row and a column read back low, or None when no column is low.</summary>
        public static KeyCode KeyAt(int row, byte readBack)
        {
            for (int column = 0; column < Columns; column++)
            {
                if ((readBack & (0x10 << column)) == 0)
                {
                    return Layout[row * Columns + column];
                }
            }
            return KeyCode.None;
        }

        /// <summary>Feeds one full scan's result (the first key found, or None); returns a key once it is debounced, else None.</summary>
        public KeyCode Update(KeyCode scanned, long nowMicros)
        {
            if (scanned != _candidate)
            {
                _candidate = scanned;
                _candidateSinceMicros = nowMicros;
                _reported = false;
                return KeyCode.None;
            }
            if (_candidate == KeyCode.None || _reported || nowMicros - _candidateSinceMicros < _debounceMicros)
            {
                return KeyCode.None;
            }
            _reported = true;
            return _candidate;
        }
    }
}
