using PosFirmware.Scanner;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// A scanner profile file through ScannerProfileFile (key = value lines, hex byte lists). Contract: a
/// profile or an error naming why, never both; a profile has a baud rate, 1.. terminators, commands within
/// MaxCommandBytes, a trigger in host mode, and builds a ScanLineReader.
/// </summary>
public sealed class ScannerProfileTarget : FuzzTarget
{
    private static readonly ScannerConfig Config = new();

    /// <inheritdoc />
    public override string Name => "scanner-profile";

    /// <inheritdoc />
    public override string Summary => "ScannerProfileFile.TryParse on a profile file";

    /// <inheritdoc />
    public override IReadOnlyList<string> SeedFiles => ["drivers/Scanner/Profiles/*.profile"];

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        var reader = ScannerProfileFile.CreateReader(Config);
        if (!ScannerProfileFile.TryParse(reader, input, 0, input.Length, out ScannerProfile profile))
        {
            Require(!string.IsNullOrEmpty(reader.Message), "rejected without a reason");
            return;
        }
        if (profile == null)
        {
            Require(false, "accepted without a profile");
            return;
        }
        Require(profile.BaudRate > 0, "baud " + profile.BaudRate);
        Require(profile.Terminators.Length > 0, "no terminator");
        Require(profile.TriggerCommand.Length <= Config.MaxCommandBytes && profile.StopCommand.Length <= Config.MaxCommandBytes
            && profile.SetupCommand.Length <= Config.MaxCommandBytes && profile.Ack.Length <= Config.MaxCommandBytes, "a command past MaxCommandBytes");
        Require(profile.Mode != ScanMode.HostTriggered || profile.TriggerCommand.Length > 0, "host mode without a trigger");
        _ = new ScanLineReader(profile, Config);
    }
}
