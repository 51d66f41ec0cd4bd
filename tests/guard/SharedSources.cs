namespace PosFirmware.Tests.Guard;

/// <summary>
/// The shared sources the device build compiles: every .cs under firmware/ and drivers/, except the
/// device adapters in firmware/Device/ (compiled only for nanoFramework) and build output.
/// </summary>
public static class SharedSources
{
    private static readonly string[] SharedRoots = { "firmware", "drivers" };

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PosFirmware.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PosFirmware.sln not found above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<GuardSource> Load(string repositoryRoot)
    {
        var sources = new List<GuardSource>();
        foreach (var root in SharedRoots)
        {
            var folder = Path.Combine(repositoryRoot, root);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/');
                if (!IsExcluded(relative))
                {
                    sources.Add(new GuardSource(relative, File.ReadAllText(file)));
                }
            }
        }
        return sources;
    }

    private static bool IsExcluded(string relativePath)
    {
        var parts = relativePath.Split('/');
        if (parts.Length > 1 && parts[0] == "firmware" && parts[1] == "Device")
        {
            return true;
        }
        return parts.Any(p => p is "bin" or "obj");
    }
}
