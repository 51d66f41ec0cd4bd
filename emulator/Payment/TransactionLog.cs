using System.Text;
using PosFirmware.Payment;

namespace PosFirmware.Emulator.Payment;

/// <summary>The payment flow's one-line events, each with its virtual time: the run's transaction log.</summary>
public sealed class TransactionLog : IPaymentLog
{
    /// <summary>Most lines kept; older ones are dropped and counted.</summary>
    public const int MaxLines = 100_000;

    private readonly List<(long AtMicros, string Text)> _lines = new();

    /// <summary>The lines kept, oldest first.</summary>
    public IReadOnlyList<(long AtMicros, string Text)> Lines => _lines;

    /// <summary>Lines dropped past MaxLines.</summary>
    public long Dropped { get; private set; }

    /// <inheritdoc />
    public void OnPaymentEvent(long nowMicros, string text)
    {
        if (_lines.Count >= MaxLines)
        {
            Dropped++;
            return;
        }
        _lines.Add((nowMicros, text));
    }

    /// <summary>Forgets the lines kept (the rig moves them to its own log at each reboot).</summary>
    public void Clear() => _lines.Clear();

    /// <summary>"  12.345678 s  text" per line.</summary>
    public string Text()
    {
        var sb = new StringBuilder();
        foreach (var (at, text) in _lines)
        {
            sb.Append((at / 1e6).ToString("F6", System.Globalization.CultureInfo.InvariantCulture).PadLeft(12)).Append(" s  ").Append(text).Append('\n');
        }
        return sb.ToString();
    }
}
