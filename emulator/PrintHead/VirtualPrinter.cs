using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Trace;
using PosFirmware.PrintHead;
using PosFirmware.Printing;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// A thermal printer on a virtual board, ready to print: the head and motor models with their timing
/// checker and paper, wired to board pins, and the firmware's driver on those pins.
/// <code>
/// var printer = new VirtualPrinter(board, ProfileLibrary.Load("LTPD245C"));
/// IDotLineSink sink = printer.Sink;           // 384 dots, 48 bytes per line
/// sink.PrintLine(line, 0); sink.Feed(10);
/// printer.SavePng("receipt.png");             // stops the motor as the datasheet asks, then writes
/// Assert.Empty(printer.Violations);
/// </code>
/// </summary>
public sealed class VirtualPrinter
{
    /// <summary>Builds the printer for a profile on a board.</summary>
    public VirtualPrinter(VirtualBoard board, MechanismProfile profile, VirtualPrinterOptions? options = null)
    {
        Board = board;
        Profile = profile;
        Options = options ?? new VirtualPrinterOptions();
        string scope = Options.Scope;
        Physics = new HeadPhysics(profile);
        Checker = new TimingChecker();
        Spi = board.Spi(scope, "DI_CLK", Options.SpiClockHertz, Options.TraceSpiBits);
        Latch = board.OutputPin(scope, "LAT", initial: true);
        Strobes = new VirtualPulseOutput[Options.TiedStrobes ? 1 : profile.StrobeBlocks];
        for (int b = 0; b < Strobes.Length; b++)
        {
            Strobes[b] = board.PulseOutput(scope, Options.TiedStrobes ? "STB" : $"STB{b + 1}");
        }
        // The head's block inputs: each its own output, or all on the one tied output.
        var blockInputs = new VirtualPulseOutput[profile.StrobeBlocks];
        for (int b = 0; b < blockInputs.Length; b++)
        {
            blockInputs[b] = Strobes[Options.TiedStrobes ? 0 : b];
        }
        MotorPort = board.OutputPort(scope, "MT_A", "MT_B", "MT_nA", "MT_nB");
        MotorPhases = MotorPort.Pins.ToArray();
        Thermistor = board.Adc(scope + ".TM", 0);
        Supply = board.Adc(scope + ".VP", 0);
        PaperOut = board.InputPin(scope, "PS");
        PlatenOpen = board.InputPin(scope, "HS");
        HeadPower = board.OutputPin(scope, "VH_EN");
        Paper = new PaperStrip(profile.DotsPerLine);
        Thermal = new HeadThermalModel(Options.AmbientCelsius) { Held = Options.HoldHeadCelsius };
        Motor = new StepperMotorModel(board.Clock, Physics, Checker, MotorPort);
        Head = new ThermalHeadModel(board.Clock, Physics, Checker, Motor, Paper, Thermal, Options.SupplyVolts, Options.SourceOhms)
        {
            KeepStatistics = Options.KeepStatistics,
            StrobeEdgesByBlock = Options.StrobeEdgesByBlock,
        };
        Spi.Connect(Head);
        if (Options.TraceAnalog)
        {
            Head.AttachTrace(board.Trace, scope);
            var violation = board.Trace.Declare(scope, "violation", SignalKind.Wire, 0);
            var rule = board.Trace.Declare(scope, "violation_rule", SignalKind.Real, -1);
            Checker.Reported = v =>
            {
                board.Trace.Record(rule, v.AtNanos, (double)(int)v.Rule);
                board.Trace.Record(violation, v.AtNanos, true);
                board.Trace.Record(violation, v.AtNanos + 1, false);
            };
        }
        Head.Connect(Latch, blockInputs, Thermistor, Supply, PaperOut, PlatenOpen, Options.Driver);
        Head.ConnectHeadPower(HeadPower, board.Clock.NowNanos, Options.LogicToHeadPowerMicros * 1000L, Options.HeadPowerRampMicros * 1000L);
        LatchPulse = Options.LatchOnRmt ? board.PulseOn(Latch) : null;
        Pins = new PrintHeadPins
        {
            Data = Spi,
            Latch = Latch,
            LatchPulse = LatchPulse,
            Strobes = Strobes,
            MotorPhases = MotorPort,
            Thermistor = Thermistor,
            Supply = Supply,
            PaperOut = PaperOut,
            PlatenOpen = PlatenOpen,
            HeadPower = HeadPower,
        };
        if (!Options.Cpu.IsFree)
        {
            Cpu = new CpuCostModel(board.Clock, Options.Cpu);
        }
        if (Options.BuildDriver)
        {
            _ownDriver = Cpu == null
                ? new ThermalHeadDriver(Options.DriverProfile ?? profile, Pins, Options.Driver, board.Clock)
                : new ThermalHeadDriver(Options.DriverProfile ?? profile, Cpu.Wrap(Pins), Options.Driver, board.Clock, Cpu);
            _sink = Cpu == null ? _ownDriver : Cpu.Wrap(_ownDriver);
        }
    }

    private readonly ThermalHeadDriver? _ownDriver;
    private readonly IDotLineSink? _sink;

    /// <summary>The device CPU's cost model, or null when the firmware's code takes no time.</summary>
    public CpuCostModel? Cpu { get; }
    private Func<ThermalHeadDriver?>? _attached;

    /// <summary>
    /// Uses a driver someone else built on <see cref="Pins"/> (the firmware's, asked for when needed, since
    /// the firmware builds it at boot); only for a printer made with BuildDriver false.
    /// </summary>
    public void AttachDriver(Func<ThermalHeadDriver?> driver)
    {
        if (_ownDriver != null)
        {
            throw new InvalidOperationException("this printer built its own driver; a second one on the same pins would fight it");
        }
        _attached = driver;
    }

