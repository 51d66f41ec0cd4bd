using System;
using System.IO;
using PosFirmware.Hal;

namespace PosFirmware.Device
{
    /// <summary>
    /// IFileStore over the ESP32 internal littlefs drive (I:\). littlefs commits a file's content on close
    /// and renames atomically (nanoframework.md §2.5); File.Move refuses an existing destination, which is
    /// the contract IFileStore states. IOExceptions become FileStoreException so shared code catches one type.
    /// </summary>
    public sealed class LittleFsStore : IFileStore
    {
        private readonly string _root;

        /// <summary>Uses a folder on a drive, e.g. "I:\\".</summary>
        public LittleFsStore(string root)
        {
            _root = root;
        }

        /// <inheritdoc />
        public bool Exists(string name)
        {
            return File.Exists(PathOf(name));
        }

        /// <inheritdoc />
        public int SizeOf(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return -1;
            }
            try
            {
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
                using (FileStream s = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read))
                {
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
            }
            catch (IOException e)
            {
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
            string path = PathOf(name);
            if (File.Exists(path))
            {
                File.Delete(path);
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

        private IFileWriter Open(string name, FileMode mode)
        {
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

        private sealed class StreamWriterAdapter : IFileWriter
        {
            private readonly FileStream _stream;
            private readonly string _name;

            public StreamWriterAdapter(FileStream stream, string name)
            {
                _stream = stream;
                _name = name;
            }

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

            public void Close()
            {
                _stream.Flush();
                _stream.Dispose();
            }
        }
    }
}
