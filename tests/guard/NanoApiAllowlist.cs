namespace PosFirmware.Tests.Guard;

/// <summary>
/// The nanoFramework 1.x API surface the shared code may use, as documentation comment IDs read from
/// nanoframework-api.txt. Each ID sits under a "# source: repo@ref:path" header naming the nanoFramework
/// source file that declares it, so every entry can be checked against the real library.
/// </summary>
public sealed class NanoApiAllowlist
{
    public const string FileName = "nanoframework-api.txt";
    private const string SourceHeader = "# source:";

    private readonly HashSet<string> _ids;
    private readonly HashSet<string> _namespaces;

    private NanoApiAllowlist(IReadOnlyList<AllowlistEntry> entries, IReadOnlyList<string> malformedLines)
    {
        Entries = entries;
        MalformedLines = malformedLines;
        _ids = new HashSet<string>(entries.Select(e => e.Id), StringComparer.Ordinal);
        _namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in _ids.Where(i => i.StartsWith("T:", StringComparison.Ordinal)))
        {
            var name = id.Substring(2);
            for (int dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
            {
                _namespaces.Add(name.Substring(0, dot));
            }
        }
    }

    /// <summary>Every entry in file order (duplicates kept, so the sanity test can see them).</summary>
    public IReadOnlyList<AllowlistEntry> Entries { get; }

    /// <summary>Lines that are neither blank, a comment, nor "ID [# note]" ("line N: text").</summary>
    public IReadOnlyList<string> MalformedLines { get; }

    /// <summary>The copy next to the test assembly (the file is copied to the output directory).</summary>
    public static NanoApiAllowlist LoadDefault() =>
        Load(Path.Combine(AppContext.BaseDirectory, "guard", FileName));

    public static NanoApiAllowlist Load(string path) => Parse(File.ReadAllLines(path));

    public static NanoApiAllowlist Parse(IEnumerable<string> lines)
    {
        var entries = new List<AllowlistEntry>();
        var malformed = new List<string>();
        string? source = null;
        int lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith('#'))
            {
                if (line.StartsWith(SourceHeader, StringComparison.Ordinal))
                {
                    var named = line.Substring(SourceHeader.Length).Trim();
                    source = named.Length > 0 ? named : null;
                }
                continue;
            }
            int space = line.IndexOfAny(new[] { ' ', '\t' });
            var id = space < 0 ? line : line.Substring(0, space);
            var rest = space < 0 ? "" : line.Substring(space).Trim();
            if (rest.Length > 0 && !rest.StartsWith('#'))
            {
                malformed.Add($"line {lineNumber}: {raw}");
                continue;
            }
            entries.Add(new AllowlistEntry(id, source, lineNumber, rest.Length > 0 ? rest : null));
        }
        return new NanoApiAllowlist(entries, malformed);
    }

    /// <summary>True if the ID (type, method, property, field or event) is listed.</summary>
    public bool Contains(string id) => _ids.Contains(id);

    /// <summary>True if some listed type lives in the namespace or below it.</summary>
    public bool HasNamespace(string qualifiedName) => _namespaces.Contains(qualifiedName);
}
