using System.Text.RegularExpressions;
using PosFirmware.Tests.Guard;
using Xunit;

namespace PosFirmware.Tests.Firmware.Device;

/// <summary>
/// The device build pins versions whose declared CoreLibrary dependency matches the CoreLibrary it pins
/// (the runtime binds referenced assemblies on major.minor at boot), and its solution restores the
/// packages where the projects' hint paths look for them.
/// </summary>
public partial class DevicePackagesTests
{
    private static readonly string Root = SharedSources.FindRepositoryRoot();

    public static readonly TheoryData<string> PackagesConfigs = new()
    {
        "firmware/Device/packages.config",
        "tests/firmware/Device/OnDevice/packages.config",
    };

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+$")]
    private static partial Regex ReleaseVersion();

    [Theory]
    [MemberData(nameof(PackagesConfigs))]
    public void Every_pin_is_in_the_table_at_the_same_version_and_declares_the_pinned_CoreLibrary_line(string config)
    {
        var table = DevicePackages.Load(Root);
        var pins = DevicePackages.PackagesConfig(Path.Combine(Root, config));
        var coreLibrary = pins.Single(p => p.Id == "nanoFramework.CoreLibrary").Version;
        var problems = new List<string>();
        foreach (var (id, version) in pins)
        {
            var row = table.SingleOrDefault(r => r.Id == id);
            if (row is null)
            {
                problems.Add($"{id} {version}: not in {DevicePackages.TablePath}");
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
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_table_names_a_source_for_every_row_and_rejects_the_old_adc_pin()
    {
        var table = DevicePackages.Load(Root);

        Assert.All(table, r => Assert.False(string.IsNullOrWhiteSpace(r.Source), r.Id));
        Assert.All(table.Where(r => r.Id != "nanoFramework.CoreLibrary" && r.Id != "nanoFramework.TestFramework"),
            r => Assert.Equal("1.17", MajorMinor(r.CoreLibrary)));
        // The reason this table exists: System.Device.Adc 1.1.11 was built against CoreLibrary 1.15.
        var adc = Assert.Single(table, r => r.Id == "nanoFramework.System.Device.Adc");
        Assert.NotEqual("1.1.11", adc.Version);
    }

    [Fact]
    public void A_mismatched_CoreLibrary_dependency_would_be_caught()
    {
        // The rule above compares major.minor: 1.15.5 (what Adc 1.1.11 declared) against 1.17.11 fails.
        Assert.NotEqual(MajorMinor("1.15.5"), MajorMinor("1.17.11"));
        Assert.Equal(MajorMinor("1.17.0"), MajorMinor("1.17.11"));
    }

    [Theory]
    [InlineData("firmware/Device/PosFirmware.Device.nfproj", "firmware/Device/packages.config")]
    [InlineData("tests/firmware/Device/OnDevice/PosFirmware.DeviceTests.nfproj", "tests/firmware/Device/OnDevice/packages.config")]
    public void Hint_paths_point_where_the_device_solution_restores_the_pinned_versions(string nfproj, string config)
    {
        var solutionDirectory = Path.Combine(Root, "firmware", "Device");
        var packagesDirectory = Path.GetFullPath(Path.Combine(solutionDirectory, "packages")) + Path.DirectorySeparatorChar;
        var projectDirectory = Path.GetDirectoryName(Path.Combine(Root, nfproj))!;
        var pins = DevicePackages.PackagesConfig(Path.Combine(Root, config)).Select(p => p.Id + "." + p.Version).ToHashSet();
        var hints = DevicePackages.HintPaths(Path.Combine(Root, nfproj));
        Assert.NotEmpty(hints);
        var problems = new List<string>();
        var referenced = new HashSet<string>();
        foreach (var hint in hints)
        {
            var full = Path.GetFullPath(Path.Combine(projectDirectory, hint.Replace('\\', Path.DirectorySeparatorChar)));
            if (!full.StartsWith(packagesDirectory, StringComparison.Ordinal))
            {
                problems.Add($"{hint}: not under the device solution's packages folder");
                continue;
            }
            var parts = full.Substring(packagesDirectory.Length).Split(Path.DirectorySeparatorChar);
            if (parts.Length != 3 || parts[1] != "lib" || !pins.Contains(parts[0]))
            {
                problems.Add($"{hint}: not packages\\<id>.<pinned version>\\lib\\<file> for a package in {config}");
                continue;
            }
            referenced.Add(parts[0]);
        }
        problems.AddRange(pins.Where(p => !referenced.Contains(p)).Select(p => $"{p}: pinned but no reference uses it"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_device_solution_lists_both_nanoFramework_projects_and_the_host_solution_neither()
    {
        var device = File.ReadAllText(Path.Combine(Root, "firmware", "Device", "PosFirmware.Device.sln"));
        var host = File.ReadAllText(Path.Combine(Root, "PosFirmware.sln"));

        Assert.Contains("\"PosFirmware.Device.nfproj\"", device, StringComparison.Ordinal);
        Assert.Contains("\"..\\..\\tests\\firmware\\Device\\OnDevice\\PosFirmware.DeviceTests.nfproj\"", device, StringComparison.Ordinal);
        Assert.DoesNotContain(".nfproj", host, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "tests", "firmware", "Device", "OnDevice", "PosFirmware.DeviceTests.nfproj")));
    }

    [Theory]
    [InlineData("firmware/Device/PosFirmware.Device.nfproj")]
    [InlineData("tests/firmware/Device/OnDevice/PosFirmware.DeviceTests.nfproj")]
    public void The_projects_build_at_the_language_version_the_guard_checks(string nfproj)
    {
        var text = File.ReadAllText(Path.Combine(Root, nfproj));

        Assert.Contains("<LangVersion>9.0</LangVersion>", text, StringComparison.Ordinal);
        Assert.Equal(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9, DeviceCompilation.DeviceLanguageVersion);
    }

    private static string MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts[0] + "." + parts[1];
    }
}
