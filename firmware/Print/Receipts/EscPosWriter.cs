using PosFirmware.Hal;
using PosFirmware.Print.Codes;
using PosFirmware.Print.Commands;

namespace PosFirmware.Print.Receipts
{
    /// <summary>
    /// Builds an ESC/POS byte stream in a fixed buffer: one method per command, each writing its entry of
    /// the command table (EscPosCommands) the interpreter reads, and text written as UTF-8 (selected by
    /// Initialise, so the receipt prints the same whatever encoding the printer starts in).
    /// If the buffer would overflow, nothing more is written and Overflowed is set, so a receipt is either
    /// whole or refused, never silently cut.
    /// </summary>
    public sealed class EscPosWriter
    {
        private readonly byte[] _buffer;
        private readonly byte[] _code128 = new byte[160];
        private readonly byte[] _ascii = new byte[80];

        /// <summary>Allocates a buffer of capacity bytes.</summary>
        public EscPosWriter(int capacity)
        {
            _buffer = new byte[capacity];
        }

        /// <summary>Bytes written.</summary>
        public int Length { get; private set; }

        /// <summary>True if something did not fit; the stream is then incomplete and must not be printed.</summary>
        public bool Overflowed { get; private set; }

        /// <summary>The buffer (the stream is its first Length bytes).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Empties the stream.</summary>
        public void Reset()
        {
            Length = 0;
            Overflowed = false;
        }

        /// <summary>A copy of the stream (for the emulator and tests; the device prints from Buffer).</summary>
        public byte[] ToArray()
        {
            var copy = new byte[Length];
            System.Array.Copy(_buffer, copy, Length);
            return copy;
        }

        private void Put(byte b)
        {
            if (Length >= _buffer.Length)
            {
                Overflowed = true;
                return;
            }
            _buffer[Length++] = b;
        }

        /// <summary>Writes a command's prefix from the table.</summary>
        private void Put(EscPosCommand command)
        {
            Put(command.Prefix1);
            if (command.PrefixLength >= 2)
            {
                Put((byte)command.Prefix2);
            }
            if (command.PrefixLength >= 3)
            {
                Put((byte)command.Prefix3);
            }
        }

        private void Put(EscPosCommand command, int n)
        {
            Put(command);
            Put((byte)n);
        }

        /// <summary>ESC @ then FS ( C fn 48 m 2: initialise the printer and select UTF-8 text.</summary>
        public void Initialise()
        {
            Put(EscPosCommands.Initialise);
            Put(EscPosCommands.EncodingSelect);
            Put(2); Put(0); Put(48); Put(2);
        }

        /// <summary>ESC a n: 0 left, 1 centre, 2 right.</summary>
        public void Align(int alignment)
        {
            Put(EscPosCommands.Align, alignment);
        }

        /// <summary>ESC E n.</summary>
        public void Bold(bool on)
        {
            Put(EscPosCommands.Bold, on ? 1 : 0);
        }

        /// <summary>ESC - n: 0 off, 1 or 2 dots thick.</summary>
        public void Underline(int dots)
        {
            Put(EscPosCommands.Underline, dots);
        }

        /// <summary>GS B n: white on black.</summary>
        public void Reverse(bool on)
        {
            Put(EscPosCommands.Reverse, on ? 1 : 0);
        }

        /// <summary>GS ! n: character magnification (1..8 each way).</summary>
        public void Size(int width, int height)
        {
            Check.That(width >= 1 && width <= 8 && height >= 1 && height <= 8, "magnification x1..x8");
            Put(EscPosCommands.CharacterSize, ((width - 1) << 4) | (height - 1));
        }

        /// <summary>Writes text as UTF-8 (no line feed). Control characters are dropped.</summary>
        public void Text(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                }
                PutUtf8(c);
            }
        }

        private void PutUtf8(int c)
        {
            if (c < 0x20)
            {
                return;
            }
            if (c < 0x80)
            {
                Put((byte)c);
            }
            else if (c < 0x800)
            {
                Put((byte)(0xC0 | (c >> 6)));
                Put((byte)(0x80 | (c & 0x3F)));
            }
            else if (c < 0x10000)
            {
                Put((byte)(0xE0 | (c >> 12)));
                Put((byte)(0x80 | ((c >> 6) & 0x3F)));
                Put((byte)(0x80 | (c & 0x3F)));
            }
            else
            {
                Put((byte)(0xF0 | (c >> 18)));
                Put((byte)(0x80 | ((c >> 12) & 0x3F)));
                Put((byte)(0x80 | ((c >> 6) & 0x3F)));
                Put((byte)(0x80 | (c & 0x3F)));
            }
        }

        /// <summary>LF: print the line.</summary>
        public void LineFeed()
        {
            Put(0x0A);
        }

        /// <summary>Text then LF.</summary>
        public void Line(string text)
        {
            Text(text);
            LineFeed();
        }

        /// <summary>ESC J n: feed n dot lines.</summary>
        public void FeedDots(int dots)
        {
            Put(EscPosCommands.FeedDots, dots);
        }

        /// <summary>GS ( k: QR code of data (UTF-8) with the module size and level, printed at once.</summary>
        public void QrCode(string data, int moduleDots, QrErrorLevel level)
        {
            int start = Length;
            // Store with a placeholder length, then patch it: the UTF-8 length is known only after writing.
            Put(EscPosCommands.TwoDimensionalCode); Put(4); Put(0); Put(49); Put(65); Put(50); Put(0);
            Put(EscPosCommands.TwoDimensionalCode); Put(3); Put(0); Put(49); Put(67); Put((byte)moduleDots);
            Put(EscPosCommands.TwoDimensionalCode); Put(3); Put(0); Put(49); Put(69); Put((byte)(48 + (int)level));
            Put(EscPosCommands.TwoDimensionalCode);
            int lengthAt = Length;
            Put(0); Put(0); Put(49); Put(80); Put(48);
            int dataAt = Length;
            Text(data);
            if (Overflowed)
            {
                return;
            }
            int p = Length - dataAt + 3;
            Check.That(p <= 0xFFFF && start < lengthAt, "QR store length fits pL pH");
            _buffer[lengthAt] = (byte)(p & 0xFF);
            _buffer[lengthAt + 1] = (byte)(p >> 8);
            Put(EscPosCommands.TwoDimensionalCode); Put(3); Put(0); Put(49); Put(81); Put(48);
        }

        /// <summary>GS w, GS h, GS H, GS k 73: CODE128 of ASCII text with its readable text below.</summary>
        public void Code128Barcode(string text, int moduleDots, int heightDots)
        {
            int n = text.Length;
            if (n == 0 || n > _ascii.Length)
            {
                Overflowed = true; // refuse rather than print a wrong code
                return;
            }
            for (int i = 0; i < n; i++)
            {
                _ascii[i] = text[i] < 128 ? (byte)text[i] : (byte)'?';
            }
            int length = Code128.PlanEpsonData(_ascii, 0, n, _code128, 0, _code128.Length);
            if (length <= 0 || length > 255)
            {
                Overflowed = true;
                return;
            }
            Put(EscPosCommands.BarcodeModule, moduleDots);
            Put(EscPosCommands.BarcodeHeight, heightDots);
            Put(EscPosCommands.HriPosition, 2);
            Put(EscPosCommands.Barcode, 73);
            Put((byte)length);
            for (int i = 0; i < length; i++)
            {
                Put(_code128[i]);
            }
        }

        /// <summary>GS V 0: on a tear-bar terminal, feeds the last line past the tear bar.</summary>
        public void TearOff()
        {
            Put(EscPosCommands.Cut, 0);
        }
    }
}
