using PosFirmware.Hal;

namespace PosFirmware.Print
{
    /// <summary>
    /// NV images (FS q bit images, GS ( L NV graphics) kept in the flash file store, one file each, so they
    /// survive a reboot as on a printer's NV memory. A file holds the width and height in dots (u16 each,
    /// little-endian) and raster rows of DotsPerLine / 8 bytes (wider images are cut at the line). Storing
    /// an image the file already holds writes nothing, so a job re-run after a fault wears no flash. All the
    /// images together stay within a byte budget: the flash they share holds the journal too.
    /// </summary>
    public sealed class NvImageStore
    {
        private const int HeaderBytes = 4;

        // File names: BitImageKey and GraphicsKey make them, ForgetBitImages and the byte budget find them.
        private const string BitImagePrefix = "nvq";
        private const string GraphicsPrefix = "nvg";
        private const string ImageSuffix = ".img";

        private readonly IFileStore _store;
        private readonly int _rowBytes;
        private readonly int _maxHeightDots;
        private readonly int _maxTotalBytes;
        private readonly byte[] _row;
        private readonly byte[] _existing;
        private IFileReader _reader;

        /// <summary>
        /// A store for lines of dotsPerLine dots and images up to maxHeightDots tall, all of them together in
        /// at most maxTotalBytes of flash.
        /// </summary>
        public NvImageStore(IFileStore store, int dotsPerLine, int maxHeightDots, int maxTotalBytes)
        {
            Check.That(store != null && dotsPerLine % 8 == 0 && maxHeightDots > 0 && maxTotalBytes > 0, "store and sizes given");
            _store = store;
            _rowBytes = dotsPerLine / 8;
            _maxHeightDots = maxHeightDots;
            _maxTotalBytes = maxTotalBytes;
            _row = new byte[_rowBytes];
            _existing = new byte[_rowBytes];
        }

        /// <summary>Width of the open image in dots (at most the line).</summary>
        public int WidthDots { get; private set; }

        /// <summary>Height of the open image in dots.</summary>
        public int HeightDots { get; private set; }

        /// <summary>File name of FS q / FS p image n (1..255).</summary>
        public static string BitImageKey(int n)
        {
            return BitImagePrefix + n.ToString() + ImageSuffix;
        }

        /// <summary>File name of GS ( L NV graphics with key codes kc1 kc2 (32..126).</summary>
        public static string GraphicsKey(int kc1, int kc2)
        {
            return GraphicsPrefix + kc1.ToString() + "-" + kc2.ToString() + ImageSuffix;
        }

        /// <summary>Deletes every FS q image (FS q redefines the whole set).</summary>
        public void ForgetBitImages()
        {
            try
            {
                string[] names = _store.List();
                for (int i = 0; i < names.Length; i++)
                {
                    if (names[i].StartsWith(BitImagePrefix) && names[i].EndsWith(ImageSuffix))
                    {
                        _store.Delete(names[i]);
                    }
                }
            }
            catch (FileStoreException)
            {
                // A flash that cannot list or delete keeps its old images; the new ones are written over them by name.
            }
        }

        /// <summary>
        /// Stores an image from job[dataAt]: raster rows of (widthDots + 7) / 8 bytes, or columns of
        /// columnBytes bytes (MSB on top) when columnFormat. Unless Stored, the image is not kept: it is too
        /// tall or empty, it would take the images past their byte budget (the image it replaces counted
        /// out), or the flash refused it (full, or failing).
        /// </summary>
        public NvStoreStatus Store(string name, byte[] job, int dataAt, int widthDots, int heightDots, bool columnFormat, int columnBytes)
        {
            try
            {
                return Write(name, job, dataAt, widthDots, heightDots, columnFormat, columnBytes);
            }
            catch (FileStoreException)
            {
                _store.Delete(name);
                return NvStoreStatus.FlashFailed;
            }
        }

        private NvStoreStatus Write(string name, byte[] job, int dataAt, int widthDots, int heightDots, bool columnFormat, int columnBytes)
        {
            if (widthDots <= 0 || heightDots <= 0 || heightDots > _maxHeightDots)
            {
                return NvStoreStatus.BadSize;
            }
            int stored = widthDots > _rowBytes * 8 ? _rowBytes * 8 : widthDots;
            if (Holds(name, job, dataAt, widthDots, heightDots, stored, columnFormat, columnBytes))
            {
                return NvStoreStatus.Stored;
            }
            if (BytesOfOtherImages(name) + HeaderBytes + heightDots * _rowBytes > _maxTotalBytes)
            {
                return NvStoreStatus.OverBudget;
            }
            IFileWriter writer = _store.Create(name);
            _row[0] = (byte)(stored & 0xFF);
            _row[1] = (byte)(stored >> 8);
            _row[2] = (byte)(heightDots & 0xFF);
            _row[3] = (byte)(heightDots >> 8);
            writer.Write(_row, 0, HeaderBytes);
            for (int y = 0; y < heightDots; y++)
            {
                MakeRow(job, dataAt, widthDots, stored, y, columnFormat, columnBytes);
                writer.Write(_row, 0, _rowBytes);
            }
            writer.Close();
            return NvStoreStatus.Stored;
        }

