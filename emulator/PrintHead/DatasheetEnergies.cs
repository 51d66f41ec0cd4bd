using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The energies the mechanisms' datasheets tabulate, kept apart from the profiles so that a measurement
/// against them can disagree with a wrong profile or a wrong driver:
/// <list type="bullet">
/// <item>LTPD245C ([S-LTPD245C] Eq. 4 with TF50KS-E2D paper): E = 0.2489 mJ at 25 degC, falling 0.002885 mJ per degC.</item>
/// <item>JX-2R-01 (Jingxin JX-2R-01 datasheet, recommended conditions at 7.2 V, 1.25 ms, 64 dots): E0 = 0.16 mJ at
/// 5 degC, 0.13 mJ at 25 degC, 0.11 mJ at 45 degC.</item>
/// </list>
/// A mechanism not listed (a profile file a user brings) falls back to its own profile's table.
/// </summary>
public static class DatasheetEnergies
{
    /// <summary>The table of a mechanism: temperatures (ascending) and energies in uJ, or null when none is known.</summary>
    public static (double[] Celsius, double[] Microjoules, string Source)? Table(string mechanism) => mechanism switch
    {
        "LTPD245C" => Ltpd245c,
        "JX-2R-01" => Jx2r01,
        _ => null,
    };

    // Made once: the head model asks for every dot it fires.
    private static readonly (double[] Celsius, double[] Microjoules, string Source) Ltpd245c =
        (new[] { 25.0, 26.0 }, new[] { 248.9, 248.9 - 2.885 }, "SII LTPD245C Eq. 4, TF50KS-E2D: 0.2489 mJ - 0.002885 mJ/degC");

    private static readonly (double[] Celsius, double[] Microjoules, string Source) Jx2r01 =
        (new[] { 5.0, 25.0, 45.0 }, new[] { 160.0, 130.0, 110.0 }, "JX-2R-01 E0 table: 5/25/45 degC 0.16/0.13/0.11 mJ");

    /// <summary>The datasheet's energy per dot and firing at a temperature, in uJ (linear, extended past the ends).</summary>
    public static double Microjoules(MechanismProfile profile, double celsius)
    {
        var table = Table(profile.Name);
        return table == null
            ? HeatEquations.Interpolate(profile.EnergyCelsius, profile.EnergyMicrojoules, celsius)
            : HeatEquations.Interpolate(table.Value.Celsius, table.Value.Microjoules, celsius);
    }

    /// <summary>The paper's rated energy on the mechanism at 25 degC: the paper model's reference.</summary>
    public static double ReferenceMicrojoules(MechanismProfile profile) => Microjoules(profile, 25);

    /// <summary>Where the numbers come from.</summary>
    public static string SourceOf(MechanismProfile profile) => Table(profile.Name)?.Source ?? $"{profile.Name} profile's own energy table (no datasheet table held apart)";
}
