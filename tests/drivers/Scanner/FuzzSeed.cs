namespace PosFirmware.Tests.Drivers.Scanner;

/// <summary>
/// The seeds a fuzz test runs on. Each test has its own variable: set, it replays that one seed; unset, the
/// test runs <see cref="CiSeedCount"/> seeds under CI (CI=true, as .ci/run sets) and <see cref="LocalSeedCount"/>
/// otherwise, counting up from the test's first seed.
/// </summary>
public static class FuzzSeed
{
    public const int CiSeedCount = 50;
    public const int LocalSeedCount = 5;

    public static ulong[] Seeds(string variable, ulong first)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        if (text != null)
        {
            if (!ulong.TryParse(text, out ulong seed))
            {
                throw new ArgumentException($"{variable}={text} is not a seed (an unsigned 64-bit number)");
            }
            return new[] { seed };
        }
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var seeds = new ulong[ci ? CiSeedCount : LocalSeedCount];
        for (int i = 0; i < seeds.Length; i++)
        {
            seeds[i] = first + (ulong)i;
        }
        return seeds;
    }

    /// <summary>One seed: the variable's value when set, else the fallback (for tests that run a single seed).</summary>
    public static ulong From(string variable, ulong fallback)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        return ulong.TryParse(text, out ulong seed) ? seed : fallback;
    }

    /// <summary>The command that replays one seed of one test.</summary>
    public static string Replay(string variable, ulong seed, string test) =>
        $"replay: {variable}={seed} dotnet test PosFirmware.sln --filter FullyQualifiedName~{test}";
}
