using System;
using System.IO;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// IFileStore over the ESP32 internal littlefs drive (I:\). littlefs commits a file's content on close
    /// and renames atomically; File.Move refuses an existing destination, which is the contract IFileStore
    /// states. IOExceptions become FileStoreException so shared code catches one type.
    ///
    /// Read goes through one stream kept open on the last file read, so a file read in pieces (the
    /// journal at recovery) costs one littlefs path walk, not one per piece; the font, read glyph by glyph
    /// while a receipt prints, has its own reader from OpenRead for its whole life. Any change to that file (create, append, rename, delete) closes the stream
    /// first, so a reader never sees a file half-replaced.
    /// </summary>
    public sealed class LittleFsStore : IFileStore
    {
        private readonly string _root;
        private FileStream _reader;
        private string _readerName;

        /// <summary>Uses a folder on a drive, e.g. "I:\\".</summary>
        public LittleFsStore(string root)
        {
            _root = root;
        }

        /// <inheritdoc />
        public bool Exists(string name)
        {
            return (_readerName == name && _reader != null) || File.Exists(PathOf(name));
        }

        /// <inheritdoc />
        public int SizeOf(string name)
        {
            if (_reader != null && _readerName == name)
            {
                return (int)_reader.Length;
            }
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return -1;
            }
            try
            {
                // Its own short-lived stream: asking another file's size must not close the kept reader.
                using (FileStream s = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    return (int)s.Length;
                }
            }
            catch (IOException e)
            {
                throw new FileStoreException("size of " + name + ": " + e.Message);
            }
        }

        /// <inheritdoc />
        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            try
            {
                FileStream s = ReaderFor(name);
                s.Seek(position, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    int n = s.Read(buffer, offset + total, count - total);
                    if (n <= 0)
                    {
                        break;
                    }
                    total += n;
                }
                return total;
            }
            catch (IOException e)
            {
                CloseReader();
                throw new FileStoreException("read " + name + ": " + e.Message);
            }
        }

        /// <inheritdoc />
        public IFileReader OpenRead(string name)
        {
            try
            {
                return new StreamReaderAdapter(new FileStream(PathOf(name), FileMode.Open, FileAccess.Read), name);
            }
            catch (IOException e)
            {
                throw new FileStoreException("open " + name + ": " + e.Message);
            }
        }

        /// <inheritdoc />
        public IFileWriter Create(string name)
        {
            return Open(name, FileMode.Create);
        }

        /// <inheritdoc />
        public IFileWriter Append(string name)
        {
            return Open(name, FileMode.Append);
        }

        /// <inheritdoc />
        public void Rename(string from, string to)
        {
            ForgetReader(from);
            ForgetReader(to);
            try
            {
                File.Move(PathOf(from), PathOf(to));
            }
            catch (IOException e)
            {
                throw new FileStoreException("rename " + from + " -> " + to + ": " + e.Message);
            }
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            ForgetReader(name);
            string path = PathOf(name);
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
            catch (IOException e)
            {
                throw new FileStoreException("delete " + name + ": " + e.Message);
            }
        }

        /// <inheritdoc />
        public string[] List()
        {
            string[] paths = Directory.GetFiles(_root);
            string[] names = new string[paths.Length];
            for (int i = 0; i < paths.Length; i++)
            {
                names[i] = Path.GetFileName(paths[i]);
            }
            return names;
        }

        private FileStream ReaderFor(string name)
        {
            if (_reader == null || _readerName != name)
            {
                CloseReader();
                _reader = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read);
                _readerName = name;
            }
            return _reader;
        }

        private void ForgetReader(string name)
        {
            if (_readerName == name)
            {
                CloseReader();
            }
        }

        private void CloseReader()
        {
            if (_reader != null)
            {
                _reader.Dispose();
                _reader = null;
            }
            _readerName = null;
        }

        private IFileWriter Open(string name, FileMode mode)
        {
            ForgetReader(name);
            try
            {
                return new StreamWriterAdapter(new FileStream(PathOf(name), mode, FileAccess.Write), name);
            }
            catch (IOException e)
            {
                throw new FileStoreException("open " + name + ": " + e.Message);
            }
        }

        private string PathOf(string name)
        {
            return _root + name;
        }

        private sealed class StreamReaderAdapter : IFileReader
        {
            private readonly FileStream _stream;
            private readonly string _name;
            private readonly int _length;

            public StreamReaderAdapter(FileStream stream, string name)
            {
                _stream = stream;
                _name = name;
                _length = (int)stream.Length;
            }

            public int Length
            {
                get { return _length; }
            }

            public int Read(int position, byte[] buffer, int offset, int count)
            {
                try
                {
                    _stream.Seek(position, SeekOrigin.Begin);
                    int total = 0;
                    while (total < count)
                    {
                        int n = _stream.Read(buffer, offset + total, count - total);
                        if (n <= 0)
                        {
                            break;
                        }
                        total += n;
                    }
                    return total;
                }
                catch (IOException e)
                {
                    throw new FileStoreException("read " + _name + ": " + e.Message);
                }
            }

            public void Close()
            {
                _stream.Dispose();
            }
        }

        /// <summary>IFileWriter over a FileStream; Close flushes and closes, which is when littlefs commits.</summary>
        private sealed class StreamWriterAdapter : IFileWriter
        {
            private readonly FileStream _stream;
            private readonly string _name;

            public StreamWriterAdapter(FileStream stream, string name)
            {
                _stream = stream;
                _name = name;
            }

            /// <inheritdoc />
            public void Write(byte[] buffer, int offset, int count)
            {
                try
                {
                    _stream.Write(buffer, offset, count);
                }
                catch (IOException e)
                {
                    throw new FileStoreException("write " + _name + ": " + e.Message);
                }
            }

            /// <inheritdoc />
            public void Close()
            {
                // Disposed even when the flush fails, so a writer given up after an error lets its file go.
                try
                {
                    _stream.Flush();
                }
                catch (IOException e)
                {
                    throw new FileStoreException("close " + _name + ": " + e.Message);
                }
                finally
                {
                    _stream.Dispose();
                }
            }
        }
    }
}
