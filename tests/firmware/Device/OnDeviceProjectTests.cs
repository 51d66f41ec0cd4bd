using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PosFirmware.Tests.Guard;
using Xunit;

namespace PosFirmware.Tests.Firmware.Device;

/// <summary>
/// The on-device test project (tests/firmware/Device/OnDevice) holds the checks only hardware can answer,
/// lists every test class in its .nfproj (the nanoFramework test adapter finds tests through the project's
/// Compile items), and compiles as the device compiles it.
/// </summary>
public class OnDeviceProjectTests
{
    private static readonly string Root = SharedSources.FindRepositoryRoot();
    private static readonly string Folder = Path.Combine(Root, "tests", "firmware", "Device", "OnDevice");

    /// <summary>What the design asks the hardware to answer, one test class each.</summary>
    private static readonly string[] RequiredClasses =
    {
        "GpioLoopbackTests", "SpiLoopbackTests", "UartLoopbackTests", "FileAtomicityTests",
        "RmtPulseWidthTests", "AdcCalibrationTests", "HeadDriverTimingTests",
    };

    private static IReadOnlyList<GuardSource> FolderSources() => Directory.GetFiles(Folder, "*.cs")
        .Order(StringComparer.Ordinal)
        .Select(f => new GuardSource(Path.GetRelativePath(Root, f).Replace('\\', '/'), File.ReadAllText(f)))
        .ToList();

    private static IReadOnlyList<string> CompileItems() => XDocument.Load(Path.Combine(Folder, "PosFirmware.DeviceTests.nfproj"))
        .Descendants().Where(e => e.Name.LocalName == "Compile")
        .Select(e => e.Attribute("Include")!.Value)
        .ToList();

    private static IEnumerable<(string File, ClassDeclarationSyntax Class)> TestClasses() => FolderSources()
        .SelectMany(s => CSharpSyntaxTree.ParseText(s.Text, DeviceCompilation.ParseOptions).GetRoot()
            .DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Where(c => c.AttributeLists.SelectMany(a => a.Attributes).Any(a => a.Name.ToString() == "TestClass"))
            .Select(c => (Path.GetFileName(s.Path), c)));

    [Fact]
    public void Every_required_check_has_its_test_class_with_test_methods()
    {
        var classes = TestClasses().ToList();

        foreach (var required in RequiredClasses)
        {
            var found = Assert.Single(classes, c => c.Class.Identifier.ValueText == required);
            Assert.Contains(found.Class.Members.OfType<MethodDeclarationSyntax>(),
                m => m.AttributeLists.SelectMany(a => a.Attributes).Any(a => a.Name.ToString() == "TestMethod"));
        }
    }

    [Fact]
    public void The_project_lists_every_test_class_file_and_every_file_it_lists_exists()
    {
        var items = CompileItems();
        var local = items.Where(i => !i.Contains('\\', StringComparison.Ordinal) && !i.Contains('/', StringComparison.Ordinal)).ToList();

        foreach (var (file, testClass) in TestClasses())
        {
            Assert.True(local.Contains(file), $"{testClass.Identifier.ValueText} ({file}) is not a Compile item of PosFirmware.DeviceTests.nfproj");
        }
        foreach (var item in items)
        {
            Assert.True(File.Exists(Path.Combine(Folder, item.Replace('\\', Path.DirectorySeparatorChar))), $"{item} is listed but missing");
        }
        Assert.All(FolderSources(), s => Assert.Contains(Path.GetFileName(s.Path), local));
    }

    [Fact]
    public void The_on_device_tests_pass_the_device_guard()
    {
        var items = CompileItems();
        var sources = items
            .Select(i => Path.GetFullPath(Path.Combine(Folder, i.Replace('\\', Path.DirectorySeparatorChar))))
            .Select(f => new GuardSource(Path.GetRelativePath(Root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        Assert.Contains(sources, s => s.Path == "firmware/Device/RmtPulse.cs");

        var violations = DeviceAdapterGuard.Check(sources, OutputKind.DynamicallyLinkedLibrary);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
