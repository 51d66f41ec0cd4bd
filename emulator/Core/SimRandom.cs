namespace PosFirmware.Emulator.Core;

/// <summary>
/// The emulator's one source of randomness: SplitMix64, chosen because its output is fixed by its
/// definition (System.Random's algorithm may change between runtimes). Each consumer forks its own
/// stream by name, so adding a consumer does not shift the numbers another one draws.
/// </summary>
public sealed class SimRandom
{
    private ulong _state;

    /// <summary>Creates a stream from a seed.</summary>
    public SimRandom(ulong seed)
    {
        Seed = seed;
        _state = seed;
    }

    /// <summary>The seed this stream was made from.</summary>
    public ulong Seed { get; }

    /// <summary>A new independent stream, derived from this stream's seed and a name.</summary>
    public SimRandom Fork(string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in name)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return new SimRandom(Mix(Seed ^ h));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A number in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        }
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>A number in [minInclusive, maxExclusive).</summary>
    public long NextInRange(long minInclusive, long maxExclusive)
    {
        if (maxExclusive <= minInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        }
        return minInclusive + (long)(NextUInt64() % (ulong)(maxExclusive - minInclusive));
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with the given probability.</summary>
    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    /// <summary>Fills a buffer with random bytes.</summary>
    public void NextBytes(byte[] buffer, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = (byte)NextUInt64();
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
