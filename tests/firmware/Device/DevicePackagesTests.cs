using System.Reflection;
using System.Xml.Linq;
using PosFirmware.Tests.Guard;
using Xunit;

namespace PosFirmware.Tests.Firmware.Device;

/// <summary>
/// The device build pins versions whose declared CoreLibrary dependency matches the CoreLibrary it pins
/// (the runtime binds referenced assemblies on major.minor at boot), and its solution restores the
/// packages where the projects' hint paths look for them.
/// </summary>
public class DevicePackagesTests
{
    private static readonly string Root = SharedSources.FindRepositoryRoot();

    public static readonly TheoryData<string> PackagesConfigs = new()
    {
        "firmware/Device/packages.config",
        "tests/firmware/Device/OnDevice/packages.config",
    };

    /// <summary>
    /// The rows whose nuspec no reachable source holds on the 1.17 line, each with why it is still pinned.
    /// The test below fails when a row is UNCONFIRMED and not named here, and when a row named here has been
    /// confirmed (so the list only shrinks). Confirming one: read its nuspec at the pinned tag, or at a 1.17-line
    /// commit the release follows, and record it in the table as "tag" or "history".
    /// </summary>
    private static readonly Dictionary<string, string> StillUnconfirmed = new()
    {
        ["nanoFramework.System.Collections"] = "needed by shared code (Hashtable, Queue); the index holds only 1.10-line and develop nuspecs",
        ["nanoFramework.Runtime.Events"] = "needed by GPIO, serial, file system, Wi-Fi; the index holds only 1.9/1.10-line nuspecs",
        ["nanoFramework.Runtime.Native"] = "Environment.TickCount64 and the GC/power APIs; the index holds only 1.10-line and develop nuspecs",
        ["nanoFramework.System.Device.Adc"] = "the head's thermistor and supply; the newest stored nuspec is the CoreLibrary 1.15.5 one of 1.1.11, which this pin replaced",
        ["nanoFramework.System.Device.I2c"] = "keypad and display; the index holds only 1.10 to 1.12-line nuspecs",
        ["nanoFramework.System.IO.Ports"] = "the scanner UART; the index holds only 1.12 and 1.15-line and develop nuspecs",
        ["nanoFramework.System.Net"] = "the acquirer link; the index holds only 1.8-line and develop nuspecs, and 1.11.54 is the newest 1.x tag seen",
        ["nanoFramework.System.Device.Wifi"] = "the acquirer link; the index holds only 1.12-line and develop nuspecs",
        ["nanoFramework.System.Threading"] = "needed by System.Net; the index holds only 1.9 to 1.14-line nuspecs",
        ["nanoFramework.Hardware.Esp32.Rmt"] = "strobe pulses; the index holds only 1.7 to 1.12-line nuspecs",
    };

