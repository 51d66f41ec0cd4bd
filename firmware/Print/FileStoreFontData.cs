using PosFirmware.Hal;

namespace PosFirmware.Printing
{
    /// <summary>Font data read from a file in the terminal's flash file store, glyph by glyph.</summary>
    public sealed class FileStoreFontData : IFontData
    {
        private readonly IFileStore _store;
        private readonly string _name;
        private readonly int _length;

        /// <summary>Opens the named font file; its length is read once (0 if the file is missing).</summary>
        public FileStoreFontData(IFileStore store, string name)
        {
            _store = store;
            _name = name;
            int size = store.SizeOf(name);
            _length = size < 0 ? 0 : size;
        }

        /// <inheritdoc />
        public int Length
        {
            get { return _length; }
        }

        /// <inheritdoc />
        public int Read(int position, byte[] buffer, int offset, int count)
        {
            if (position < 0 || position >= _length || count <= 0)
            {
                return 0;
            }
            return _store.Read(_name, position, buffer, offset, count);
        }
    }
}
