namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The conditions a physical limit is evaluated at: the battery, its source resistance (the head's supply
/// sags under each pass as it does on the board) and the head temperature for each dot line. A limit is only
/// honest at the conditions the run had: a head that warms needs less energy, so a limit held at the
/// starting temperature could be beaten by a driver that follows the warming.
/// </summary>
public sealed class LimitConditions
{
    private readonly double[] _celsiusOfLine;
    private readonly double _celsius;

    private LimitConditions(double supplyVolts, double sourceOhms, double celsius, double[] celsiusOfLine, string description)
    {
        SupplyVolts = supplyVolts;
        SourceOhms = sourceOhms;
        _celsius = celsius;
        _celsiusOfLine = celsiusOfLine;
        Description = description;
    }

    /// <summary>Open-circuit supply, in volts.</summary>
    public double SupplyVolts { get; }

    /// <summary>Source resistance of the supply, in ohms.</summary>
    public double SourceOhms { get; }

    /// <summary>What the conditions are, for the bench's notes.</summary>
    public string Description { get; }

    /// <summary>Head temperature for a dot line.</summary>
    public double CelsiusOfLine(int line) =>
        _celsiusOfLine.Length == 0 ? _celsius : _celsiusOfLine[Math.Clamp(line, 0, _celsiusOfLine.Length - 1)];

    /// <summary>Conditions held constant (the run must hold them too: a stiff supply, a head held at its temperature).</summary>
    public static LimitConditions Held(double supplyVolts, double sourceOhms, double celsius) =>
        new(supplyVolts, sourceOhms, celsius, Array.Empty<double>(),
            $"held: {supplyVolts:F1} V, {sourceOhms:F2} ohm source, head held at {celsius:F0} degC");

    /// <summary>
    /// The conditions a printer's run had: its battery and source resistance, and per dot line the hottest the
    /// head was when one of the line's dots fired (the hotter, the less energy, the faster the limit). Lines
    /// without a firing take the line before's temperature.
    /// </summary>
    public static LimitConditions OfRun(VirtualPrinter printer, int lines)
    {
        var recorded = printer.Head.RowCelsius;
        var celsius = new double[Math.Max(1, lines)];
        double last = printer.Options.AmbientCelsius;
        double hottest = last;
        for (int i = 0; i < celsius.Length; i++)
        {
            if (i < recorded.Count && !double.IsNaN(recorded[i]))
            {
                last = recorded[i];
            }
            celsius[i] = last;
            hottest = Math.Max(hottest, last);
        }
        return new(printer.Head.SupplyOpenVolts, printer.Head.SourceOhms, printer.Options.AmbientCelsius, celsius,
            $"the run's: {printer.Head.SupplyOpenVolts:F1} V, {printer.Head.SourceOhms:F2} ohm source, head {celsius[0]:F1} to {hottest:F1} degC per line");
    }
}
