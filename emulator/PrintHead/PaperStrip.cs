using PosFirmware.Emulator.Imaging;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The printed paper: one row per dot line, one pixel per dot, darkness 0 (white) to 1 (black). A firing
/// adds its share (1 / heats per dot line) of the darkness the paper model gives it; an over-driven firing
/// also smears into the next row, as melted coating dragged along by the paper does. A row nothing marked
/// stays white without storage of its own (most of a receipt is white space). A strip whose board is gone and
/// whose paper has been read can be recycled: its rows go back to the thread's pool and the next strip of the
/// same width on that thread takes them, cleared, instead of new ones (a soak prints hundreds of rows a sale,
/// and rows that live for a whole run would otherwise be promoted by every collection).
/// </summary>
public sealed class PaperStrip
{
    /// <summary>Most rows one thread keeps for reuse (at 384 dots, 1.5 KB each); rows past it are left to the collector.</summary>
    public const int PooledRowsPerThread = 8192;

    [ThreadStatic]
    private static RowPool? t_pool;

    private List<float[]?> _rows;

    /// <summary>Creates a strip as wide as the head.</summary>
    public PaperStrip(int width)
    {
        Width = width;
        _rows = t_pool?.TakeRowList() ?? new();
    }

    /// <summary>Pixels across.</summary>
    public int Width { get; }

    /// <summary>Rows so far (the paper fed past the head).</summary>
    public int Height => _rows.Count;

    /// <summary>Firings that smeared or stuck.</summary>
    public long Smears { get; private set; }

    /// <summary>Firings too weak to mark fully.</summary>
    public long Faded { get; private set; }

    /// <summary>Firings marked.</summary>
    public long Firings { get; private set; }

    /// <summary>Makes sure rows up to and including row exist (the paper has moved that far).</summary>
    public void ExtendTo(int row)
    {
        while (_rows.Count <= row)
        {
            _rows.Add(null);
        }
    }

    /// <summary>A row's darkness to be marked, made (white) when nothing marked it yet.</summary>
    internal float[] MarkedRow(int row)
    {
        ExtendTo(row);
        return _rows[row] ??= RentRow();
    }

    private float[] RentRow()
    {
        var pool = t_pool;
        return pool != null && pool.Width == Width && pool.TryTake(out float[] row) ? row : new float[Width];
    }

    /// <summary>
    /// Gives the strip's rows to this thread's pool and leaves it blank (no rows): for paper that has been read
    /// and will not be read again, on a board that runs no more. Rows are cleared when taken again.
    /// </summary>
    public void Recycle()
    {
        var pool = t_pool;
        if (pool == null || pool.Width != Width)
        {
            pool = new RowPool(Width);
            t_pool = pool;
        }
        foreach (float[]? row in _rows)
        {
            if (row != null)
            {
                pool.Give(row);
            }
        }
        _rows.Clear();
        // The list of rows has grown to a run's length too: the next strip on this thread starts with it.
        pool.GiveRowList(_rows);
        _rows = new();
        Smears = 0;
        Faded = 0;
        Firings = 0;
    }

    /// <summary>Rows this thread holds for reuse (for tests and figures).</summary>
    public static int PooledRows => t_pool?.Count ?? 0;

    // A stack of rows of one width; a row is cleared as it is handed out, so a row scribbled on after it was
    // given back still starts white. The row under the top is fetched ahead as the top is taken.
    private sealed class RowPool(int width)
    {
        private readonly float[][] _rows = new float[PooledRowsPerThread][];

        public int Width { get; } = width;

        public int Count { get; private set; }

        private List<float[]?>? _rowList;

        public void GiveRowList(List<float[]?> list) => _rowList = list;

        public List<float[]?>? TakeRowList()
        {
            var list = _rowList;
            _rowList = null;
            return list;
        }

        public void Give(float[] row)
        {
            if (Count < _rows.Length)
            {
                _rows[Count++] = row;
            }
        }

        public bool TryTake(out float[] row)
        {
            if (Count == 0)
            {
                row = null!;
                return false;
            }
            row = _rows[--Count];
            _rows[Count] = null!;
            Array.Clear(row);
            if (Count > 0)
            {
                // The next row is taken about a dot line from now, and clearing it would wait on memory: it is
                // asked for meanwhile.
                RowPrefetch.Ask(_rows[Count - 1], Width);
            }
            return true;
        }
    }

