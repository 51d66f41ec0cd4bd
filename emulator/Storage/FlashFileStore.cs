using PosFirmware.Emulator.Core;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Storage;

/// <summary>How the emulated flash keeps data across a power cut.</summary>
public enum FlashMode
{
    /// <summary>
    /// The ESP32 internal drive (littlefs): copy-on-write, so a file's new content exists only once
    /// its writer is closed, and rename and delete are atomic.
    /// </summary>
    LittleFs,

    /// <summary>
    /// An SD card (FAT): data lands as it is written, a truncate happens at open, and a cut tears the
    /// write in flight (a prefix lands, its tail possibly scrambled); a cut during rename leaves both names.
    /// </summary>
    Fat,
}

/// <summary>Where in a write point the power is cut.</summary>
public enum CutPhase
{
    /// <summary>Just before the operation takes effect.</summary>
    Before,

    /// <summary>While it is in flight: what survives depends on the mode.</summary>
    During,

    /// <summary>Just after it completed.</summary>
    After,
}

/// <summary>
/// The terminal's flash as a file store with power-cut injection. Every mutating call (Create, Append,
/// Write, Close, Rename, Delete) is a numbered write point; <see cref="PlanCut"/> cuts the power at one
/// of them, in one phase. The durable contents are what a reboot sees; <see cref="Reboot"/> drops what
/// was in flight and powers the store up again on them.
/// </summary>
public sealed class FlashFileStore : IFileStore
{
    private readonly SortedDictionary<string, byte[]> _durable = new(StringComparer.Ordinal);
    // Counts every change that can take a name off the store (delete, rename, an image loaded): an open
    // reader looks its file up again only after one, not at every read (the font's glyphs are read hundreds
    // of times a receipt, and a look-up here is a walk down a tree of names).
    private long _removals;
    private readonly List<Writer> _open = new();
    private readonly SimRandom _random;
    private PowerRail _power;
    private Func<long> _now;
    private int _cutPoint = -1;
    private CutPhase _cutPhase;

    /// <summary>Creates an empty store; without a capacity it is the config partition of the terminal's flash layout (Esp32FlashLayout.Terminal).</summary>
    public FlashFileStore(FlashMode mode, SimRandom random, PowerRail? power = null, Func<long>? nowNanos = null, int capacityBytes = -1)
    {
        Mode = mode;
        _random = random;
        _power = power ?? new PowerRail();
        _now = nowNanos ?? (() => 0);
        CapacityBytes = capacityBytes < 0 ? Esp32FlashLayout.Terminal.ConfigBytes : capacityBytes;
    }

    /// <summary>LittleFs or Fat.</summary>
    public FlashMode Mode { get; }

    /// <summary>Total bytes the store can hold (file contents; littlefs's own blocks are not modelled).</summary>
    public int CapacityBytes { get; }

    /// <summary>Write points passed since creation or the last reboot.</summary>
    public int WritePoints { get; private set; }

    /// <summary>Write points passed over the store's whole life.</summary>
    public long TotalWritePoints { get; private set; }

    /// <summary>The power rail the store sits on.</summary>
    public PowerRail Power => _power;

    /// <summary>Plans a cut at a write point (counted from the last reboot) in a phase; -1 cancels.</summary>
    public void PlanCut(int writePoint, CutPhase phase)
    {
        _cutPoint = writePoint;
        _cutPhase = phase;
    }

    /// <summary>Moves the store to another board's rail and clock (the same chip on a rebooted board).</summary>
    public void Attach(PowerRail power, Func<long> nowNanos)
    {
        _power = power;
        _now = nowNanos;
    }

    /// <summary>
    /// Power comes back: writers in flight are gone, the store holds what was durable, the write-point
    /// count restarts and no cut is planned.
    /// </summary>
    public void Reboot()
    {
        _open.Clear();
        WritePoints = 0;
        _cutPoint = -1;
        _power.Restore();
    }

