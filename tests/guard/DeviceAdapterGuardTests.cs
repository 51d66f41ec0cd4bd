using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PosFirmware.Tests.Firmware.Device;
using Xunit;

namespace PosFirmware.Tests.Guard;

/// <summary>The device adapters compile against the real mscorlib and the device package allowlist, and keep the device's rules.</summary>
public partial class DeviceAdapterGuardTests
{
    [GeneratedRegex(@"^// source: (nanoframework/[A-Za-z0-9_.\-]+)@(v[0-9.]+):[A-Za-z0-9_./\-]+\.cs$")]
    private static partial Regex SourceLine();

    private static IReadOnlyList<GuardSource> Adapters(string root) => Directory
        .GetFiles(Path.Combine(root, "firmware", "Device"), "*.cs")
        .Order(StringComparer.Ordinal)
        .Select(f => new GuardSource(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))
        .ToList();

    private static IReadOnlyList<GuardViolation> CheckAdapterSnippet(string body)
    {
        var root = SharedSources.FindRepositoryRoot();
        var snippet = new GuardSource("firmware/Device/Snippet.cs",
            "using System;\nusing System.Collections;\nusing System.Device.Gpio;\nnamespace PosFirmware.Device\n{\n    public class Snippet\n    {\n" + body + "\n    }\n}\n");
        return DeviceAdapterGuard.Check(new[] { snippet }, OutputKind.DynamicallyLinkedLibrary);
    }

    [Fact]
    public void The_device_adapters_compile_against_the_device_packages_and_keep_the_device_rules()
    {
        var root = SharedSources.FindRepositoryRoot();
        var adapters = Adapters(root);
        Assert.Contains(adapters, a => a.Path == "firmware/Device/Program.cs");

        var violations = DeviceAdapterGuard.Check(adapters, OutputKind.ConsoleApplication);

        Assert.True(violations.Count == 0, $"{violations.Count} finding(s) in {adapters.Count} adapter files:\n" + string.Join("\n", violations));
    }

    [Theory]
    [InlineData("public static void Blink(GpioPin pin) { pin.Blink(3); }", "CS1061")]
    [InlineData("public static void Open(GpioController c) { c.OpenPin(2, PinMode.Output, PinValue.High); }", "CS1501")]
    [InlineData("public static void Span(System.Device.Spi.SpiDevice d, byte[] b) { d.Write(new Span<byte>(b)); }", "CS0246")]
    [InlineData("public static string Mode(PinMode m) { return \"mode \" + m; }", "enum formatted into a string")]
    [InlineData("public static string Mode(PinMode m) { return string.Format(\"{0}\", m); }", "enum passed as object to String.Format")]
    [InlineData("public static int Add(int a, int b) { return checked(a + b); }", "checked arithmetic")]
    [InlineData("public static void Later(Action<int> f) { f(1); }", "System.Action<T>")]
    [InlineData("public static int Count(string s) { int n = 0; foreach (object c in (IEnumerable)s) { n++; } return n; }", "string as IEnumerable")]
    public void An_adapter_outside_the_allowlist_or_the_device_rules_is_rejected(string body, string subject)
    {
        var violations = CheckAdapterSnippet(body);

        Assert.True(violations.Any(v => v.Subject == subject), "expected " + subject + ", got:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void An_adapter_inside_the_allowlist_passes()
    {
        var violations = CheckAdapterSnippet("public static bool High(GpioController c) { GpioPin p = c.OpenPin(2, PinMode.Input); return p.Read() == PinValue.High; }");

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Every_type_in_the_device_package_allowlist_names_its_source_at_the_pinned_tag()
    {
        var root = SharedSources.FindRepositoryRoot();
        var packages = DevicePackages.Load(root);
        var problems = new List<string>();
        foreach (var source in DeviceAdapterGuard.DeviceApiSources(Path.Combine(root, "tests", "guard", "DeviceApi")))
        {
            var tree = CSharpSyntaxTree.ParseText(source.Text, DeviceCompilation.ParseOptions, source.Path);
            foreach (var type in tree.GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>().Where(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax))
            {
                var line = type.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)).Select(t => t.ToString()).FirstOrDefault(t => t.StartsWith("// source:", StringComparison.Ordinal));
                var name = type is BaseTypeDeclarationSyntax named ? named.Identifier.ValueText : ((DelegateDeclarationSyntax)type).Identifier.ValueText;
                var match = line is null ? null : SourceLine().Match(line);
                if (match is null || !match.Success)
                {
                    problems.Add($"{source.Path}: {name} has no well-formed '// source: repo@tag:path.cs' line");
                    continue;
                }
                var package = packages.FirstOrDefault(p => p.Repository == match.Groups[1].Value);
                if (package is null)
                {
                    problems.Add($"{source.Path}: {name} cites {match.Groups[1].Value}, which no pinned package comes from");
                }
                else if (match.Groups[2].Value != "v" + package.Version)
                {
                    problems.Add($"{source.Path}: {name} cites {match.Groups[2].Value}, but {package.Id} is pinned at {package.Version}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
