using System.Globalization;
using System.Text;

namespace PosFirmware.Emulator.Trace;

/// <summary>
/// Writes a trace as IEEE 1364 VCD that GTKWave and sigrok read. Per the reader notes in
/// docs/traces.md: initial values are ordinary changes at #0 (sigrok ignores
/// $dumpvars), no locale-dependent $date, a final newline, and a timescale of 1/10/100 of a unit.
/// The output depends only on the trace, so equal runs give equal files.
/// </summary>
public static class VcdWriter
{
    /// <summary>Allowed timescales in nanoseconds, finest first.</summary>
    public static readonly long[] AllowedTimescalesNanos = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000 };

    /// <summary>Writes the trace to a file.</summary>
    public static void Write(SignalTrace trace, string path, long timescaleNanos = 1000, string version = "posemu")
    {
        using var stream = File.Create(path);
        Write(trace, stream, timescaleNanos, version);
    }

    /// <summary>Writes the trace to a stream (UTF-8, LF line ends).</summary>
    public static void Write(SignalTrace trace, Stream stream, long timescaleNanos = 1000, string version = "posemu")
    {
        if (Array.IndexOf(AllowedTimescalesNanos, timescaleNanos) < 0)
        {
            throw new ArgumentException($"timescale must be one of {string.Join(", ", AllowedTimescalesNanos)} ns", nameof(timescaleNanos));
        }
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine($"$version {version} $end");
        w.WriteLine($"$timescale {TimescaleText(timescaleNanos)} $end");
        var ids = new string[trace.Signals.Count];
        foreach (var group in GroupByScope(trace.Signals))
        {
            w.WriteLine($"$scope module {Sanitize(group.Key)} $end");
            foreach (var s in group.Value)
            {
                ids[s.Index] = IdentifierFor(s.Index);
                string type = s.Kind == SignalKind.Wire ? "wire 1" : "real 64";
                w.WriteLine($"$var {type} {ids[s.Index]} {Sanitize(s.Name)} $end");
            }
            w.WriteLine("$upscope $end");
        }
        w.WriteLine("$enddefinitions $end");
        w.WriteLine("#0");
        foreach (var s in trace.Signals)
        {
            w.WriteLine(ValueText(s.Kind, s.Initial, ids[s.Index]));
        }
        long lastTick = 0;
        foreach (var c in InTimeOrder(trace.Changes))
        {
            long tick = c.AtNanos / timescaleNanos;
            if (tick != lastTick)
            {
                w.Write('#');
                w.WriteLine(tick.ToString(CultureInfo.InvariantCulture));
                lastTick = tick;
            }
            var s = trace.Signals[c.SignalIndex];
            w.WriteLine(ValueText(s.Kind, c.Value, ids[c.SignalIndex]));
        }
        if (trace.Truncated)
        {
            w.WriteLine("$comment trace truncated: change limit reached $end");
        }
    }

    /// <summary>
    /// Changes sorted by time, keeping record order within an instant. Models may record ahead of the
    /// clock (a UART byte's bits, an SPI burst), so record order alone is not time order.
    /// </summary>
    private static SignalChange[] InTimeOrder(IReadOnlyList<SignalChange> changes)
    {
        var sorted = new SignalChange[changes.Count];
        var keys = new (long, int)[changes.Count];
        for (int i = 0; i < sorted.Length; i++)
        {
            sorted[i] = changes[i];
            keys[i] = (changes[i].AtNanos, i);
        }
        Array.Sort(keys, sorted);
        return sorted;
    }

    private static SortedDictionary<string, List<TraceSignal>> GroupByScope(IReadOnlyList<TraceSignal> signals)
    {
        var groups = new SortedDictionary<string, List<TraceSignal>>(StringComparer.Ordinal);
        foreach (var s in signals)
        {
            if (!groups.TryGetValue(s.Scope, out var list))
            {
                list = new List<TraceSignal>();
                groups.Add(s.Scope, list);
            }
            list.Add(s);
        }
        return groups;
    }

    private static string ValueText(SignalKind kind, double value, string id) =>
        kind == SignalKind.Wire
            ? (value != 0 ? "1" : "0") + id
            : "r" + value.ToString("R", CultureInfo.InvariantCulture) + " " + id;

    private static string TimescaleText(long nanos) => nanos switch
    {
        1 => "1 ns",
        10 => "10 ns",
        100 => "100 ns",
        1_000 => "1 us",
        10_000 => "10 us",
        100_000 => "100 us",
        _ => "1 ms",
    };

    /// <summary>Short identifiers from the printable range 33..126, as VCD asks.</summary>
    internal static string IdentifierFor(int index)
    {
        var sb = new StringBuilder();
        int n = index;
        do
        {
            sb.Append((char)('!' + n % 94));
            n = n / 94 - 1;
        }
        while (n >= 0);
        return sb.ToString();
    }

    private static string Sanitize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            sb.Append(c > ' ' && c < 127 && c != '$' ? c : '_');
        }
        return sb.Length == 0 ? "_" : sb.ToString();
    }
}
