using PosFirmware.Emulator.Core;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// Which fault hits each exchange: a queue of forced faults (for tests that want one exact fault next)
/// and per-request probabilities drawn from the seeded random stream.
/// </summary>
public sealed class AcquirerFaults
{
    private static readonly (string Name, AcquirerFault Fault)[] Table =
    [
        ("drop-request", AcquirerFault.DropRequest),
        ("drop-response", AcquirerFault.DropResponse),
        ("late", AcquirerFault.Late),
        ("duplicate", AcquirerFault.Duplicate),
        ("corrupt-mac", AcquirerFault.CorruptMac),
        ("reset-mid-frame", AcquirerFault.ResetMidFrame),
        ("pay-during-reversal", AcquirerFault.PayDuringReversal),
    ];

    private readonly Queue<AcquirerFault> _forced = new();
    private readonly Dictionary<AcquirerFault, double> _probabilities = new();
    private readonly SimRandom _random;

    /// <summary>Creates a fault source drawing from random.</summary>
    public AcquirerFaults(SimRandom random) => _random = random;

    /// <summary>The fault names the CLI and config accept.</summary>
    public static IEnumerable<string> Names => Table.Select(t => t.Name);

    /// <summary>Faults applied so far, by kind.</summary>
    public Dictionary<AcquirerFault, int> Applied { get; } = new();

    /// <summary>The fault for a name, or None.</summary>
    public static AcquirerFault Parse(string name) => Table.FirstOrDefault(t => t.Name == name).Fault;

    /// <summary>The name of a fault.</summary>
    public static string NameOf(AcquirerFault fault) => fault == AcquirerFault.None ? "none" : Table.First(t => t.Fault == fault).Name;

    /// <summary>Sets a fault's probability per request.</summary>
    public void SetProbability(AcquirerFault fault, double probability) => _probabilities[fault] = probability;

    /// <summary>Makes the next exchange (the next reversal, for PayDuringReversal) suffer this fault.</summary>
    public void ForceNext(AcquirerFault fault) => _forced.Enqueue(fault);

    /// <summary>
    /// Parses "name=p,name=p" into probabilities; returns an error message or null.
    /// </summary>
    public string? Configure(string spec)
    {
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=');
            var fault = Parse(pieces[0]);
            if (fault == AcquirerFault.None)
            {
                return $"unknown fault '{pieces[0]}' (known: {string.Join(", ", Names)})";
            }
            if (pieces.Length != 2 || !double.TryParse(pieces[1], System.Globalization.CultureInfo.InvariantCulture, out double p) || !(p >= 0 && p <= 1))
            {
                return $"fault '{pieces[0]}' needs a probability in [0, 1], as {pieces[0]}=0.1";
            }
            SetProbability(fault, p);
        }
        return null;
    }

    /// <summary>The fault for the next exchange (PayDuringReversal is left for TakeRace).</summary>
    internal AcquirerFault Draw()
    {
        if (_forced.Count > 0 && _forced.Peek() != AcquirerFault.PayDuringReversal)
        {
            return Count(_forced.Dequeue());
        }
        foreach (var (_, fault) in Table)
        {
            if (fault != AcquirerFault.PayDuringReversal && _probabilities.TryGetValue(fault, out double p) && _random.Chance(p))
            {
                return Count(fault);
            }
        }
        return AcquirerFault.None;
    }

    /// <summary>True when a reversal that meets a paying customer should race the payment.</summary>
    internal bool TakeRace()
    {
        if (_forced.Count > 0 && _forced.Peek() == AcquirerFault.PayDuringReversal)
        {
            _forced.Dequeue();
            Count(AcquirerFault.PayDuringReversal);
            return true;
        }
        if (_probabilities.TryGetValue(AcquirerFault.PayDuringReversal, out double p) && _random.Chance(p))
        {
            Count(AcquirerFault.PayDuringReversal);
            return true;
        }
        return false;
    }

    /// <summary>A coin from the fault stream (which side of a race wins).</summary>
    internal bool Coin() => _random.Next(2) == 0;

    private AcquirerFault Count(AcquirerFault fault)
    {
        Applied[fault] = Applied.GetValueOrDefault(fault) + 1;
        return fault;
    }
}
