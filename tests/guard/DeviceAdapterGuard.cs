using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// The guard for the device adapters (firmware/Device/*.cs) and the on-device tests. They compile against
/// nanoFramework's hardware packages, so they are compiled as the device compiles them: at C# 9, with the
/// shared sources, against mscorlib.dll 1.17.11, the package stand-ins and the device package allowlist
/// (tests/guard/DeviceApi/*.cs, one file per package, each type traced to its source at the pinned tag).
/// A call outside that allowlist is a compile error. Then what compiles but misbehaves on the device is
/// judged: generics, checked arithmetic, enums formatted or passed as object, strings enumerated through
/// IEnumerable. Threads, locks and the like are the adapters' business and are not judged here.
/// </summary>
public static class DeviceAdapterGuard
{
    private static readonly Lazy<MetadataReference> LoadedDeviceApi = new(() =>
    {
        var folder = Path.Combine(SharedSources.FindRepositoryRoot(), "tests", "guard", "DeviceApi");
        var sources = DeviceApiSources(folder);
        var compilation = DeviceCompilation.Create("NanoDevicePackages", sources, new[] { DeviceCompilation.Mscorlib });
        return DeviceCompilation.EmitOrThrow(compilation, "the device package allowlist (tests/guard/DeviceApi)");
    });

    /// <summary>The device package allowlist compiled against mscorlib.dll.</summary>
    public static MetadataReference DeviceApi => LoadedDeviceApi.Value;

    /// <summary>Every reference the device build has: mscorlib, the package stand-ins, the device packages.</summary>
    public static ImmutableArray<MetadataReference> References => ImmutableArray.Create(DeviceCompilation.Mscorlib, DeviceCompilation.StandIns, DeviceApi);

    /// <summary>The files of the device package allowlist.</summary>
    public static IReadOnlyList<GuardSource> DeviceApiSources(string folder) => Directory
        .GetFiles(folder, "*.cs")
        .Order(StringComparer.Ordinal)
        .Select(f => new GuardSource("tests/guard/DeviceApi/" + Path.GetFileName(f), File.ReadAllText(f)))
        .ToList();

    /// <summary>
    /// Compiles the checked sources (adapters, or adapters and on-device tests) against the shared sources'
    /// device build and the device references, and returns the compile errors and rule findings in the
    /// checked sources, in path and line order.
    /// </summary>
    public static IReadOnlyList<GuardViolation> Check(IReadOnlyList<GuardSource> checkedSources, OutputKind kind)
    {
        var shared = DeviceCompilation.Shared;
        if (shared.Image is null)
        {
            return shared.Errors;
        }
        var compilation = DeviceCompilation.Create("PosFirmware", checkedSources, References.Add(shared.Image), kind);
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

        using (var output = new MemoryStream())
        {
            foreach (var diagnostic in compilation.Emit(output).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                Report(diagnostic.Location, new GuardFinding(diagnostic.Id, GuardReasons.DoesNotCompile + ": " + diagnostic.GetMessage()));
            }
        }

        var rules = new SymbolRules(compilation, allowlist: null);
        var checkedPaths = new HashSet<string>(checkedSources.Select(s => s.Path), StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees.Where(t => checkedPaths.Contains(t.FilePath)))
        {
            var context = new GuardContext(compilation.GetSemanticModel(tree), rules, Report);
            foreach (var node in tree.GetRoot().DescendantNodesAndSelf())
            {
                Inspect(node, context);
            }
        }
        return violations
            .OrderBy(v => v.Path, StringComparer.Ordinal)
            .ThenBy(v => v.Line)
            .ThenBy(v => v.Column)
            .ToList();
    }

    private static void Inspect(SyntaxNode node, GuardContext context)
    {
        if (node.IsKind(SyntaxKind.CheckedExpression) || node.IsKind(SyntaxKind.CheckedStatement))
        {
            context.Flag(node, "checked arithmetic", GuardReasons.Checked);
        }
        if (node is TypeParameterListSyntax)
        {
            context.Flag(node, "generic declaration", GuardReasons.Generics);
        }
        TextFormattingRules.Inspect(node, context);
        if (node is not ExpressionSyntax expression)
        {
            return;
        }
        var symbol = context.Model.GetSymbolInfo(expression).Symbol;
        if (symbol is not (ILocalSymbol or IParameterSymbol))
        {
            context.JudgeAt(node, symbol);
        }
        var typeInfo = context.Model.GetTypeInfo(expression);
        context.JudgeAt(node, typeInfo.Type);
        bool stringAsEnumerable = typeInfo.Type?.SpecialType == SpecialType.System_String
            && typeInfo.ConvertedType is INamedTypeSymbol { TypeKind: TypeKind.Interface } target
            && (target.SpecialType == SpecialType.System_Collections_IEnumerable || target.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable));
        bool castToEnumerable = expression is CastExpressionSyntax cast
            && context.Model.GetTypeInfo(cast.Expression).Type?.SpecialType == SpecialType.System_String
            && typeInfo.Type is INamedTypeSymbol { TypeKind: TypeKind.Interface };
        if (stringAsEnumerable || castToEnumerable)
        {
            context.Flag(node, "string as IEnumerable", GuardReasons.StringAsEnumerable);
        }
    }
}
