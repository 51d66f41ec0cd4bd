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

    /// <summary>The shared sources the device project compiles: what its .projitems list.</summary>
    public static IReadOnlyList<GuardSource> Load(string repositoryRoot) => LoadFromProjitems(repositoryRoot);

    /// <summary>Every .cs under firmware/ and drivers/ except firmware/Device/ and build output, found by walking the folders.</summary>
    public static IReadOnlyList<GuardSource> LoadFromFolders(string repositoryRoot)
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
        return sources.OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>The shared-items projects the device project imports; their Compile items are what it compiles.</summary>
    public static readonly string[] Projitems = { "drivers/PosFirmware.Drivers.projitems", "firmware/PosFirmware.Firmware.projitems" };

    /// <summary>The shared sources as the .projitems files list them (so a new file under their globs is included).</summary>
    public static IReadOnlyList<GuardSource> LoadFromProjitems(string repositoryRoot)
    {
        var sources = new List<GuardSource>();
        foreach (var projitems in Projitems)
        {
            foreach (var relative in ProjitemsSources.Evaluate(repositoryRoot, projitems))
            {
                sources.Add(new GuardSource(relative, File.ReadAllText(Path.Combine(repositoryRoot, relative))));
            }
        }
        return sources.OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
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
