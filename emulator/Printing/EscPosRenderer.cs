
using PosFirmware.Print;
using PosFirmware.Print.Interpreter;
using PosFirmware.Print.Text;

namespace PosFirmware.Emulator.Printing;

/// <summary>
/// Renders an ESC/POS job on the emulator: the firmware's interpreter with the built-in font, onto
/// ideal paper. Used by `posemu print`, the demo and the tests.
/// </summary>
public sealed class EscPosRenderer
{
    private readonly EscPosInterpreter _interpreter;

    /// <summary>A renderer with the given limits (defaults if null) and font (the full GB18030 font if null).</summary>
    public EscPosRenderer(PrintLimits? limits = null, BitmapFont? font = null)
    {
        Limits = limits ?? new PrintLimits();
        _interpreter = new EscPosInterpreter(font ?? PrinterFonts.Open(), Limits);
    }

    /// <summary>The limits the interpreter was built with.</summary>
    public PrintLimits Limits { get; }

    /// <summary>The interpreter, for callers that drive their own sink.</summary>
    public EscPosInterpreter Interpreter => _interpreter;

    /// <summary>Renders a whole job onto fresh ideal paper; the result says what was skipped.</summary>
    public IdealPaper Render(byte[] job, out PrintJobResult result)
    {
        var paper = new IdealPaper(Limits.DotsPerLine);
        result = _interpreter.Print(job, 0, job.Length, paper, 0);
        return paper;
    }
}
