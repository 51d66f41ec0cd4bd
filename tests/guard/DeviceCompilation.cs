using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// Compiles sources the way the device build does: C# 9 (the nanoFramework project system's LangVersion),
/// NANOFRAMEWORK_1_0 defined, no standard library: nanoFramework.CoreLibrary 1.17.11's own mscorlib.dll
/// (restored from NuGet and copied beside the tests) is the only framework reference, plus the stand-ins
/// for the packages that do not restore here. A symbol the device lacks is then a compile error, as it
/// is on the device.
/// </summary>
public static class DeviceCompilation
{
    public const LanguageVersion DeviceLanguageVersion = LanguageVersion.CSharp9;

    public static readonly CSharpParseOptions ParseOptions = new(DeviceLanguageVersion, DocumentationMode.None, SourceCodeKind.Regular, new[] { "NANOFRAMEWORK_1_0" });

    private static readonly Lazy<MetadataReference> LoadedMscorlib = new(() =>
        MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "guard", "nano", "mscorlib.dll")));

    private static readonly Lazy<MetadataReference> LoadedStandIns = new(() =>
        NanoStandIns.Build(NanoApiAllowlist.LoadDefault(), Mscorlib));

    /// <summary>nanoFramework.CoreLibrary 1.17.11 lib/mscorlib.dll.</summary>
    public static MetadataReference Mscorlib => LoadedMscorlib.Value;

    /// <summary>System.Text, System.Math and System.Collections as the allowlist describes them.</summary>
    public static MetadataReference StandIns => LoadedStandIns.Value;

    private static readonly Lazy<(IReadOnlyList<GuardViolation> Errors, MetadataReference? Image)> LoadedShared = new(CompileShared);

    /// <summary>The shared sources (from the .projitems) compiled once for the device: their errors, and the assembly when there are none.</summary>
    public static (IReadOnlyList<GuardViolation> Errors, MetadataReference? Image) Shared => LoadedShared.Value;

    /// <summary>mscorlib and the package stand-ins: what shared code may reference.</summary>
    public static ImmutableArray<MetadataReference> SharedReferences => ImmutableArray.Create(Mscorlib, StandIns);

    /// <summary>Compiler errors for the sources against the references, in path and line order.</summary>
    public static IReadOnlyList<GuardViolation> Errors(IEnumerable<GuardSource> sources, IEnumerable<MetadataReference> references, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        var compilation = Create("PosFirmware", sources, references, kind);
        using var output = new MemoryStream();
        return ToViolations(compilation.Emit(output).Diagnostics);
    }

    public static CSharpCompilation Create(string assemblyName, IEnumerable<GuardSource> sources, IEnumerable<MetadataReference> references, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)).ToList();
        return CSharpCompilation.Create(
            assemblyName, trees, references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Disable, concurrentBuild: false));
    }

    private static (IReadOnlyList<GuardViolation>, MetadataReference?) CompileShared()
    {
        var sources = SharedSources.LoadFromProjitems(SharedSources.FindRepositoryRoot());
        var compilation = Create("PosFirmware.Shared", sources, SharedReferences);
        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        var errors = ToViolations(result.Diagnostics);
        return (errors, result.Success ? MetadataReference.CreateFromImage(output.ToArray()) : null);
    }

    private static IReadOnlyList<GuardViolation> ToViolations(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .Where(d => d.Severity == DiagnosticSeverity.Error)
        .Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return new GuardViolation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.Id, d.GetMessage());
        })
        .OrderBy(v => v.Path, StringComparer.Ordinal)
        .ThenBy(v => v.Line)
        .ToList();

    /// <summary>Emits a compilation to an in-memory reference, or throws with its errors.</summary>
    public static MetadataReference EmitOrThrow(CSharpCompilation compilation, string what)
    {
        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        if (!result.Success)
        {
            throw new InvalidOperationException(what + " do not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
        return MetadataReference.CreateFromImage(output.ToArray());
    }
}
