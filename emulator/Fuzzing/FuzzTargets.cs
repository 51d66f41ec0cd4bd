using PosFirmware.Emulator.Fuzzing.Targets;

namespace PosFirmware.Emulator.Fuzzing;

/// <summary>Every fuzz target, by name. A new parser gets a new FuzzTarget class and a line here.</summary>
public static class FuzzTargets
{
    /// <summary>The targets, in the order `posemu fuzz all` runs them.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new Iso8583ResponseTarget(),
        new AcquirerRequestTarget(),
        new EscPosTarget(),
        new ScannerLineTarget(),
        new ScannerProfileTarget(),
        new CodeTableTarget(),
        new HeadProfileTarget(),
        new ScenarioTarget(),
        new AcquirerConfigTarget(),
        new PrintFontTarget(),
        new Iso8583DecodeTarget(),
        new JournalRecoveryTarget(),
        new FieldTableTarget(),
        new ScenarioYamlTarget(),
    ];

    /// <summary>The target called name, or null.</summary>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
