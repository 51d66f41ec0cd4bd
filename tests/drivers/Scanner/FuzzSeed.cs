namespace PosFirmware.Tests.Drivers.Scanner;

/// <summary>A fuzz test's seed: the named environment variable when set (to replay a failure), else a fixed default.</summary>
public static class FuzzSeed
{
    public static ulong From(string variable, ulong fallback)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        return ulong.TryParse(text, out ulong seed) ? seed : fallback;
    }
}
