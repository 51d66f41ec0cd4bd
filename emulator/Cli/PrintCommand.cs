using System.CommandLine;
using PosFirmware.Emulator.Printing;
using PosFirmware.Printing;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu print FILE.bin --out FILE.png`: renders an ESC/POS file through the firmware's interpreter to a
/// PNG (one pixel per dot), so a receipt can be previewed and checked.
/// </summary>
public static class PrintCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("file") { Description = "ESC/POS file to print" };
        var output = new Option<string>("--out") { Description = "PNG to write", Required = true };
        var margin = new Option<int>("--margin") { Description = "white margin around the paper in the PNG, in dots", DefaultValueFactory = _ => 16 };
        var command = new Command("print", "Render an ESC/POS file to a PNG through the firmware's interpreter") { input, output, margin };
        command.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(margin), Console.Out));
        return command;
    }

    /// <summary>Renders the file; returns the process exit code (0 printed, 1 not all printed, 2 bad arguments).</summary>
    public static int Run(string inputPath, string outputPath, int marginDots, TextWriter console)
    {
        if (!File.Exists(inputPath))
        {
            console.WriteLine($"error: no such file: {inputPath}");
            return 2;
        }
        if (marginDots < 0 || marginDots > 1000)
        {
            console.WriteLine("error: --margin must be in [0, 1000]");
            return 2;
        }
        byte[] job = File.ReadAllBytes(inputPath);
        var renderer = new EscPosRenderer();
        var paper = renderer.Render(job, out PrintJobResult result);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (folder != null)
        {
            Directory.CreateDirectory(folder);
        }
        paper.SavePng(outputPath, marginDots);
        console.WriteLine(Describe(job.Length, result) + $" -> {outputPath}");
        return result.Completed ? 0 : 1;
    }

    /// <summary>One line saying what the interpreter did with a job.</summary>
    public static string Describe(int jobBytes, PrintJobResult result) =>
        $"{jobBytes} bytes: {result.DotLinesDone} dot lines ({result.DotLinesDone / 8.0:F1} mm), status {result.Status}" +
        (result.LineLimitReached ? ", stopped at the line limit" : "") +
        $"; skipped: {result.UnknownCommands} unknown, {result.MalformedCommands} malformed, {result.IgnoredCommands} ignored commands; " +
        $"{result.ReplacedCharacters} replaced characters, {result.ClampedRequests} clamped requests";
}
