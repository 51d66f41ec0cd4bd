using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Print;
using PosFirmware.Print.Interpreter;
using PosFirmware.PrintHead;
using PosFirmware.Printing;

namespace PosFirmware.Emulator.Printing;

/// <summary>
/// Prints an ESC/POS job through the full path: the firmware's interpreter, the thermal head driver and
/// the head, motor and paper models of a mechanism on a virtual board. Faults that clear by themselves
/// (overheat, motor rest) are waited out in virtual time and the job resumes at the faulted dot line, as
/// the firmware does; any other fault ends the job.
/// </summary>
public sealed class HeadRenderer
{
    /// <summary>Most resumes of one job (each after a self-clearing fault).</summary>
    public const int MaxResumes = 1000;

    /// <summary>Virtual time waited before each resume.</summary>
    public const long ResumeWaitMicros = 100_000;

    private readonly EscPosInterpreter _interpreter;

    /// <summary>A renderer on a fresh board with the given mechanism (LTPD245C by default).</summary>
    public HeadRenderer(string profileName = ProfileLibrary.Primary, ulong seed = 1, PrintLimits? limits = null, VirtualPrinterOptions? options = null)
    {
        Limits = limits ?? new PrintLimits();
        Board = new VirtualBoard(seed);
        Printer = new VirtualPrinter(Board, ProfileLibrary.Load(profileName), options);
        _interpreter = new EscPosInterpreter(PrinterFonts.Open(), Limits);
    }

    /// <summary>A renderer on a fresh board with a mechanism given as a profile (a file the user brought, say).</summary>
    public HeadRenderer(MechanismProfile profile, ulong seed = 1, PrintLimits? limits = null, VirtualPrinterOptions? options = null)
    {
        Limits = limits ?? new PrintLimits();
        Board = new VirtualBoard(seed);
        Printer = new VirtualPrinter(Board, profile, options);
        _interpreter = new EscPosInterpreter(PrinterFonts.Open(), Limits);
    }

    /// <summary>The board the printer is on (its clock has the print's virtual time).</summary>
    public VirtualBoard Board { get; }

    /// <summary>The printer: head model, paper, timing checker and the firmware's driver.</summary>
    public VirtualPrinter Printer { get; }

    /// <summary>The interpreter's limits.</summary>
    public PrintLimits Limits { get; }

    /// <summary>Resumes the last job needed.</summary>
    public int Resumes { get; private set; }

    /// <summary>Prints the job; returns the last run's result (DotLinesDone counts from the job's start).</summary>
    public PrintJobResult Print(byte[] job)
    {
        Resumes = 0;
        var result = _interpreter.Print(job, 0, job.Length, Printer.Sink, 0);
        while ((result.Status == PrintStatus.Overheat || result.Status == PrintStatus.MotorRest) && Resumes < MaxResumes)
        {
            Board.Clock.DelayMicros(ResumeWaitMicros);
            Resumes++;
            result = _interpreter.Print(job, 0, job.Length, Printer.Sink, result.DotLinesDone);
        }
        return result;
    }

    /// <summary>The paper as gray pixels with a white margin on every side (zbar wants a quiet zone).</summary>
    public byte[] ToPixels(int marginDots, out int width, out int height)
    {
        byte[] paper = Printer.PaperBitmap(out int paperHeight);
        int paperWidth = Printer.Width;
        width = paperWidth + 2 * marginDots;
        height = paperHeight + 2 * marginDots;
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        for (int y = 0; y < paperHeight; y++)
        {
            Array.Copy(paper, y * paperWidth, pixels, (y + marginDots) * width + marginDots, paperWidth);
        }
        return pixels;
    }

    /// <summary>Writes the printed paper as a PNG with a white margin.</summary>
    public void SavePng(string path, int marginDots = 16)
    {
        var pixels = ToPixels(marginDots, out int width, out int height);
        PngWriter.WriteGray(path, width, height, pixels);
    }
}
