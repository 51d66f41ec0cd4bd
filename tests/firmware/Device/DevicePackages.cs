using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PosFirmware.Tests.Firmware.Device;

/// <summary>One row of firmware/Device/package-dependencies.tsv: a pinned nanoFramework package and what its nuspec declares.</summary>
public sealed record DevicePackage(string Id, string Version, string Repository, string CoreLibrary, IReadOnlyList<(string Id, string Version)> Dependencies, string Confirmed, string Source);

/// <summary>Reads the device build's package table and packages.config files, and checks one against the other.</summary>
public static partial class DevicePackages
{
    public const string TablePath = "firmware/Device/package-dependencies.tsv";

    /// <summary>The nuspec was read at the pinned release's tag (or inside the restored package).</summary>
    public const string ReadAtTag = "tag";

    /// <summary>The nuspec was read at an earlier commit of the same line, and the release shown to follow it.</summary>
    public const string ReadInHistory = "history";

    /// <summary>No nuspec of the line was reachable; the source says what is missing.</summary>
    public const string Unconfirmed = "UNCONFIRMED";

    /// <summary>The package whose nuspec sits in the test output (restored from NuGet) instead of in a cited repository.</summary>
    public const string CoreLibraryId = "nanoFramework.CoreLibrary";

    private static readonly string[] Confirmations = { ReadAtTag, ReadInHistory, Unconfirmed };

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+$")]
    private static partial Regex ReleaseVersion();

    [GeneratedRegex(@"^(?<repo>nanoframework/[A-Za-z0-9.\-]+)@(?<at>v[0-9.]+|[0-9a-f]{40}):\S+\.nuspec\b")]
    private static partial Regex NuspecSource();

    public static IReadOnlyList<DevicePackage> Load(string repositoryRoot) =>
        Parse(File.ReadAllLines(Path.Combine(repositoryRoot, TablePath)));

    /// <summary>Parses the table's lines; a malformed row is a FormatException naming it.</summary>
    public static IReadOnlyList<DevicePackage> Parse(IEnumerable<string> lines)
    {
        var rows = new List<DevicePackage>();
        foreach (var line in lines)
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
            if (!Confirmations.Contains(cells[5]))
            {
                throw new FormatException($"{TablePath}: {cells[0]}: confirmed must be one of {string.Join(", ", Confirmations)}, not '{cells[5]}'");
            }
            var dependencies = cells[4] == "-"
                ? new List<(string, string)>()
                : cells[4].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(d => d.Split(' '))
                    .Select(p => p.Length == 2 ? (p[0], p[1]) : throw new FormatException($"{TablePath}: {cells[0]}: dependency '{string.Join(' ', p)}' is not '<id> <version>'"))
                    .ToList();
            rows.Add(new DevicePackage(cells[0], cells[1], cells[2], cells[3], dependencies, cells[5], cells[6]));
        }
        return rows;
    }

    /// <summary>
    /// What is wrong with a packages.config's pins against the table: a pin the table lacks or has at another
    /// version, a version that is not a stable release, a declared CoreLibrary line other than the pinned
    /// CoreLibrary's (the runtime binds on major.minor), a declared dependency the config does not pin, or pins
    /// below it or on another major.minor.
    /// </summary>
    public static IReadOnlyList<string> PinProblems(IReadOnlyList<DevicePackage> table, IReadOnlyList<(string Id, string Version)> pins, string config)
    {
        var problems = new List<string>();
        var coreLibrary = pins.SingleOrDefault(p => p.Id == CoreLibraryId).Version;
        if (coreLibrary is null)
        {
            return new[] { $"{config} does not pin {CoreLibraryId}" };
        }
        foreach (var (id, version) in pins)
        {
            var row = table.SingleOrDefault(r => r.Id == id);
            if (row is null)
            {
                problems.Add($"{id} {version}: not in {TablePath}");
                continue;
            }
            if (row.Version != version)
            {
                problems.Add($"{id}: pinned {version}, the table has {row.Version}");
            }
            if (!ReleaseVersion().IsMatch(version))
            {
                problems.Add($"{id}: {version} is not a stable release version");
            }
            if (row.CoreLibrary != "-" && MajorMinor(row.CoreLibrary) != MajorMinor(coreLibrary))
            {
                problems.Add($"{id} {version} declares CoreLibrary {row.CoreLibrary}, which does not bind to the pinned {coreLibrary}");
            }
            foreach (var (dependency, minimum) in row.Dependencies)
            {
                var pinned = pins.FirstOrDefault(p => p.Id == dependency);
                if (pinned.Id is null)
                {
                    problems.Add($"{id} needs {dependency} {minimum}, which {config} does not pin");
                }
                else if (new Version(pinned.Version) < new Version(minimum) || MajorMinor(pinned.Version) != MajorMinor(minimum))
                {
                    problems.Add($"{id} needs {dependency} {minimum}; {config} pins {pinned.Version}");
                }
            }
        }
        return problems;
    }

    /// <summary>
    /// What is wrong with a row's evidence: a confirmed row (other than CoreLibrary, whose nuspec the tests read
    /// from the restored package) must cite the nuspec as nanoframework/repo@at:path.nuspec in its own repository,
    /// at the pinned version's tag for "tag" and at a full commit for "history"; an UNCONFIRMED row must say
    /// what is missing.
    /// </summary>
    public static IReadOnlyList<string> SourceProblems(DevicePackage row)
    {
        if (row.Confirmed == Unconfirmed)
        {
            return row.Source.StartsWith("missing: ", StringComparison.Ordinal)
                ? Array.Empty<string>()
                : new[] { $"{row.Id}: an UNCONFIRMED row's source must start with 'missing: ' and say what is missing" };
        }
        if (row.Id == CoreLibraryId)
        {
            return Array.Empty<string>();
        }
        var match = NuspecSource().Match(row.Source);
        if (!match.Success)
        {
            return new[] { $"{row.Id}: source must start with nanoframework/<repo>@<tag or commit>:<path>.nuspec, not '{row.Source}'" };
        }
        var problems = new List<string>();
        if (match.Groups["repo"].Value != row.Repository)
        {
            problems.Add($"{row.Id}: source cites {match.Groups["repo"].Value}, the row's repository is {row.Repository}");
        }
        var at = match.Groups["at"].Value;
        if (row.Confirmed == ReadAtTag && at != "v" + row.Version)
        {
            problems.Add($"{row.Id}: read at tag {at}, but the pinned version is {row.Version}");
        }
        if (row.Confirmed == ReadInHistory && at.StartsWith('v'))
        {
            problems.Add($"{row.Id}: a history row names the commit it read, not a tag ({at})");
        }
        return problems;
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

    /// <summary>"1.17" of "1.17.11": the part the nanoFramework runtime matches when it binds an assembly.</summary>
    public static string MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts[0] + "." + parts[1];
    }
}
