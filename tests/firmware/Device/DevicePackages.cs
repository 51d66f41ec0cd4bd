using System.Xml.Linq;

namespace PosFirmware.Tests.Guard;

/// <summary>One row of firmware/Device/package-dependencies.tsv: a pinned nanoFramework package and what its nuspec declares.</summary>
public sealed record DevicePackage(string Id, string Version, string Repository, string CoreLibrary, IReadOnlyList<(string Id, string Version)> Dependencies, bool Confirmed, string Source);

/// <summary>Reads the device build's package table and packages.config files.</summary>
public static class DevicePackages
{
    public const string TablePath = "firmware/Device/package-dependencies.tsv";

    public static IReadOnlyList<DevicePackage> Load(string repositoryRoot)
    {
        var rows = new List<DevicePackage>();
        foreach (var line in File.ReadAllLines(Path.Combine(repositoryRoot, TablePath)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var cells = line.Split('\t');
            if (cells.Length != 7)
            {
                throw new FormatException($"{TablePath}: expected 7 tab-separated cells: {line}");
            }
            var dependencies = cells[4] == "-"
                ? new List<(string, string)>()
                : cells[4].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(d => d.Split(' '))
                    .Select(p => (p[0], p[1]))
                    .ToList();
            rows.Add(new DevicePackage(cells[0], cells[1], cells[2], cells[3], dependencies, cells[5] == "yes", cells[6]));
        }
        return rows;
    }

    /// <summary>The (id, version) pins of a packages.config.</summary>
    public static IReadOnlyList<(string Id, string Version)> PackagesConfig(string path) => XDocument.Load(path)
        .Descendants("package")
        .Select(p => (p.Attribute("id")!.Value, p.Attribute("version")!.Value))
        .ToList();

    /// <summary>The Reference hint paths of an .nfproj, as written.</summary>
    public static IReadOnlyList<string> HintPaths(string nfprojPath) => XDocument.Load(nfprojPath)
        .Descendants().Where(e => e.Name.LocalName == "HintPath")
        .Select(e => e.Value.Trim())
        .ToList();
}
