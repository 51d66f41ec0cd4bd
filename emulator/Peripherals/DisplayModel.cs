using System.Text;
using PosFirmware.Emulator.Core;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Peripherals;

/// <summary>
/// A character display (20x4 by default, the HD44780-class module). Every change is recorded with its
/// virtual time; changes made at the same instant (a screen drawn as Clear plus one SetLine per row)
/// form one frame, so the history reads as what the merchant saw. Like the module, text past the last
/// column is cut and characters outside ASCII are shown as '?'; both are counted, since the firmware
/// should never send them. A row outside the display is a firmware bug and throws.
/// </summary>
public sealed class DisplayModel : IDisplay
{
    private readonly VirtualClock _clock;
    private readonly char[][] _cells;
    private readonly List<DisplayFrame> _history = new();

    /// <summary>Creates a blank display.</summary>
    public DisplayModel(VirtualClock clock, int rows = 4, int columns = 20)
    {
        if (rows < 1 || columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), "display needs at least one row and column");
        }
        _clock = clock;
        Rows = rows;
        Columns = columns;
        _cells = new char[rows][];
        for (int r = 0; r < rows; r++)
        {
            _cells[r] = new string(' ', columns).ToCharArray();
        }
        _history.Add(new DisplayFrame(clock.NowNanos, Snapshot()));
    }

    /// <inheritdoc />
    public int Rows { get; }

    /// <inheritdoc />
    public int Columns { get; }

    /// <summary>Characters cut because a line was longer than Columns.</summary>
    public long CharactersCut { get; private set; }

    /// <summary>Characters replaced because they were not ASCII.</summary>
    public long NonAsciiCharacters { get; private set; }

    /// <summary>Every frame shown, oldest first.</summary>
    public IReadOnlyList<DisplayFrame> History => _history;

    /// <summary>The rows shown now (padded to Columns).</summary>
    public string[] Lines => Snapshot();

    /// <summary>The row shown now, without trailing spaces.</summary>
    public string Line(int row) => new string(_cells[row]).TrimEnd();

    /// <inheritdoc />
    public void SetLine(int row, string text)
    {
        if (row < 0 || row >= Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"row {row} outside a {Rows}-row display");
        }
        text ??= "";
        if (text.Length > Columns)
        {
            CharactersCut += text.Length - Columns;
        }
        for (int c = 0; c < Columns; c++)
        {
            char ch = c < text.Length ? text[c] : ' ';
            if (ch < 0x20 || ch > 0x7E)
            {
                NonAsciiCharacters++;
                ch = '?';
            }
            _cells[row][c] = ch;
        }
        Record();
    }

    /// <inheritdoc />
    public void Clear()
    {
        foreach (char[] row in _cells)
        {
            Array.Fill(row, ' ');
        }
        Record();
    }

    /// <summary>True if any frame in the history has a row containing text.</summary>
    public bool EverShowed(string text) => _history.Any(f => f.Lines.Any(l => l.Contains(text, StringComparison.Ordinal)));

    /// <summary>The whole history, one frame per line.</summary>
    public string HistoryText()
    {
        var text = new StringBuilder();
        text.AppendLine($"display {Columns}x{Rows}, {_history.Count} frames (virtual time)");
        foreach (DisplayFrame frame in _history)
        {
            text.AppendLine(frame.ToString());
        }
        return text.ToString();
    }

    private void Record()
    {
        DisplayFrame last = _history[^1];
        // The firmware writes its screen again on most passes: a later write that changed nothing is no frame,
        // and is told without copying the screen.
        if (last.AtNanos != _clock.NowNanos && Shows(last.Lines))
        {
            return;
        }
        string[] now = Snapshot();
        if (last.AtNanos == _clock.NowNanos)
        {
            // Same instant: still drawing the same screen. Drop the frame if it went back to the one before.
            _history[^1] = new DisplayFrame(last.AtNanos, now);
            if (_history.Count > 1 && _history[^2].Lines.SequenceEqual(now))
            {
                _history.RemoveAt(_history.Count - 1);
            }
            return;
        }
        if (!last.Lines.SequenceEqual(now))
        {
            _history.Add(new DisplayFrame(_clock.NowNanos, now));
        }
    }

    private string[] Snapshot()
    {
        var lines = new string[_cells.Length];
        for (int r = 0; r < lines.Length; r++)
        {
            lines[r] = new string(_cells[r]);
        }
        return lines;
    }

    // True when the cells show exactly these lines.
    private bool Shows(string[] lines)
    {
        for (int r = 0; r < _cells.Length; r++)
        {
            if (!lines[r].AsSpan().SequenceEqual(_cells[r]))
            {
                return false;
            }
        }
        return true;
    }
}
