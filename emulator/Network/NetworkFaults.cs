namespace PosFirmware.Emulator.Network;

/// <summary>
/// What the virtual network does to each message (each Send) in either direction. Probabilities are
/// drawn from the run's seed, so a fault mix replays exactly.
/// </summary>
public sealed class NetworkFaults
{
    /// <summary>One-way latency in nanoseconds.</summary>
    public long LatencyNanos { get; set; } = 20_000_000;

    /// <summary>Extra random latency, uniform in [0, JitterNanos).</summary>
    public long JitterNanos { get; set; }

    /// <summary>Probability that a message is lost.</summary>
    public double DropProbability { get; set; }

    /// <summary>Probability that a message arrives twice.</summary>
    public double DuplicateProbability { get; set; }

    /// <summary>Probability that a message is held back by <see cref="LongDelayNanos"/> (past the peer's timeout).</summary>
    public double LongDelayProbability { get; set; }

    /// <summary>The hold-back of a long-delayed message.</summary>
    public long LongDelayNanos { get; set; } = 60_000_000_000;

    /// <summary>Probability that the connection is reset instead of carrying a message.</summary>
    public double ResetProbability { get; set; }

    /// <summary>Probability that a connect attempt is refused.</summary>
    public double ConnectRefusedProbability { get; set; }

    /// <summary>A clean network with the default latency.</summary>
    public static NetworkFaults None() => new();
}
