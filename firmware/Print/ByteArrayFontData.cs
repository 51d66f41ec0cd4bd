using System;

namespace PosFirmware.Print
{
    /// <summary>Font data held in memory (the emulator, tests, or a device with the font in a resource).</summary>
    public sealed class ByteArrayFontData : IFontData
    {
        private readonly byte[] _bytes;

        /// <summary>Wraps the font file's bytes (not copied).</summary>
        public ByteArrayFontData(byte[] bytes)
        {
            _bytes = bytes;
        }

        /// <inheritdoc />
        public int Length
        {
            get { return _bytes.Length; }
        }

        /// <inheritdoc />
        public int Read(int position, byte[] buffer, int offset, int count)
        {
            if (position < 0 || position >= _bytes.Length || count <= 0)
            {
                return 0;
            }
            int n = count;
            if (n > _bytes.Length - position)
            {
                n = _bytes.Length - position;
            }
            Array.Copy(_bytes, position, buffer, offset, n);
            return n;
        }
    }
}
