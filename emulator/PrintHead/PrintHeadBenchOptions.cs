using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The conditions `posemu bench` prints its print-head figures at: which mechanisms (the shipped ones, or
/// one profile file), the battery and its source resistance, the head's starting temperature and the
/// driver's energy scale.
/// </summary>
public sealed class PrintHeadBenchOptions
{
    /// <summary>One mechanism instead of the shipped ones (a profile file the user gave), or null.</summary>
    public MechanismProfile? Profile { get; init; }

    /// <summary>Open-circuit supply, in volts.</summary>
    public double SupplyVolts { get; init; } = 7.2;

    /// <summary>Battery and wiring resistance, in ohms (0: a stiff bench supply).</summary>
    public double SourceOhms { get; init; }

    /// <summary>Ambient and starting head temperature.</summary>
    public double HeadCelsius { get; init; } = 25;

    /// <summary>The driver's energy scale, in percent.</summary>
    public int EnergyPercent { get; init; } = 100;

    /// <summary>The device CPU's costs for the CPU-model rows (none: those rows are left out).</summary>
    public CpuCosts Cpu { get; init; } = CpuCosts.Esp32Nano;

    /// <summary>The mechanisms to bench.</summary>
    public IReadOnlyList<MechanismProfile> Mechanisms() =>
        Profile != null ? new[] { Profile } : new[] { ProfileLibrary.Load(ProfileLibrary.Primary), ProfileLibrary.Load(ProfileLibrary.Second) };

    /// <summary>A printer's options at these conditions.</summary>
    public VirtualPrinterOptions Conditions(bool dynamic, bool holdHead, CpuCosts? cpu = null, bool tiedStrobes = false) => new()
    {
        Cpu = cpu ?? CpuCosts.None,
        TiedStrobes = tiedStrobes,
        SupplyVolts = SupplyVolts,
        SourceOhms = SourceOhms,
        AmbientCelsius = HeadCelsius,
        HoldHeadCelsius = holdHead,
        Driver = new PrintHeadConfig
        {
            DynamicGrouping = dynamic,
            SupplySourceMilliohms = (int)Math.Round(SourceOhms * 1000),
            EnergyPercent = EnergyPercent,
        },
    };

    /// <summary>The conditions in words.</summary>
    public string Describe() =>
        $"{SupplyVolts:F1} V, {SourceOhms:F2} ohm source, head from {HeadCelsius:F0} degC, energy {EnergyPercent} %";
}
