using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// The net10.0 reference assemblies the shared code compiles against, loaded once per test run. The
/// Microsoft.NETCore.App.Ref pack beside the running runtime is preferred (it is what the build uses);
/// without it, the runtime's own framework assemblies resolve the same documentation IDs.
/// </summary>
public static class ReferenceAssemblies
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Loaded = new(Load);

    public static ImmutableArray<MetadataReference> Net10 => Loaded.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var directory = FindRefPack(runtimeDirectory) ?? runtimeDirectory;
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var file in Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal))
        {
            if (IsManagedAssembly(file))
            {
                references.Add(MetadataReference.CreateFromFile(file));
            }
        }
        return references.ToImmutable();
    }

    /// <summary>dotnet/shared/Microsoft.NETCore.App/10.0.x → dotnet/packs/Microsoft.NETCore.App.Ref/10.0.x/ref/net10.0.</summary>
    private static string? FindRefPack(string runtimeDirectory)
    {
        var version = Path.GetFileName(runtimeDirectory);
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var exact = Path.Combine(packs, version, "ref", "net10.0");
        if (Directory.Exists(exact))
        {
            return exact;
        }
        if (!Directory.Exists(packs))
        {
            return null;
        }
        return Directory.GetDirectories(packs, "10.*")
            .Where(p => Directory.Exists(Path.Combine(p, "ref", "net10.0")))
            .OrderByDescending(p => Version.TryParse(Path.GetFileName(p).Split('-')[0], out var v) ? v : new Version(0, 0))
            .Select(p => Path.Combine(p, "ref", "net10.0"))
            .FirstOrDefault();
    }

    private static bool IsManagedAssembly(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
