using PosFirmware.Hal;

namespace PosFirmware.Tests.TestSupport;

/// <summary>
/// A store that fails the way flash does: reads of the named files throw FileStoreException (a read error),
/// or come back short. Everything else goes to the real store underneath.
/// </summary>
public sealed class FaultyStore : IFileStore
{
    private readonly IFileStore _inner;

    public FaultyStore(IFileStore inner) => _inner = inner;

    /// <summary>Files whose reads throw.</summary>
    public HashSet<string> ReadErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Files whose reads return one byte less than asked.</summary>
    public HashSet<string> ShortReads { get; } = new(StringComparer.Ordinal);

    /// <summary>True makes every Create throw (the flash is worn out or full).</summary>
    public bool WriteErrors { get; set; }

    public bool Exists(string name) => _inner.Exists(name);

    public int SizeOf(string name) => _inner.SizeOf(name);

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        if (ReadErrors.Contains(name))
        {
            throw new FileStoreException("read error at " + name);
        }
        int read = _inner.Read(name, position, buffer, offset, count);
        return ShortReads.Contains(name) && read > 0 ? read - 1 : read;
    }

    public IFileReader OpenRead(string name)
    {
        if (ReadErrors.Contains(name))
        {
            throw new FileStoreException("read error at " + name);
        }
        return new Reader(this, name, _inner.SizeOf(name));
    }

    // Reads go through the store's Read, so the faults above apply to an open reader too.
    private sealed class Reader : IFileReader
    {
        private readonly FaultyStore _store;
        private readonly string _name;

        public Reader(FaultyStore store, string name, int length)
        {
            _store = store;
            _name = name;
            Length = length;
        }

        public int Length { get; }

        public int Read(int position, byte[] buffer, int offset, int count) => _store.Read(_name, position, buffer, offset, count);

        public void Close()
        {
        }
    }

    public IFileWriter Create(string name) => WriteErrors ? throw new FileStoreException("write error at " + name) : _inner.Create(name);

    public IFileWriter Append(string name) => WriteErrors ? throw new FileStoreException("write error at " + name) : _inner.Append(name);

    public void Rename(string from, string to) => _inner.Rename(from, to);

    public void Delete(string name) => _inner.Delete(name);

    public string[] List() => _inner.List();
}
