using PosFirmware.Hal;

namespace PosFirmware.Print
{
    /// <summary>
    /// NV images (FS q bit images, GS ( L NV graphics) kept in the flash file store, one file each, so they
    /// survive a reboot as on a printer's NV memory. A file holds the width and height in dots (u16 each,
    /// little-endian) and raster rows of DotsPerLine / 8 bytes (wider images are cut at the line). Storing
    /// an image the file already holds writes nothing, so a job re-run after a fault wears no flash. All the
    /// images together stay within a byte budget: the flash they share holds the journal too.
    ///
    /// A new image is written to a temporary file next to the old one, closed, and only then put in its
    /// place (delete, then an atomic rename), so a flash that fails or fills up, or a power cut, never leaves
    /// a torn image (FAT lands bytes as they are written) and never takes the old one with it. A temporary
    /// file left by a cut is settled the next time its image is opened or stored: a whole one replaces an image
    /// that is gone, any other is deleted.
    /// </summary>
    public sealed class NvImageStore
    {
        private const int HeaderBytes = 4;

        // File names: BitImageKey and GraphicsKey make them, ForgetBitImages and the byte budget find them.
        private const string BitImagePrefix = "nvq";
        private const string GraphicsPrefix = "nvg";
        private const string ImageSuffix = ".img";
        private const string TempExtension = ".tmp";
        private const string TempSuffix = ImageSuffix + TempExtension;

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
                    if (names[i].StartsWith(BitImagePrefix) && (names[i].EndsWith(ImageSuffix) || names[i].EndsWith(TempSuffix)))
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
        /// out), or the flash refused it (full, or failing); the image stored before under name then stays.
        /// </summary>
        public NvStoreStatus Store(string name, byte[] job, int dataAt, int widthDots, int heightDots, bool columnFormat, int columnBytes)
        {
            if (widthDots <= 0 || heightDots <= 0 || heightDots > _maxHeightDots)
            {
                return NvStoreStatus.BadSize;
            }
            int stored = widthDots > _rowBytes * 8 ? _rowBytes * 8 : widthDots;
            string temp = TempOf(name);
            try
            {
                Settle(name, temp);
                if (Holds(name, job, dataAt, widthDots, heightDots, stored, columnFormat, columnBytes))
                {
                    return NvStoreStatus.Stored;
                }
                if (BytesOfOtherImages(name, temp) + HeaderBytes + heightDots * _rowBytes > _maxTotalBytes)
                {
                    return NvStoreStatus.OverBudget;
                }
            }
            catch (FileStoreException)
            {
                return NvStoreStatus.FlashFailed;
            }
            if (!WriteWhole(temp, job, dataAt, widthDots, heightDots, stored, columnFormat, columnBytes))
            {
                return NvStoreStatus.FlashFailed;
            }
            try
            {
                _store.Delete(name);
                _store.Rename(temp, name);
                return NvStoreStatus.Stored;
            }
            catch (FileStoreException)
            {
                // The old image, if its delete failed, stays and the new one goes; if it is gone, the new one
                // takes its name now or at the next open.
                SettleQuietly(name, temp);
                return NvStoreStatus.FlashFailed;
            }
        }

        /// <summary>Writes the image into file and closes it; false (and no file) if the flash refused it.</summary>
        private bool WriteWhole(string file, byte[] job, int dataAt, int widthDots, int heightDots, int stored, bool columnFormat, int columnBytes)
        {
            IFileWriter writer = null;
            try
            {
                writer = _store.Create(file);
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
                IFileWriter closing = writer;
                writer = null;
                closing.Close();
                return true;
            }
            catch (FileStoreException)
            {
                // The writer is closed so the store lets the name go (littlefs commits the part written; FAT has it
                // already): the part is deleted.
                if (writer != null)
                {
                    try
                    {
                        writer.Close();
                    }
                    catch (FileStoreException)
                    {
                        // The write failed already; what the close left is deleted below.
                    }
                }
                try
                {
                    _store.Delete(file);
                }
                catch (FileStoreException)
                {
                    // Left for the next Settle, which deletes a temporary file that is not whole.
                }
                return false;
            }
        }

        /// <summary>The temporary file a new image for name is written to.</summary>
        private static string TempOf(string name)
        {
            return name + TempExtension;
        }

        /// <summary>
        /// Settles a temporary file a power cut left behind: a whole image replaces an image that is gone;
        /// otherwise the old image stays and the temporary file is deleted.
        /// </summary>
        private void Settle(string name, string temp)
        {
            if (!_store.Exists(temp))
            {
                return;
            }
            if (!_store.Exists(name) && IsWhole(temp))
            {
                _store.Rename(temp, name);
            }
            else
            {
                _store.Delete(temp);
            }
        }

        private void SettleQuietly(string name, string temp)
        {
            try
            {
                Settle(name, temp);
            }
            catch (FileStoreException)
            {
                // Tried again at the next open or store of the image.
            }
        }

        /// <summary>True if file holds a whole image: a header that fits and every row it announces.</summary>
        private bool IsWhole(string file)
        {
            int size = _store.SizeOf(file);
            return size >= HeaderBytes && _store.Read(file, 0, _existing, 0, HeaderBytes) == HeaderBytes
                && Fits(_existing[0] | (_existing[1] << 8), _existing[2] | (_existing[3] << 8), size);
        }

        /// <summary>True for an image of widthDots x heightDots this store could have written, in a file of size bytes.</summary>
        private bool Fits(int widthDots, int heightDots, int size)
        {
            return widthDots > 0 && widthDots <= _rowBytes * 8 && heightDots > 0 && heightDots <= _maxHeightDots
                && size == HeaderBytes + heightDots * _rowBytes;
        }

        /// <summary>
        /// Bytes the NV image files other than name and its temporary file take in the flash, counting the
        /// temporary files of other images that a cut left and no open has settled yet.
        /// </summary>
        private int BytesOfOtherImages(string name, string temp)
        {
            string[] names = _store.List();
            int total = 0;
            for (int i = 0; i < names.Length; i++)
            {
                if (IsNvFile(names[i]) && names[i] != name && names[i] != temp)
                {
                    total += _store.SizeOf(names[i]);
                }
            }
            return total;
        }

        /// <summary>True for an image file or the temporary file of one.</summary>
        private static bool IsNvFile(string name)
        {
            return (name.StartsWith(BitImagePrefix) || name.StartsWith(GraphicsPrefix)) && (name.EndsWith(ImageSuffix) || name.EndsWith(TempSuffix));
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
            SettleQuietly(name, TempOf(name));
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
            if (!Fits(WidthDots, HeightDots, size))
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
