using Xunit;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// The shared sources compile as the device compiles them: C# 9, against nanoFramework.CoreLibrary
/// 1.17.11's real mscorlib.dll and the package stand-ins, with no other library.
/// </summary>
public class DeviceCompileTests
{
    private static IReadOnlyList<GuardViolation> CompileSnippet(string body) => DeviceCompilation.Errors(
        new[] { new GuardSource("Snippet.cs", "using System;\nusing System.Collections;\nusing System.Text;\nnamespace Snippet\n{\n    public class Sample\n    {\n" + body + "\n    }\n}\n") },
        DeviceCompilation.SharedReferences);

    [Fact]
    public void Shared_sources_from_the_projitems_compile_against_the_real_mscorlib_at_CSharp_9()
    {
        var errors = DeviceCompilation.Shared.Errors;

        Assert.True(errors.Count == 0, $"{errors.Count} device compile error(s) in the shared files:\n" + string.Join("\n", errors));
        Assert.NotNull(DeviceCompilation.Shared.Image);
    }

    [Fact]
    public void The_projitems_list_every_shared_file_so_none_escapes_the_guard()
    {
        var root = SharedSources.FindRepositoryRoot();

        var fromProjitems = SharedSources.LoadFromProjitems(root).Select(s => s.Path).ToList();
        var fromFolders = SharedSources.LoadFromFolders(root).Select(s => s.Path).ToList();

        Assert.Equal(fromFolders, fromProjitems);
    }

    [Fact]
    public void The_reference_is_nanoFramework_mscorlib_not_the_host_framework()
    {
        var compilation = DeviceCompilation.Create("Probe", Array.Empty<GuardSource>(), DeviceCompilation.SharedReferences);

        var core = compilation.GetSpecialType(Microsoft.CodeAnalysis.SpecialType.System_Object).ContainingAssembly.Identity;

        Assert.Equal("mscorlib", core.Name);
        Assert.NotNull(compilation.GetTypeByMetadataName("System.SpanByte"));
        Assert.Null(compilation.GetTypeByMetadataName("System.Span`1"));
    }

    [Theory]
    [InlineData("public static string Swap(string s) { return s.Replace(\"a\", \"b\"); }", "CS1061")]
    [InlineData("public static long Larger(long a, long b) { return Math.Max(a, b); }", "CS0266")] // binds Max(float, float) on the device
    [InlineData("private volatile bool _ready; public bool Ready() { return _ready; }", "CS0518")]
    [InlineData("public static byte[] Bytes(string s) { return Encoding.ASCII.GetBytes(s); }", "CS0117")]
    [InlineData("public static int? Maybe() { return null; }", "CS0518")]
    [InlineData("public static string Lines(StringBuilder b) { return b.AppendLine(\"x\").ToString(); }", "CS1061")]
    [InlineData("public static long Now() { return DateTime.Now.Ticks; }", "CS0117")]
    [InlineData("public static int Shift(int v) { return v >>> 1; }", "CS8773")]
    [InlineData("public static string Text() { return \"\"\"raw\"\"\"; }", "CS8773")]
    public void A_symbol_or_feature_the_device_lacks_is_a_compile_error(string body, string errorId)
    {
        var errors = CompileSnippet(body);

        Assert.True(errors.Any(e => e.Subject == errorId), "expected " + errorId + ", got:\n" + string.Join("\n", errors));
    }

    [Theory]
    [InlineData("public static double Limit(double v) { return Math.Clamp(v, 0.0, 1.0); }")]
    [InlineData("private static int _count; public static int Next() { return System.Threading.Interlocked.Increment(ref _count); }")]
    [InlineData("public static int Count(string s) { int n = 0; foreach (char c in s) { if (c == 'a') { n++; } } return n; }")]
    [InlineData("public static string Text(Hashtable t, StringBuilder b) { b.Append(t.Count); b.Append('x'); return b.ToString(); }")]
    [InlineData("public int Size { get; init; }")]
    public void What_the_device_has_compiles(string body)
    {
        var errors = CompileSnippet(body);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
