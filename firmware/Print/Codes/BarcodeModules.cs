using PosFirmware.Hal;

namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// A one-dimensional barcode as a row of modules (true = bar) plus its human-readable text, built by
    /// the symbology encoders into buffers allocated once.
    /// </summary>
    public sealed class BarcodeModules
    {
        private readonly bool[] _bars;
        private readonly char[] _text;

        /// <summary>Allocates room for up to maxModules modules and maxText characters of readable text.</summary>
        public BarcodeModules(int maxModules, int maxText)
        {
            _bars = new bool[maxModules];
            _text = new char[maxText];
        }

        /// <summary>Modules in the current barcode.</summary>
        public int Count { get; private set; }

        /// <summary>Characters of human-readable text.</summary>
        public int TextLength { get; private set; }

        /// <summary>Most modules a barcode may have.</summary>
        public int Capacity
        {
            get { return _bars.Length; }
        }

        /// <summary>True if module i is a bar.</summary>
        public bool IsBar(int i)
        {
            return i >= 0 && i < Count && _bars[i];
        }

        /// <summary>Character i of the human-readable text.</summary>
        public char TextAt(int i)
        {
            return _text[i];
        }

        /// <summary>Empties the barcode.</summary>
        public void Clear()
        {
            Count = 0;
            TextLength = 0;
        }

        /// <summary>Appends count modules of one kind; false if the barcode would overflow.</summary>
        public bool Append(bool bar, int count)
        {
            if (count < 0 || Count + count > _bars.Length)
            {
                return false;
            }
            for (int i = 0; i < count; i++)
            {
                _bars[Count++] = bar;
            }
            return true;
        }

        /// <summary>Appends one character of readable text (dropped past the text capacity).</summary>
        public void AppendText(char c)
        {
            if (TextLength < _text.Length)
            {
                _text[TextLength++] = c;
            }
        }

        /// <summary>Appends alternating bar/space runs given as digit widths, starting with a bar.</summary>
        public bool AppendWidths(string widths)
        {
            Check.That(widths != null, "widths given");
            for (int i = 0; i < widths.Length; i++)
            {
                if (!Append(i % 2 == 0, widths[i] - '0'))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
