using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PosFirmware.Tests.Firmware.Device;
using Xunit;

namespace PosFirmware.Tests.Guard;

/// <summary>The allowlist is well-formed: every entry a real documentation ID, under a source header, listed once.</summary>
public partial class AllowlistTests
{
    private static readonly NanoApiAllowlist Allowlist = NanoApiAllowlist.LoadDefault();

    [GeneratedRegex(@"^[TMPFE]:[A-Za-z_][A-Za-z0-9_.`#@,()\[\]{}:]*$")]
    private static partial Regex WellFormedId();

    [GeneratedRegex(@"^nanoframework/[A-Za-z0-9_.\-]+@[A-Za-z0-9_.\-]+:[A-Za-z0-9_./\-]+\.cs$")]
    private static partial Regex WellFormedSource();

    [Fact]
    public void Every_line_is_a_comment_or_an_id_with_an_optional_note()
    {
        Assert.Empty(Allowlist.MalformedLines);
        Assert.True(Allowlist.Entries.Count > 300, $"only {Allowlist.Entries.Count} entries");
    }

    [Fact]
    public void Every_entry_is_a_well_formed_documentation_id()
    {
        var bad = Allowlist.Entries.Where(e => !WellFormedId().IsMatch(e.Id)).Select(e => $"line {e.LineNumber}: {e.Id}");
        Assert.Empty(bad);
    }

    [Fact]
    public void Every_entry_sits_under_a_source_header_naming_a_nanoFramework_file()
    {
        var bad = Allowlist.Entries
            .Where(e => e.Source is null || !WellFormedSource().IsMatch(e.Source))
            .Select(e => $"line {e.LineNumber}: {e.Id} (source: {e.Source ?? "none"})");
        Assert.Empty(bad);
    }

    [Fact]
    public void Every_header_cites_the_release_tag_of_the_pinned_package()
    {
        var pins = DevicePackages.PackagesConfig(Path.Combine(SharedSources.FindRepositoryRoot(), "firmware", "Device", "packages.config"));
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CoreLibrary"] = "nanoFramework.CoreLibrary",
            ["System.Text"] = "nanoFramework.System.Text",
            ["System.Collections"] = "nanoFramework.System.Collections",
            ["System.Math"] = "nanoFramework.System.Math",
        };
        var bad = new List<string>();
        foreach (var source in Allowlist.Entries.Select(e => e.Source!).Distinct())
        {
            var repoAndRef = source.Substring("nanoframework/".Length, source.IndexOf(':') - "nanoframework/".Length).Split('@');
            if (!tags.TryGetValue(repoAndRef[0], out var package))
            {
                bad.Add(source + ": not one of the four packages shared code may use");
                continue;
            }
            var pinned = pins.Single(p => p.Id == package).Version;
            if (repoAndRef[1] != "v" + pinned)
            {
                bad.Add($"{source}: cites {repoAndRef[1]}, {package} is pinned at {pinned}");
            }
        }
        Assert.Empty(bad);
    }

    [Fact]
    public void The_stand_ins_declare_exactly_the_allowlisted_package_members()
    {
        var without = NanoApiAllowlist.Parse(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "guard", NanoApiAllowlist.FileName))
            .Where(l => !l.StartsWith("M:System.Collections.Hashtable.Contains(", StringComparison.Ordinal)));
        var snippet = new[] { new GuardSource("Probe.cs", "namespace Probe { public static class P { public static bool Has(System.Collections.Hashtable t) { return t.Contains(1); } } }") };

        var withEntry = DeviceCompilation.Errors(snippet, DeviceCompilation.SharedReferences);
        var withoutEntry = DeviceCompilation.Errors(snippet, new[] { DeviceCompilation.Mscorlib, NanoStandIns.Build(without, DeviceCompilation.Mscorlib) });

        Assert.Empty(withEntry);
        Assert.Contains(withoutEntry, e => e.Subject == "CS1061");
        // Entries noted "nano binds ..." are net10-only overloads: the stand-ins leave them out.
        Assert.DoesNotContain("ReadOnlySpan", NanoStandIns.GenerateSource(Allowlist, DeviceCompilation.Mscorlib), StringComparison.Ordinal);
    }

    [Fact]
    public void No_entry_is_listed_twice()
    {
        var duplicates = Allowlist.Entries.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_entry_names_an_api_that_net10_has_and_every_member_its_listed_type()
    {
        // Members are looked up among the members of the listed types (rather than by ID alone, which
        // Roslyn cannot do for indexers such as String.Chars), so a member entry also needs its type entry.
        var compilation = CSharpCompilation.Create("AllowlistCheck", references: ReferenceAssemblies.Net10);
        var known = new HashSet<string>(StringComparer.Ordinal);
        var unresolved = new List<string>();
        foreach (var entry in Allowlist.Entries.Where(e => e.Id.StartsWith("T:", StringComparison.Ordinal)))
        {
            if (DocumentationCommentId.GetFirstSymbolForDeclarationId(entry.Id, compilation) is not INamedTypeSymbol type)
            {
                unresolved.Add($"line {entry.LineNumber}: {entry.Id}");
                continue;
            }
            foreach (var member in type.GetMembers())
            {
                if (member.GetDocumentationCommentId() is { } id)
                {
                    known.Add(id);
                }
            }
        }
        unresolved.AddRange(Allowlist.Entries
            .Where(e => !e.Id.StartsWith("T:", StringComparison.Ordinal) && !known.Contains(e.Id))
            .Select(e => $"line {e.LineNumber}: {e.Id}"));
        Assert.Empty(unresolved);
    }

    [Fact]
    public void A_generic_method_is_listed_only_with_a_note_naming_the_overload_nano_binds()
    {
        var bare = Allowlist.Entries
            .Where(e => e.Id.Contains("``", StringComparison.Ordinal) && (e.Note is null || !e.Note.Contains("nano binds", StringComparison.Ordinal)))
            .Select(e => $"line {e.LineNumber}: {e.Id}");
        Assert.Empty(bare);
    }
}
