using PosFirmware.Emulator.Payment;
using PosFirmware.Emulator.Peripherals;
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

    /// <summary>
    /// Builds the terminal on a fresh board, or on the flash a previous board left. With cpu, the head
    /// driver's work on the device's CPU is charged in virtual time (<see cref="CpuCostModel"/>), as on the
    /// device; without, the firmware's code takes no time.
    /// </summary>
    public VirtualTerminal(ulong seed, FlashFileStore? flash = null, TerminalConfig? config = null, Func<VirtualBoard, PosFirmware.Hal.INetworkLink>? network = null, CpuCosts? cpu = null)
    {
        Board = new VirtualBoard(seed, flash);
        StatusLed = Board.OutputPin("board", "STATUS_LED");
        Config = config ?? new TerminalConfig();
        // The firmware builds the head driver at boot from the profile file on the flash; the printer only
        // models the mechanism, so exactly one driver drives its pins.
        Printer = new VirtualPrinter(Board, ProfileLibrary.Load(ProfileLibrary.Primary), new VirtualPrinterOptions { BuildDriver = false, KeepStatistics = false, Cpu = cpu ?? CpuCosts.None });
        var cpuModel = Printer.Cpu;
        Hardware = new TerminalHardware
        {
            Clock = Board.Clock,
            StatusLed = StatusLed,
            Store = Board.Flash,
            Network = network != null ? network(Board) : Board.NetworkLink(AcquirerEndpoint),
            PrintHead = cpuModel == null ? Printer.Pins : cpuModel.Wrap(Printer.Pins),
            PrintHeadCpu = cpuModel,
            // A link of its own (a real socket) moves in wall time and signals nothing on the virtual clock: the
            // loop then looks at it every loop period, as it would poll a socket without a receive event.
            Idle = network != null ? new VirtualIdleWait(Board.Clock, Board.Wake, Config.LoopPeriodMicros) : Board.Idle,
        };
        WireOperatorParts();
        ProvisionPrinterFiles();
        ProvisionMasterKey();
        App = new TerminalApp(Hardware, Config) { PaymentLog = Log };
        Printer.AttachDriver(() => App.PrintHeadDriver);
    }

    /// <summary>The board.</summary>
    public VirtualBoard Board { get; }

    /// <summary>The payment flow's events with their virtual times (the transaction log).</summary>
    public TransactionLog Log { get; } = new();

    /// <summary>
    /// The terminal master key injected at the factory: the simulator's test key (never a production key).
    /// Working keys arrive encrypted under it at sign-in.
    /// </summary>
    public static readonly byte[] TestMasterKey = Convert.FromHexString(new PosFirmware.Emulator.Acquirer.AcquirerConfig().MasterKeyHex);

    /// <summary>The heartbeat LED.</summary>
    public VirtualOutputPin StatusLed { get; }

    /// <summary>The font file the terminal is provisioned with: the full font, as firmware/Device/deploy.json puts it on the 8 MB module's config partition.</summary>
    public const string FontResource = PosFirmware.Emulator.Printing.PrinterFonts.Full;

    /// <summary>The thermal printer: head and motor models, paper and timing checker; its driver is the firmware's (after Boot).</summary>
    public VirtualPrinter Printer { get; }

    /// <summary>What the firmware was given.</summary>
    public TerminalHardware Hardware { get; }

    /// <summary>The firmware's configuration.</summary>
    public TerminalConfig Config { get; }

    /// <summary>The firmware.</summary>
    public TerminalApp App { get; }

    /// <summary>The barcode scan engine on its UART.</summary>
    public ScannerModel Scanner { get; private set; } = null!;

    /// <summary>The scanner's UART.</summary>
    public VirtualSerialPort ScannerPort { get; private set; } = null!;

    /// <summary>The operator keypad.</summary>
    public KeypadModel Keypad { get; private set; } = null!;

    /// <summary>The operator display (20x4).</summary>
    public DisplayModel Display { get; private set; } = null!;

    // The print head's profile, the printer font and the acquirer's field table are factory data too, loaded the same way, so the
    // firmware reads them from the flash as it does on the device (firmware/Device/deploy.json).
    private void ProvisionPrinterFiles()
    {
        Board.Flash.Provision(Config.PrintHeadProfileFile, FactoryFiles.HeadProfile);
        Board.Flash.Provision(Config.FieldTableFile, FactoryFiles.FieldTable);
        Board.Flash.Provision(Config.PrintFontFile, FactoryFiles.Font);
    }

    // Key injection happens at the factory, before the firmware first boots: loaded as an image, so power-cut
    // tests count only the firmware's own writes.
    private void ProvisionMasterKey()
    {
        Board.Flash.Provision(Config.Payment.MasterKeyFile, (byte[])TestMasterKey.Clone());
    }

    // The scanner's profile and code table are factory data: put on a fresh flash as a loaded image
    // (no write points, so power-cut tests count only the firmware's own writes), kept across reboots.
    private void WireOperatorParts()
    {
        Board.Flash.Provision(Config.ScannerProfileFile, FactoryFiles.ScannerProfile);
        Board.Flash.Provision(Config.PaymentCodeTableFile, FactoryFiles.CodeTable);
        byte[] profileText = new byte[Board.Flash.SizeOf(Config.ScannerProfileFile)];
        Board.Flash.Read(Config.ScannerProfileFile, 0, profileText, 0, profileText.Length);
        var profileReader = PosFirmware.Scanner.ScannerProfileFile.CreateReader(Config.Scanner);
        var profile = PosFirmware.Scanner.ScannerProfileFile.TryParse(profileReader, profileText, 0, profileText.Length, out var given)
            ? given
            : ScannerProfiles.Load(ScannerProfiles.DefaultProfile, Config.Scanner);
        ScannerPort = Board.Serial("scanner", "SCANNER", profile.BaudRate);
        Scanner = new ScannerModel(ScannerPort, Board.Clock, profile, Board.Random.Fork("scanner"));
        Keypad = new KeypadModel(Board.Clock, wake: Board.Wake);
        Display = new DisplayModel(Board.Clock);
        Hardware.ScannerPort = ScannerPort;
        Hardware.Keypad = Keypad;
        Hardware.Display = Display;
    }
}
