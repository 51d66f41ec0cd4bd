using Xunit;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// The guard itself: every shared source under firmware/ and drivers/ (device adapters in
/// firmware/Device/ excepted) uses only what nanoFramework 1.x provides.
/// </summary>
public class SharedCodeGuardTests
{
    [Fact]
    public void Shared_firmware_and_driver_code_uses_only_the_nanoFramework_1_subset()
    {
        var root = SharedSources.FindRepositoryRoot();
        var sources = SharedSources.Load(root);
        Assert.NotEmpty(sources);

        var violations = new NanoSubsetGuard(NanoApiAllowlist.LoadDefault()).Check(sources);

        Assert.True(
            violations.Count == 0,
            $"{violations.Count} use(s) of what nanoFramework 1.x lacks in {sources.Count} shared files "
            + "(see tests/guard/README.md):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Device_adapters_and_build_output_are_not_shared_sources()
    {
        var sources = SharedSources.Load(SharedSources.FindRepositoryRoot());

        Assert.DoesNotContain(sources, s => s.Path.StartsWith("firmware/Device/", StringComparison.Ordinal));
        Assert.DoesNotContain(sources, s => s.Path.Contains("/obj/", StringComparison.Ordinal) || s.Path.Contains("/bin/", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Path == "drivers/Hal/IClock.cs");
    }
}
