using System.Runtime.CompilerServices;

namespace PosFirmware.Emulator.Trace;

/// <summary>What a traced signal carries.</summary>
public enum SignalKind
{
    /// <summary>A one-bit logic level.</summary>
    Wire,

    /// <summary>An analog value (temperature, voltage), written as a VCD real.</summary>
    Real,
}

/// <summary>A signal declared on a trace.</summary>
public sealed class TraceSignal
{
    internal TraceSignal(int index, string scope, string name, SignalKind kind, double initial)
    {
        Index = index;
        Scope = scope;
        Name = name;
        Kind = kind;
        Initial = initial;
        Last = initial;
    }

    /// <summary>Position in declaration order.</summary>
    public int Index { get; }

    /// <summary>The module it sits in (VCD $scope), e.g. "head".</summary>
    public string Scope { get; }

    /// <summary>The signal name as the datasheet writes it, e.g. "STB1".</summary>
    public string Name { get; }

    /// <summary>Wire or real.</summary>
    public SignalKind Kind { get; }

    /// <summary>Value at time 0.</summary>
    public double Initial { get; }

    /// <summary>The value last recorded.</summary>
    public double Last { get; internal set; }
}

/// <summary>One recorded change.</summary>
public readonly record struct SignalChange(long AtNanos, int SignalIndex, double Value);

/// <summary>
/// Every level change on the board with its virtual time, in the order it happened. Bounded: past
/// <see cref="MaxChanges"/> it stops recording and says so, rather than eating the machine's memory.
/// </summary>
public sealed class SignalTrace
{
    private readonly List<TraceSignal> _signals = new();
    private readonly List<SignalChange> _changes = new();

    /// <summary>Creates a trace that keeps at most maxChanges changes.</summary>
    public SignalTrace(int maxChanges = 20_000_000)
    {
        MaxChanges = maxChanges;
    }

    /// <summary>The most changes kept.</summary>
    public int MaxChanges { get; }

    /// <summary>True once a change was dropped because the trace was full.</summary>
    public bool Truncated { get; private set; }

    /// <summary>When false, changes are not kept (signals still know their last value).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Declared signals.</summary>
    public IReadOnlyList<TraceSignal> Signals => _signals;

    /// <summary>Recorded changes, in time order.</summary>
    public IReadOnlyList<SignalChange> Changes => _changes;

    /// <summary>Declares a signal. Names must be unique within their scope.</summary>
    public TraceSignal Declare(string scope, string name, SignalKind kind, double initial)
    {
        foreach (var s in _signals)
        {
            if (s.Scope == scope && s.Name == name)
            {
                throw new InvalidOperationException($"signal {scope}.{name} declared twice");
            }
        }
        var signal = new TraceSignal(_signals.Count, scope, name, kind, initial);
        _signals.Add(signal);
        return signal;
    }

    /// <summary>Finds a signal by scope and name, or null.</summary>
    public TraceSignal? Find(string scope, string name)
    {
        foreach (var s in _signals)
        {
            if (s.Scope == scope && s.Name == name)
            {
                return s;
            }
        }
        return null;
    }

    /// <summary>Records a new value at a virtual time; an unchanged value is not recorded.</summary>
    /// <remarks>
    /// Inlined into the pins that call it at every edge: with the trace off (the soak's boards) an edge costs
    /// the signal's last value and nothing more; only a change to keep goes to the call that keeps it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(TraceSignal signal, long atNanos, double value)
    {
        if (signal.Last == value)
        {
            return;
        }
        signal.Last = value;
        if (Enabled)
        {
            Keep(signal, atNanos, value);
        }
    }

    private void Keep(TraceSignal signal, long atNanos, double value)
    {
        if (_changes.Count >= MaxChanges)
        {
            Truncated = true;
            return;
        }
        _changes.Add(new SignalChange(atNanos, signal.Index, value));
    }

    /// <summary>Records a logic level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(TraceSignal signal, long atNanos, bool high) => Record(signal, atNanos, high ? 1.0 : 0.0);
}