    /// <summary>The driver on the pins, or null while the firmware has none (not booted, or no profile).</summary>
    public ThermalHeadDriver? DriverOrNull => _ownDriver ?? _attached?.Invoke();

    /// <summary>The board the printer sits on.</summary>
    public VirtualBoard Board { get; }

    /// <summary>The mechanism.</summary>
    public MechanismProfile Profile { get; }

    /// <summary>How it was built.</summary>
    public VirtualPrinterOptions Options { get; }

    /// <summary>The emulator's physics of the mechanism.</summary>
    public HeadPhysics Physics { get; }

    /// <summary>Every interface and physical rule broken so far.</summary>
    public TimingChecker Checker { get; }

    /// <summary>The violations kept, each with its virtual time.</summary>
    public IReadOnlyList<TimingViolation> Violations => Checker.Violations;

    /// <summary>The head model.</summary>
    public ThermalHeadModel Head { get; }

    /// <summary>The motor and paper position model.</summary>
    public StepperMotorModel Motor { get; }

    /// <summary>The head's temperatures.</summary>
    public HeadThermalModel Thermal { get; }

    /// <summary>The printed paper.</summary>
    public PaperStrip Paper { get; }

    /// <summary>The pins as the firmware gets them.</summary>
    public PrintHeadPins Pins { get; }

    /// <summary>The firmware's driver: the printer's own, or the attached one once the firmware has built it.</summary>
    public ThermalHeadDriver Driver => DriverOrNull
        ?? throw new InvalidOperationException("the printer's driver belongs to the firmware, which has not built it (boot the terminal; see TerminalApp.PrinterError)");

    /// <summary>Where dot lines go: the driver.</summary>
    public IDotLineSink Sink => _sink ?? Driver;

    /// <summary>DI/CLK.</summary>
    public VirtualSpiBus Spi { get; }

    /// <summary>LAT.</summary>
    public VirtualOutputPin Latch { get; }

    /// <summary>The RMT channel on LAT the driver sends latches on, or null when LAT is a GPIO (<see cref="VirtualPrinterOptions.LatchOnRmt"/>).</summary>
    public VirtualPinPulse? LatchPulse { get; }

    /// <summary>STB1..n.</summary>
    public VirtualPulseOutput[] Strobes { get; }

    /// <summary>A, B, /A, /B.</summary>
    public VirtualOutputPin[] MotorPhases { get; }

    /// <summary>A, B, /A, /B as one port (bits 0..3), as the driver writes them.</summary>
    public VirtualOutputPort MotorPort { get; }

    /// <summary>Thermistor ADC channel.</summary>
    public VirtualAdcChannel Thermistor { get; }

    /// <summary>Supply ADC channel.</summary>
    public VirtualAdcChannel Supply { get; }

    /// <summary>Paper sensor input, as the firmware sees it. Change the paper with <see cref="LoadPaperAt"/>, not by driving this pin.</summary>
    public VirtualInputPin PaperOut { get; }

    /// <summary>VH_EN: the head supply switch (high = V_H on).</summary>
    public VirtualOutputPin HeadPower { get; }

    /// <summary>Platen switch input, as the firmware sees it. Open the platen with <see cref="OpenPlatenAt"/>, not by driving this pin.</summary>
    public VirtualInputPin PlatenOpen { get; }

    /// <summary>
    /// At a virtual time, the paper runs out (false) or is loaded (true). The head model changes its state
    /// and drives the sensor from it, so the paper, the rules and the sensor always agree.
    /// </summary>
    public void LoadPaperAt(long atNanos, bool present) => Board.Clock.ScheduleAt(atNanos, () => Head.PaperPresent = present);

    /// <summary>At a virtual time, the platen (head-up lever) opens (true) or closes (false).</summary>
    public void OpenPlatenAt(long atNanos, bool open) => Board.Clock.ScheduleAt(atNanos, () => Head.PlatenOpen = open);

    /// <summary>Paper width in pixels (dots).</summary>
    public int Width => Paper.Width;

    /// <summary>
    /// Prints a line, waiting out faults that clear by themselves (overheat, motor rest) up to maxWaitMicros
    /// of virtual time; returns the last status (Ok, or the fault that did not clear).
    /// </summary>
    public PrintStatus PrintLineWaiting(byte[] dots, int offset, long maxWaitMicros = 120_000_000)
    {
        long deadline = Board.Clock.NowMicros + maxWaitMicros;
        while (true)
        {
            var status = Sink.PrintLine(dots, offset);
            if (status == PrintStatus.Ok || (status != PrintStatus.Overheat && status != PrintStatus.MotorRest) || Board.Clock.NowMicros >= deadline)
            {
                return status;
            }
            Board.Clock.DelayMicros(100_000);
        }
    }

    /// <summary>Stops the motor as the datasheet asks (feed after heat, hold, release).</summary>
    public void Finish()
    {
        DriverOrNull?.Stop();
        // Let the models see the last edges (the motor reads its pins once they settle at this instant).
        Board.Clock.RunUntil(Board.Clock.NowNanos);
    }

    /// <summary>The paper as 8-bit gray pixels (Width x height, 0 black); stops the motor first.</summary>
    public byte[] PaperBitmap(out int height)
    {
        Finish();
        height = Math.Max(1, Paper.Height);
        return Paper.ToGray();
    }

    /// <summary>Stops the motor, then writes the paper as a PNG, one pixel per dot.</summary>
    public void SavePng(string path)
    {
        Finish();
        Paper.SavePng(path);
    }
}
