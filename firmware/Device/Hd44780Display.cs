using System;
using System.Device.I2c;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// IDisplay on a 20x4 HD44780 character LCD behind a PCF8574 backpack, in 4-bit mode. A line is sent
    /// only when its text changed, as one I2C write of prebuilt frames (address command plus 20 characters,
    /// 4 expander bytes each), from buffers made once. At 100 kHz each expander byte takes about 90 us,
    /// longer than the controller's 37 us per command, so only Clear and the power-on sequence wait.
    /// </summary>
    public sealed class Hd44780Display : IDisplay
    {
        private const int RowCount = 4;
        private const int ColumnCount = 20;
        private const long PowerOnWaitMicros = 50000;
        private const long ResetNibbleWaitMicros = 4500;
        private const long ClearWaitMicros = 2000;

        private readonly I2cDevice _backpack;
        private readonly IClock _clock;
        private readonly char[][] _shown;
        private readonly byte[] _lineFrames = new byte[(1 + ColumnCount) * Hd44780Frames.WritesPerByte];
        private readonly byte[] _commandFrames = new byte[Hd44780Frames.WritesPerByte];

        public Hd44780Display(int busId, int address, IClock clock)
        {
            _backpack = I2cDevice.Create(new I2cConnectionSettings(busId, address, I2cBusSpeed.StandardMode));
            _clock = clock;
            _shown = new char[RowCount][];
            for (int row = 0; row < RowCount; row++)
            {
                _shown[row] = new char[ColumnCount];
            }
            PowerOn();
        }

        /// <inheritdoc />
        public int Rows
        {
            get { return RowCount; }
        }

        /// <inheritdoc />
        public int Columns
        {
            get { return ColumnCount; }
        }

        /// <inheritdoc />
        public void SetLine(int row, string text)
        {
            if (row < 0 || row >= RowCount)
            {
                return;
            }
            char[] shown = _shown[row];
            bool changed = false;
            for (int column = 0; column < ColumnCount; column++)
            {
                char c = text != null && column < text.Length ? text[column] : ' ';
                if (shown[column] != c)
                {
                    shown[column] = c;
                    changed = true;
                }
            }
            if (!changed)
            {
                return;
            }
            int offset = Hd44780Frames.Write(_lineFrames, 0, (byte)(Hd44780Frames.SetDdramAddress | Hd44780Frames.RowAddresses20x4[row]), false, true);
            for (int column = 0; column < ColumnCount; column++)
            {
                offset = Hd44780Frames.Write(_lineFrames, offset, Hd44780Frames.CharacterCode(shown[column]), true, true);
            }
            _backpack.Write(new SpanByte(_lineFrames, 0, offset));
        }

        /// <inheritdoc />
        public void Clear()
        {
            Command(Hd44780Frames.ClearDisplay);
            _clock.DelayMicros(ClearWaitMicros);
            for (int row = 0; row < RowCount; row++)
            {
                char[] shown = _shown[row];
                for (int column = 0; column < ColumnCount; column++)
                {
                    shown[column] = ' ';
                }
            }
        }

        /// <summary>The datasheet's initialization by instruction: three 8-bit function sets, then 4-bit mode.</summary>
        private void PowerOn()
        {
            _clock.DelayMicros(PowerOnWaitMicros);
            for (int i = 0; i < 3; i++)
            {
                Nibble(0x30);
                _clock.DelayMicros(ResetNibbleWaitMicros);
            }
            Nibble(0x20);
            Command(Hd44780Frames.FunctionSet4Bit2Line);
            Command(Hd44780Frames.DisplayOn);
            Command(Hd44780Frames.EntryModeIncrement);
            Clear();
        }

        private void Nibble(int highNibble)
        {
            int end = Hd44780Frames.WriteNibble(_commandFrames, 0, highNibble, Hd44780Frames.Backlight);
            _backpack.Write(new SpanByte(_commandFrames, 0, end));
        }

        private void Command(byte command)
        {
            int end = Hd44780Frames.Write(_commandFrames, 0, command, false, true);
            _backpack.Write(new SpanByte(_commandFrames, 0, end));
        }
    }
}
