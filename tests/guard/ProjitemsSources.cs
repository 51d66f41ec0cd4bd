using System.Xml.Linq;
using Microsoft.Extensions.FileSystemGlobbing;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// The C# files a shared-items project (.projitems) hands to the projects that import it, evaluated the
/// way MSBuild does for the forms these files use: Compile items with Include and Exclude lists of paths
/// or globs relative to $(MSBuildThisFileDirectory), and Compile Remove. A file added under a glob is
/// picked up without touching the guard.
/// </summary>
public static class ProjitemsSources
{
    private const string ThisFileDirectory = "$(MSBuildThisFileDirectory)";

    /// <summary>Repository-relative paths ('/' separated), ordinal order.</summary>
    public static IReadOnlyList<string> Evaluate(string repositoryRoot, string projitemsRelativePath)
    {
        var projitems = Path.Combine(repositoryRoot, projitemsRelativePath);
        var directory = Path.GetDirectoryName(projitems)!;
        var document = XDocument.Load(projitems);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in document.Descendants().Where(e => e.Name.LocalName == "Compile"))
        {
            var include = item.Attribute("Include")?.Value;
            var remove = item.Attribute("Remove")?.Value;
            if (include is not null)
            {
                foreach (var file in Match(directory, include, item.Attribute("Exclude")?.Value))
                {
                    files.Add(file);
                }
            }
            if (remove is not null)
            {
                foreach (var file in Match(directory, remove, null))
                {
                    files.Remove(file);
                }
            }
        }
        return files.Select(f => Path.GetRelativePath(repositoryRoot, f).Replace('\\', '/')).ToList();
    }

    private static IEnumerable<string> Match(string directory, string include, string? exclude)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var pattern in Split(include))
        {
            matcher.AddInclude(pattern);
        }
        foreach (var pattern in Split(exclude))
        {
            matcher.AddExclude(pattern);
        }
        return matcher.GetResultsInFullPath(directory);
    }

    private static IEnumerable<string> Split(string? list)
    {
        if (list is null)
        {
            yield break;
        }
        foreach (var raw in list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Contains("$(", StringComparison.Ordinal) && !raw.StartsWith(ThisFileDirectory, StringComparison.Ordinal))
            {
                throw new NotSupportedException("only $(MSBuildThisFileDirectory) is understood in a .projitems path: " + raw);
            }
            yield return raw.Replace(ThisFileDirectory, "", StringComparison.Ordinal).Replace('\\', '/');
        }
    }
}
