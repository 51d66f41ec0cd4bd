namespace PosFirmware.Hal
{
    /// <summary>
    /// A key on the terminal's keypad. Values are the key's ASCII-like code, so a scripted key sequence
    /// reads as text ("1234\r") and a matrix-keypad driver maps its scan codes here in one table.
    /// </summary>
    public enum KeyCode
    {
        /// <summary>No key: the queue is empty.</summary>
        None = 0,

        /// <summary>Removes the last digit.</summary>
        Backspace = 0x08,

        /// <summary>Clears the whole entry.</summary>
        Clear = 0x0C,

        /// <summary>Confirms (the green key).</summary>
        Enter = 0x0D,

        /// <summary>Abandons the screen (the red key).</summary>
        Cancel = 0x1B,

        /// <summary>Digit 0.</summary>
        Digit0 = 0x30,

        /// <summary>Digit 1.</summary>
        Digit1 = 0x31,

        /// <summary>Digit 2.</summary>
        Digit2 = 0x32,

        /// <summary>Digit 3.</summary>
        Digit3 = 0x33,

        /// <summary>Digit 4.</summary>
        Digit4 = 0x34,

        /// <summary>Digit 5.</summary>
        Digit5 = 0x35,

        /// <summary>Digit 6.</summary>
        Digit6 = 0x36,

        /// <summary>Digit 7.</summary>
        Digit7 = 0x37,

        /// <summary>Digit 8.</summary>
        Digit8 = 0x38,

        /// <summary>Digit 9.</summary>
        Digit9 = 0x39,

        /// <summary>Scrolls a list down.</summary>
        Down = 0x44,

        /// <summary>Opens the operator menu.</summary>
        Menu = 0x4D,

        /// <summary>Scrolls a list up.</summary>
        Up = 0x55,
    }
}
