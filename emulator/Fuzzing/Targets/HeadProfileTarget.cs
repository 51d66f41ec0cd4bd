using System.Text;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.Print;
using PosFirmware.PrintHead;
using PosFirmware.Terminal;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// A print-head profile file on the flash through the firmware's boot path (PrinterLoader: size and NUL
/// checks, MechanismProfileFile, the driver on the LTPD245C board's pins, the font), then a short job printed
/// on the virtual head. Contract: the loader gives a printer or an error, never an exception; a profile
/// that loads gives finite, positive heat times and pulse rates, and prints without throwing.
/// </summary>
public sealed class HeadProfileTarget : FuzzTarget
{
    private static readonly byte[] Font = PrinterFonts.Load(PrinterFonts.Level1Gb2312);
    private static readonly byte[] Job = Encoding.UTF8.GetBytes("\u001b@Fuzz 12.34\n\u001bJ\u0010");

    /// <inheritdoc />
    public override string Name => "head-profile";

    /// <inheritdoc />
    public override string Summary => "PrinterLoader.TryLoad (MechanismProfileFile and driver) on a head profile file, then a short job";

    /// <inheritdoc />
    public override IReadOnlyList<string> SeedFiles => ["drivers/PrintHead/Profiles/*.profile"];

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        var board = new VirtualBoard(1, maxTraceChanges: 100_000);
        var printer = new VirtualPrinter(board, ProfileLibrary.Load(ProfileLibrary.Primary), new VirtualPrinterOptions { BuildDriver = false });
        var config = new TerminalConfig();
        board.Flash.Load(new Dictionary<string, byte[]> { [config.PrintHeadProfileFile] = input, [config.PrintFontFile] = Font });
        var loader = new PrinterLoader(board.Flash, config);
        if (!loader.TryLoad(printer.Pins, null, board.Clock, out ThermalHeadDriver? driver, out PrintQueue? queue))
        {
            Require(loader.Message != null && loader.Message.Trim().Length > 0 && queue == null, "a failure without a reason, or with a queue");
            return;
        }
        Require(loader.Message == null && driver != null && queue != null, "loaded, yet a message, or no driver or queue");
        MechanismProfile p = driver!.Profile;
        var eq = new HeatEquations(p);
        double volts = (p.SupplyMinMillivolts + p.SupplyMaxMillivolts) / 2000.0;
        double heat = eq.HeatMicros(25, volts, p.MaxSimultaneousDots, 1_000_000.0 / eq.MaxPps(volts * 1000));
        Require(double.IsFinite(heat) && heat >= 0, "heat time " + heat + " us at 25 C, " + volts + " V");
        double pps = eq.MaxPps(volts * 1000);
        Require(double.IsFinite(pps) && pps > 0, "max pulse rate " + pps);
        queue!.Submit(Job, 0, Job.Length);
        driver.Stop();
    }
}