    /// <summary>
    /// Marks a firing of a dot at a row: its darkness (0..1) and share of the dot line, and by how much it was
    /// over-driven past the smear point (0 when not; 1 = twice the smear energy).
    /// </summary>
    public void Mark(int row, int dot, double darkness, double share, double overdrive)
    {
        if (row < 0 || dot < 0 || dot >= Width)
        {
            return;
        }
        ExtendTo(row);
        Firings++;
        if (darkness < 1)
        {
            Faded++;
        }
        float[] marked = MarkedRow(row);
        marked[dot] = (float)Math.Min(1.0, marked[dot] + darkness * share);
        if (overdrive > 0)
        {
            Smears++;
            float[] next = MarkedRow(row + 1);
            double spill = Math.Min(1.0, overdrive * 2) * share;
            next[dot] = (float)Math.Min(1.0, next[dot] + spill);
        }
    }

    /// <summary>
    /// Marks the firings of dots[from..to) at one row, each with its darkness and overdrive at its index in
    /// dots: the same as <see cref="Mark(int, int, double, double, double)"/> dot by dot.
    /// </summary>
    public void Mark(int row, int[] dots, double[] darkness, double[] overdrive, int from, int to, double share)
    {
        if (row < 0)
        {
            return;
        }
        float[]? marked = null;
        float[]? next = null;
        long firings = 0;
        long faded = 0;
        long smears = 0;
        for (int i = from; i < to; i++)
        {
            int dot = dots[i];
            if (dot < 0 || dot >= Width)
            {
                continue;
            }
            marked ??= MarkedRow(row);
            firings++;
            double dark = darkness[i];
            if (dark < 1)
            {
                faded++;
            }
            marked[dot] = (float)Math.Min(1.0, marked[dot] + dark * share);
            double over = overdrive[i];
            if (over > 0)
            {
                smears++;
                next ??= MarkedRow(row + 1);
                double spill = Math.Min(1.0, over * 2) * share;
                next[dot] = (float)Math.Min(1.0, next[dot] + spill);
            }
        }
        Firings += firings;
        Faded += faded;
        Smears += smears;
    }

    /// <summary>Counts firings marked straight into rows from <see cref="MarkedRow"/>, as <see cref="Mark(int, int, double, double, double)"/> counts them.</summary>
    internal void CountMarks(long firings, long faded, long smears)
    {
        Firings += firings;
        Faded += faded;
        Smears += smears;
    }

    /// <summary>The darkness of a row's pixels, or null for a row nothing marked (white); not to be written.</summary>
    internal float[]? MarkedRowOrNull(int row) => _rows[row];

    /// <summary>Darkness of one pixel.</summary>
    public double DarknessAt(int row, int dot)
    {
        float[]? marked = _rows[row];
        return marked == null ? 0 : marked[dot];
    }

    /// <summary>The paper as 8-bit gray pixels, row-major (0 black, 255 white).</summary>
    public byte[] ToGray() => ToGray(0, Height);

    /// <summary>The rows [from, to) as 8-bit gray pixels, row-major (0 black, 255 white); at least one row.</summary>
    public byte[] ToGray(int from, int to)
    {
        if (from < 0 || to > Height || from > to)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"rows [{from}, {to}) are not on the paper's {Height} rows");
        }
        var pixels = new byte[Width * Math.Max(1, to - from)];
        Array.Fill(pixels, (byte)255);
        for (int y = from; y < to; y++)
        {
            float[]? row = _rows[y];
            if (row == null)
            {
                continue;
            }
            int at = (y - from) * Width;
            for (int x = 0; x < Width; x++)
            {
                float darkness = row[x];
                if (darkness != 0)
                {
                    pixels[at + x] = (byte)Math.Round(255 * (1 - Math.Clamp(darkness, 0f, 1f)));
                }
            }
        }
        return pixels;
    }

    /// <summary>Rows as dot lines (1 = black where darkness is at least half), packed MSB first like IDotLineSink.</summary>
    public byte[] RowBits(int row)
    {
        var bits = new byte[Width / 8];
        float[]? marked = _rows[row];
        for (int x = 0; marked != null && x < Width; x++)
        {
            if (marked[x] >= 0.5f)
            {
                bits[x >> 3] |= (byte)(0x80 >> (x & 7));
            }
        }
        return bits;
    }

    /// <summary>Writes the paper as a grayscale PNG, one pixel per dot.</summary>
    public void SavePng(string path) => PngWriter.WriteGray(path, Width, Math.Max(1, Height), ToGray());
}