    [Theory]
    [MemberData(nameof(PackagesConfigs))]
    public void Every_pin_is_in_the_table_at_the_same_version_and_declares_the_pinned_CoreLibrary_line(string config)
    {
        var table = DevicePackages.Load(Root);
        var pins = DevicePackages.PackagesConfig(Path.Combine(Root, config));

        var problems = DevicePackages.PinProblems(table, pins, config);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_row_is_confirmed_with_its_nuspec_cited_or_is_a_named_unconfirmed_row_saying_what_is_missing()
    {
        var table = DevicePackages.Load(Root);
        var problems = table.SelectMany(DevicePackages.SourceProblems).ToList();
        foreach (var row in table)
        {
            var named = StillUnconfirmed.ContainsKey(row.Id);
            if (row.Confirmed == DevicePackages.Unconfirmed && !named)
            {
                problems.Add($"{row.Id} {row.Version} is UNCONFIRMED: confirm its nuspec or pin a version whose nuspec can be read");
            }
            if (row.Confirmed != DevicePackages.Unconfirmed && named)
            {
                problems.Add($"{row.Id} is confirmed now: take it off StillUnconfirmed");
            }
        }
        problems.AddRange(StillUnconfirmed.Keys.Where(id => table.All(r => r.Id != id)).Select(id => $"{id}: named as unconfirmed but not in the table"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_CoreLibrary_row_matches_the_restored_package_and_the_mscorlib_the_device_compile_check_uses()
    {
        var row = Assert.Single(DevicePackages.Load(Root), r => r.Id == DevicePackages.CoreLibraryId);
        var nuspec = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "guard", "nano", "nanoframework.corelibrary.nuspec"));
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        var mscorlib = AssemblyName.GetAssemblyName(Path.Combine(AppContext.BaseDirectory, "guard", "nano", "mscorlib.dll"));

        Assert.Equal(row.Id, metadata.Elements().Single(e => e.Name.LocalName == "id").Value);
        Assert.Equal(row.Version, metadata.Elements().Single(e => e.Name.LocalName == "version").Value);
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");
        Assert.Equal("-", row.CoreLibrary);
        Assert.Equal(DevicePackages.MajorMinor(row.Version), $"{mscorlib.Version!.Major}.{mscorlib.Version.Minor}");
    }

    [Fact]
    public void The_table_rejects_the_old_adc_pin()
    {
        var table = DevicePackages.Load(Root);

        Assert.All(table.Where(r => r.Id != DevicePackages.CoreLibraryId && r.Id != "nanoFramework.TestFramework"),
            r => Assert.Equal("1.17", DevicePackages.MajorMinor(r.CoreLibrary)));
        // The reason this table exists: System.Device.Adc 1.1.11 was built against CoreLibrary 1.15.
        var adc = Assert.Single(table, r => r.Id == "nanoFramework.System.Device.Adc");
        Assert.NotEqual("1.1.11", adc.Version);
    }

    [Fact]
    public void The_checks_catch_a_pin_built_against_another_CoreLibrary_and_a_dependency_left_out()
    {
        // Adc 1.1.11 declared CoreLibrary 1.15.5, and a Wi-Fi row needs System.Net, which this config omits.
        var table = DevicePackages.Parse(new[]
        {
            "nanoFramework.CoreLibrary\t1.17.11\tnanoframework/CoreLibrary\t-\t-\ttag\tthe package",
            "nanoFramework.System.Device.Adc\t1.1.11\tnanoframework/System.Device.Adc\t1.15.5\t-\ttag\tnanoframework/System.Device.Adc@v1.1.11:nanoframework.System.Device.Adc.nuspec",
            "nanoFramework.System.Device.Wifi\t1.5.147\tnanoframework/System.Device.Wifi\t1.17.11\tnanoFramework.System.Net 1.11.41\tUNCONFIRMED\tthe tag was not read",
            "nanoFramework.System.Text\t1.3.42\tnanoframework/System.Text\t1.17.11\t-\ttag\tnanoframework/System.Text@v1.3.36:nanoFramework.System.Text.nuspec",
        });
        var pins = new[] { ("nanoFramework.CoreLibrary", "1.17.11"), ("nanoFramework.System.Device.Adc", "1.1.11"), ("nanoFramework.System.Device.Wifi", "1.5.147"), ("nanoFramework.System.Text", "1.3.42") };

        var pinProblems = DevicePackages.PinProblems(table, pins, "test.config");
        var sourceProblems = table.SelectMany(DevicePackages.SourceProblems).ToList();

        Assert.Contains(pinProblems, p => p.Contains("nanoFramework.System.Device.Adc 1.1.11 declares CoreLibrary 1.15.5", StringComparison.Ordinal));
        Assert.Contains(pinProblems, p => p.Contains("needs nanoFramework.System.Net 1.11.41, which test.config does not pin", StringComparison.Ordinal));
        Assert.Contains(sourceProblems, p => p.StartsWith("nanoFramework.System.Device.Wifi: an UNCONFIRMED row's source must start with 'missing: '", StringComparison.Ordinal));
        Assert.Contains(sourceProblems, p => p.StartsWith("nanoFramework.System.Text: read at tag v1.3.36", StringComparison.Ordinal));
        Assert.Equal(2, pinProblems.Count);
        Assert.Equal(2, sourceProblems.Count);
    }

    [Fact]
    public void A_row_with_an_unknown_confirmation_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => DevicePackages.Parse(new[] { "a\t1.0.0\tnanoframework/a\t1.17.11\t-\tyes\tsomewhere" }));

        Assert.Contains("confirmed must be one of tag, history, UNCONFIRMED", error.Message, StringComparison.Ordinal);
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
}
