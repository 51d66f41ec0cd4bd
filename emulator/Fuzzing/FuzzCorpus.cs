using System.Security.Cryptography;

namespace PosFirmware.Emulator.Fuzzing;

/// <summary>
/// Where a target's seeds and dictionary come from: its seed files in the repo and the seeds it builds,
/// and emulator/Fuzzing/Dictionaries/NAME.dict (AFL dictionary syntax: name="bytes" with \xNN escapes).
/// </summary>
public static class FuzzCorpus
{
    /// <summary>The dictionaries' folder, relative to the repo root.</summary>
    public const string DictionaryFolder = "emulator/Fuzzing/Dictionaries";

    /// <summary>The regression inputs' folder (one subfolder per target), relative to the repo root.</summary>
    public const string RegressionFolder = "tests/emulator/Fuzzing/Crashes";

    /// <summary>The repo root: the nearest folder at or above start holding PosFirmware.sln, or null.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PosFirmware.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The target's seeds as (name, bytes), named by content so a seed is written once.</summary>
    public static List<(string Name, byte[] Bytes)> Seeds(FuzzTarget target, string root)
    {
        var seeds = new List<(string, byte[])>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string origin, byte[] bytes)
        {
            string hash = Convert.ToHexString(SHA256.HashData(bytes))[..12].ToLowerInvariant();
            if (seen.Add(hash))
            {
                seeds.Add(($"{origin}-{hash}", bytes));
            }
        }
        foreach (string pattern in target.SeedFiles)
        {
            foreach (string file in Expand(root, pattern))
            {
                Add(Path.GetFileNameWithoutExtension(file), File.ReadAllBytes(file));
            }
        }
        foreach (byte[] bytes in target.BuiltSeeds())
        {
            Add("built", bytes);
        }
        return seeds;
    }

    /// <summary>The target's dictionary file.</summary>
    public static string DictionaryPath(FuzzTarget target, string root) => Path.Combine(root, DictionaryFolder, target.Name + ".dict");

    /// <summary>The target's committed regression inputs (crashes and hangs the fuzzer found).</summary>
    public static string[] Regressions(FuzzTarget target, string root)
    {
        string folder = Path.Combine(root, RegressionFolder, target.Name);
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray() : [];
    }

    private static IEnumerable<string> Expand(string root, string pattern)
    {
        string path = Path.Combine(root, pattern);
        string name = Path.GetFileName(path);
        if (!name.Contains('*'))
        {
            return File.Exists(path) ? [path] : throw new FileNotFoundException("seed file missing: " + pattern);
        }
        string folder = Path.GetDirectoryName(path)!;
        return Directory.Exists(folder) ? Directory.GetFiles(folder, name).Order(StringComparer.Ordinal) : [];
    }
}