        /// <summary>Bytes the NV image files other than name take in the flash.</summary>
        private int BytesOfOtherImages(string name)
        {
            string[] names = _store.List();
            int total = 0;
            for (int i = 0; i < names.Length; i++)
            {
                if (IsImageFile(names[i]) && names[i] != name)
                {
                    total += _store.SizeOf(names[i]);
                }
            }
            return total;
        }

        private static bool IsImageFile(string name)
        {
            return (name.StartsWith(BitImagePrefix) || name.StartsWith(GraphicsPrefix)) && name.EndsWith(ImageSuffix);
        }

        private bool Holds(string name, byte[] job, int dataAt, int widthDots, int heightDots, int stored, bool columnFormat, int columnBytes)
        {
            if (_store.SizeOf(name) != HeaderBytes + heightDots * _rowBytes || _store.Read(name, 0, _existing, 0, HeaderBytes) != HeaderBytes
                || (_existing[0] | (_existing[1] << 8)) != stored || (_existing[2] | (_existing[3] << 8)) != heightDots)
            {
                return false;
            }
            IFileReader reader = _store.OpenRead(name);
            for (int y = 0; y < heightDots; y++)
            {
                MakeRow(job, dataAt, widthDots, stored, y, columnFormat, columnBytes);
                if (reader.Read(HeaderBytes + y * _rowBytes, _existing, 0, _rowBytes) != _rowBytes || !Same(_row, _existing))
                {
                    reader.Close();
                    return false;
                }
            }
            reader.Close();
            return true;
        }

        private static bool Same(byte[] a, byte[] b)
        {
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }

        private void MakeRow(byte[] job, int dataAt, int widthDots, int stored, int y, bool columnFormat, int columnBytes)
        {
            for (int i = 0; i < _rowBytes; i++)
            {
                _row[i] = 0;
            }
            int sourceRowBytes = (widthDots + 7) / 8;
            for (int x = 0; x < stored; x++)
            {
                bool dark = columnFormat
                    ? (job[dataAt + x * columnBytes + (y >> 3)] & (0x80 >> (y & 7))) != 0
                    : (job[dataAt + y * sourceRowBytes + (x >> 3)] & (0x80 >> (x & 7))) != 0;
                if (dark)
                {
                    _row[x >> 3] |= (byte)(0x80 >> (x & 7));
                }
            }
        }

        /// <summary>Opens an image to print; false if there is none (or its file is damaged).</summary>
        public bool Open(string name)
        {
            Close();
            try
            {
                return OpenFile(name);
            }
            catch (FileStoreException)
            {
                Close();
                return false;
            }
        }

        private bool OpenFile(string name)
        {
            int size = _store.SizeOf(name);
            if (size < HeaderBytes)
            {
                return false;
            }
            _reader = _store.OpenRead(name);
            if (_reader.Read(0, _row, 0, HeaderBytes) != HeaderBytes)
            {
                Close();
                return false;
            }
            WidthDots = _row[0] | (_row[1] << 8);
            HeightDots = _row[2] | (_row[3] << 8);
            if (WidthDots <= 0 || WidthDots > _rowBytes * 8 || HeightDots <= 0 || HeightDots > _maxHeightDots
                || size != HeaderBytes + HeightDots * _rowBytes)
            {
                Close();
                return false;
            }
            return true;
        }

        /// <summary>Row y of the open image (a buffer reused by the next call), or null if it cannot be read.</summary>
        public byte[] ReadRow(int y)
        {
            if (_reader == null || y < 0 || y >= HeightDots)
            {
                return null;
            }
            try
            {
                return _reader.Read(HeaderBytes + y * _rowBytes, _row, 0, _rowBytes) == _rowBytes ? _row : null;
            }
            catch (FileStoreException)
            {
                return null;
            }
        }

        /// <summary>Closes the open image.</summary>
        public void Close()
        {
            if (_reader != null)
            {
                _reader.Close();
                _reader = null;
            }
        }
    }
}
