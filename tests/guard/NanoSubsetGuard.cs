using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// Checks that C# sources stay inside what nanoFramework 1.x can compile and run. The sources are
/// compiled together against the net10.0 reference assemblies, as the net10 build sees them (no
/// NANOFRAMEWORK_1_0), and every syntax node is walked with the semantic model: constructs nano lacks
/// are banned by name, and every external type or member must be in the allowlist, which lists the
/// nanoFramework API by documentation comment ID with the source file each entry comes from. Sources are
/// parsed at C# 9, the device's language version, so a newer feature is a compile error here too.
/// </summary>
public sealed class NanoSubsetGuard
{
    /// <summary>C# 9, the language version the nanoFramework project system builds at (the .nfproj does not override it).</summary>
    private static readonly CSharpParseOptions ParseOptions = new(DeviceCompilation.DeviceLanguageVersion, DocumentationMode.None);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Disable,
        allowUnsafe: true,
        concurrentBuild: false);

    private readonly NanoApiAllowlist _allowlist;

    public NanoSubsetGuard(NanoApiAllowlist allowlist)
    {
        _allowlist = allowlist;
    }

    /// <summary>Violations in file, line, column order; empty when every source is inside the subset.</summary>
    public IReadOnlyList<GuardViolation> Check(IEnumerable<GuardSource> sources)
    {
        var trees = sources
            .Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path))
            .ToList();
        var compilation = CSharpCompilation.Create("NanoSubsetGuard", trees, ReferenceAssemblies.Net10, CompilationOptions);
        var violations = new List<GuardViolation>();
        var seen = new HashSet<(string, int, string, string)>();

        void Report(Location location, GuardFinding finding)
        {
            var span = location.GetLineSpan();
            int line = span.StartLinePosition.Line + 1;
            if (seen.Add((span.Path, line, finding.Subject, finding.Reason)))
            {
                violations.Add(new GuardViolation(span.Path, line, span.StartLinePosition.Character + 1, finding.Subject, finding.Reason));
            }
        }

        foreach (var diagnostic in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            Report(diagnostic.Location, new GuardFinding(diagnostic.Id, GuardReasons.DoesNotCompile + ": " + diagnostic.GetMessage()));
        }

        var rules = new SymbolRules(compilation, _allowlist);
        foreach (var tree in trees)
        {
            var context = new GuardContext(compilation.GetSemanticModel(tree), rules, Report);
            new GuardWalker(context).InspectTree(tree.GetRoot());
        }

        return violations
            .OrderBy(v => v.Path, StringComparer.Ordinal)
            .ThenBy(v => v.Line)
            .ThenBy(v => v.Column)
            .ToList();
    }
}