    /// <summary>A copy of the durable contents, for tests and dumps.</summary>
    public SortedDictionary<string, byte[]> Snapshot()
    {
        var copy = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var kv in _durable)
        {
            copy.Add(kv.Key, (byte[])kv.Value.Clone());
        }
        return copy;
    }

    /// <summary>Replaces the durable contents (loading a saved image).</summary>
    public void Load(IDictionary<string, byte[]> files)
    {
        _removals++;
        _durable.Clear();
        foreach (var kv in files)
        {
            _durable.Add(kv.Key, (byte[])kv.Value.Clone());
        }
    }

    /// <summary>
    /// Puts a factory file on the store when it has none by that name, as part of its image (no write point,
    /// as Load). The bytes are kept, not copied, so one copy of the factory data (the 775 KB font) serves every
    /// board and run: the store never writes into a file's bytes (every write makes a new array), and the
    /// caller must not either. Returns true when the file was added.
    /// </summary>
    public bool Provision(string name, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return _durable.TryAdd(Validate(name), content);
    }

    /// <summary>Bytes in use.</summary>
    public int UsedBytes
    {
        get
        {
            int sum = 0;
            foreach (var kv in _durable)
            {
                sum += kv.Value.Length;
            }
            return sum;
        }
    }

    /// <inheritdoc />
    public bool Exists(string name)
    {
        _power.ThrowIfOff("flash");
        return _durable.ContainsKey(Validate(name));
    }

    /// <inheritdoc />
    public int SizeOf(string name)
    {
        _power.ThrowIfOff("flash");
        return _durable.TryGetValue(Validate(name), out var data) ? data.Length : -1;
    }

    /// <inheritdoc />
    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        _power.ThrowIfOff("flash");
        if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length || position < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "read outside the buffer");
        }
        if (!_durable.TryGetValue(Validate(name), out var data))
        {
            throw new FileStoreException("no such file: " + name);
        }
        int n = Math.Max(0, Math.Min(count, data.Length - position));
        Array.Copy(data, position, buffer, offset, n);
        return n;
    }

    /// <inheritdoc />
    public IFileReader OpenRead(string name)
    {
        _power.ThrowIfOff("flash");
        if (!_durable.TryGetValue(Validate(name), out var data))
        {
            throw new FileStoreException("no such file: " + name);
        }
        ReadersOpened++;
        return new Reader(this, name, data);
    }

    /// <summary>How many times a file was opened for reading (OpenRead), for tests of file handling.</summary>
    public int ReadersOpened { get; private set; }

    // The content at open: a later rewrite makes a new array, as littlefs keeps an open file's old blocks.
    // A file gone from the store (deleted, or an image loaded without it) fails the next read.
    private sealed class Reader(FlashFileStore store, string name, byte[] data) : IFileReader
    {
        private bool _closed;
        // The store's removal count when the file was last found there.
        private long _foundAtRemovals = -1;

        public int Length => data.Length;

        public int Read(int position, byte[] buffer, int offset, int count)
        {
            store._power.ThrowIfOff("flash");
            if (_closed)
            {
                throw new InvalidOperationException("read after close");
            }
            if (_foundAtRemovals != store._removals)
            {
                if (!store._durable.ContainsKey(name))
                {
                    throw new FileStoreException("no such file: " + name);
                }
                _foundAtRemovals = store._removals;
            }
            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length || position < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "read outside the buffer");
            }
            int n = Math.Max(0, Math.Min(count, data.Length - position));
            Array.Copy(data, position, buffer, offset, n);
            return n;
        }

        public void Close() => _closed = true;
    }

    /// <inheritdoc />
    public IFileWriter Create(string name) => Open(Validate(name), append: false);

    /// <inheritdoc />
    public IFileWriter Append(string name) => Open(Validate(name), append: true);

    /// <inheritdoc />
    public void Rename(string from, string to)
    {
        Validate(from);
        Validate(to);
        _power.ThrowIfOff("flash");
        if (!_durable.ContainsKey(from))
        {
            throw new FileStoreException("rename: no such file: " + from);
        }
        if (_durable.ContainsKey(to))
        {
            throw new FileStoreException("rename: destination exists: " + to);
        }
        ThrowIfOpen(from);
        WritePoint("rename " + from + " -> " + to,
            apply: () =>
            {
                _durable[to] = _durable[from];
                _durable.Remove(from);
                _removals++;
            },
            tear: () =>
            {
                if (Mode == FlashMode.Fat)
                {
                    // The new directory entry is written before the old one is cleared.
                    _durable[to] = (byte[])_durable[from].Clone();
                }
            });
    }

    /// <inheritdoc />
    public void Delete(string name)
    {
        Validate(name);
        _power.ThrowIfOff("flash");
        if (!_durable.ContainsKey(name))
        {
            return;
        }
        ThrowIfOpen(name);
        WritePoint("delete " + name, apply: () =>
            {
                _durable.Remove(name);
                _removals++;
            },
            tear: () => { });
    }

    /// <inheritdoc />
    public string[] List()
    {
        _power.ThrowIfOff("flash");
        var names = new string[_durable.Count];
        _durable.Keys.CopyTo(names, 0);
        return names;
    }

    private IFileWriter Open(string name, bool append)
    {
        _power.ThrowIfOff("flash");
        ThrowIfOpen(name);
        var writer = new Writer(this, name, append);
        WritePoint((append ? "append " : "create ") + name,
            apply: () =>
            {
                if (Mode == FlashMode.Fat)
                {
                    // FAT truncates (or creates) at open: the old content is gone from here on.
                    _durable[name] = append && _durable.TryGetValue(name, out var old) ? old : Array.Empty<byte>();
                }
            },
            tear: () => { });
        _open.Add(writer);
        return writer;
    }

    private void WriteBytes(Writer writer, byte[] buffer, int offset, int count)
    {
        _power.ThrowIfOff("flash");
        if (!_open.Contains(writer))
        {
            throw new FileStoreException("write to a closed file: " + writer.Name);
        }
        if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "write outside the buffer");
        }
        if (UsedBytes + writer.PendingLength + count > CapacityBytes)
        {
            throw new FileStoreException("flash full writing " + writer.Name);
        }
        var bytes = new byte[count];
        Array.Copy(buffer, offset, bytes, 0, count);
        WritePoint("write " + writer.Name + " +" + count,
            apply: () =>
            {
                if (Mode == FlashMode.Fat)
                {
                    _durable[writer.Name] = Concat(_durable[writer.Name], bytes, count);
                }
                else
                {
                    writer.Pending(bytes);
                }
            },
            tear: () =>
            {
                if (Mode == FlashMode.Fat && count > 0)
                {
                    int landed = _random.Next(count);
                    var torn = new byte[landed];
                    Array.Copy(bytes, torn, landed);
                    int scrambled = Math.Min(landed, _random.Next(17));
                    _random.NextBytes(torn, landed - scrambled, scrambled);
                    _durable[writer.Name] = Concat(_durable[writer.Name], torn, landed);
                }
            });
    }

    private void CloseWriter(Writer writer)
    {
        _power.ThrowIfOff("flash");
        if (!_open.Contains(writer))
        {
            return;
        }
        WritePoint("close " + writer.Name,
            apply: () =>
            {
                if (Mode == FlashMode.LittleFs)
                {
                    byte[] basis = writer.IsAppend && _durable.TryGetValue(writer.Name, out var old) ? old : Array.Empty<byte>();
                    _durable[writer.Name] = writer.Commit(basis);
                }
                _open.Remove(writer);
            },
            tear: () => { });
    }

    /// <summary>
    /// One numbered write point: when the planned cut is here, it applies the operation in part (During),
    /// not at all (Before) or whole (After) and then cuts the power, which throws into the firmware.
    /// </summary>
    private void WritePoint(string what, Action apply, Action tear)
    {
        int point = WritePoints++;
        TotalWritePoints++;
        if (point != _cutPoint)
        {
            apply();
            return;
        }
        _cutPoint = -1;
        switch (_cutPhase)
        {
            case CutPhase.Before:
                break;
            case CutPhase.During:
                tear();
                break;
            case CutPhase.After:
                apply();
                break;
        }
        _power.Cut(_now(), $"flash write point {point} ({what}), {_cutPhase}");
    }

    private void ThrowIfOpen(string name)
    {
        foreach (var w in _open)
        {
            if (w.Name == name)
            {
                throw new FileStoreException("file already open for writing: " + name);
            }
        }
    }

    private static byte[] Concat(byte[] a, byte[] b, int bCount)
    {
        var r = new byte[a.Length + bCount];
        Array.Copy(a, r, a.Length);
        Array.Copy(b, 0, r, a.Length, bCount);
        return r;
    }

    private static string Validate(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64)
        {
            throw new FileStoreException("bad file name: '" + name + "'");
        }
        foreach (char c in name)
        {
            if (c <= ' ' || c == '/' || c == '\\' || c > '~')
            {
                throw new FileStoreException("bad file name: '" + name + "'");
            }
        }
        return name;
    }

    private sealed class Writer : IFileWriter
    {
        private readonly FlashFileStore _store;
        private readonly List<byte[]> _pending = new();

        public Writer(FlashFileStore store, string name, bool append)
        {
            _store = store;
            Name = name;
            IsAppend = append;
        }

        public string Name { get; }

        public bool IsAppend { get; }

        public int PendingLength { get; private set; }

        public void Pending(byte[] bytes)
        {
            _pending.Add(bytes);
            PendingLength += bytes.Length;
        }

        public byte[] Commit(byte[] basis)
        {
            var r = new byte[basis.Length + PendingLength];
            Array.Copy(basis, r, basis.Length);
            int at = basis.Length;
            foreach (var p in _pending)
            {
                Array.Copy(p, 0, r, at, p.Length);
                at += p.Length;
            }
            return r;
        }

        public void Write(byte[] buffer, int offset, int count) => _store.WriteBytes(this, buffer, offset, count);

        public void Close() => _store.CloseWriter(this);
    }
}
