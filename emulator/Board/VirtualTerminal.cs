using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Storage;
using PosFirmware.Terminal;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// The payment terminal as built: a virtual board wired the way the real one is, the firmware's
/// hardware set made of its parts, and the firmware itself. Each subsystem adds its parts here.
/// </summary>
public sealed class VirtualTerminal
{
    /// <summary>The acquirer's endpoint name on the virtual network.</summary>
    public const string AcquirerEndpoint = "acquirer:5000";

    /// <summary>Builds the terminal on a fresh board, or on the flash a previous board left.</summary>
    public VirtualTerminal(ulong seed, FlashFileStore? flash = null, TerminalConfig? config = null)
    {
        Board = new VirtualBoard(seed, flash);
        StatusLed = Board.OutputPin("board", "STATUS_LED");
        Config = config ?? new TerminalConfig();
        Printer = new VirtualPrinter(Board, ProfileLibrary.Load(ProfileLibrary.Primary));
        Hardware = new TerminalHardware
        {
            Clock = Board.Clock,
            StatusLed = StatusLed,
            Store = Board.Flash,
            Network = Board.NetworkLink(AcquirerEndpoint),
            PrintHead = Printer.Pins,
            PrintHeadProfile = Printer.Profile,
        };
        App = new TerminalApp(Hardware, Config);
    }

    /// <summary>The board.</summary>
    public VirtualBoard Board { get; }

    /// <summary>The heartbeat LED.</summary>
    public VirtualOutputPin StatusLed { get; }

    /// <summary>The thermal printer: head and motor models, paper, timing checker, and a driver on its pins.</summary>
    public VirtualPrinter Printer { get; }

    /// <summary>What the firmware was given.</summary>
    public TerminalHardware Hardware { get; }

    /// <summary>The firmware's configuration.</summary>
    public TerminalConfig Config { get; }

    /// <summary>The firmware.</summary>
    public TerminalApp App { get; }
}
