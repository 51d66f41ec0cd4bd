using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>How a <see cref="VirtualPrinter"/> is built: supply, ambient and the driver's settings.</summary>
public sealed class VirtualPrinterOptions
{
    /// <summary>Open-circuit supply (the battery), in volts. 7.2 V is a 2-cell Li-ion pack's nominal.</summary>
    public double SupplyVolts { get; init; } = 7.2;

    /// <summary>Battery and wiring resistance, in ohms; 0 for a stiff bench supply.</summary>
    public double SourceOhms { get; init; } = 0.15;

    /// <summary>Ambient (and starting head) temperature.</summary>
    public double AmbientCelsius { get; init; } = 25;

    /// <summary>Hold the head at the ambient temperature (a bench holding the conditions constant).</summary>
    public bool HoldHeadCelsius { get; init; }

    /// <summary>SPI clock for DI/CLK. 4 MHz suits every profile's limit and the LTP1245's.</summary>
    public int SpiClockHertz { get; init; } = 4_000_000;

    /// <summary>Trace DI/CLK bit by bit (large traces).</summary>
    public bool TraceSpiBits { get; init; }

    /// <summary>
    /// Trace the head's analog quantities (supply at the head in V, head current in A, head temperature in
    /// degC) as VCD real variables, and mark every timing violation (a pulse on "violation", the rule's
    /// number on "violation_rule").
    /// </summary>
    public bool TraceAnalog { get; init; }

    /// <summary>
    /// Keep the head's run statistics: delivered against asked energy, the paper's effective energy and the
    /// hottest head per row (benches, reports and the print command read them). A terminal's printer leaves
    /// them out: nothing reads them there, and the paper, the current and every timing rule are the same.
    /// </summary>
    public bool KeepStatistics { get; init; } = true;

    /// <summary>
    /// The head model takes each strobe edge through its block alone (<see cref="ThermalHeadModel.StrobeEdgesByBlock"/>);
    /// false sends every edge through the whole-head pass, the reference the tests compare against.
    /// </summary>
    public bool StrobeEdgesByBlock { get; init; } = true;

    /// <summary>The device CPU's costs charged for the driver's work (<see cref="CpuCosts.None"/>: none).</summary>
    public CpuCosts Cpu { get; init; } = CpuCosts.None;

    /// <summary>VCD scope of the head's signals.</summary>
    public string Scope { get; init; } = "head";

    /// <summary>
    /// The profile the driver is given, when it differs from the mechanism fitted (a wrong setting on
    /// purpose, for the timing checker's tests); null means the mechanism's own.
    /// </summary>
    public MechanismProfile? DriverProfile { get; init; }

    /// <summary>
    /// False when the firmware builds the driver on <see cref="VirtualPrinter.Pins"/> itself (the virtual
    /// terminal): the printer then makes none, so exactly one driver owns the pins, and
    /// <see cref="VirtualPrinter.Driver"/> is the firmware's, given through <see cref="VirtualPrinter.AttachDriver"/>.
    /// </summary>
    public bool BuildDriver { get; init; } = true;

    /// <summary>
    /// LAT on an RMT channel (idling high, pulsing low) that the driver sends ahead, as on the terminal's
    /// board; false wires it as a GPIO the driver writes in the gap between two passes.
    /// </summary>
    public bool LatchOnRmt { get; init; } = true;

    /// <summary>
    /// The board ties every block's strobe line (DST1..n) to one output, STB: the driver then fires a pass
    /// with one call. The terminal's board has one line per block.
    /// </summary>
    public bool TiedStrobes { get; init; }

    /// <summary>
    /// How long the logic supply V_dd must be up before V_H may be switched on; V_dd comes up with the
    /// board (at its start). UNCONFIRMED: the datasheets give the order only ([JX2R]), not a time.
    /// </summary>
    public int LogicToHeadPowerMicros { get; init; } = 1000;

    /// <summary>How long V_H takes to settle after VH_EN switches it on (the board's switch and capacitors; UNCONFIRMED).</summary>
    public int HeadPowerRampMicros { get; init; } = 1000;

    /// <summary>The driver's configuration; its divider and source-resistance values also describe the virtual board.</summary>
    public PrintHeadConfig Driver { get; init; } = new();
}
