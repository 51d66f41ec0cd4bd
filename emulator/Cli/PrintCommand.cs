using System.CommandLine;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.Emulator.Reports;
using PosFirmware.Print;
using PosFirmware.Print.Text;
using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu print FILE.bin --out FILE.png [--head LTPD245C|JX-2R-01|ideal] [--encoding gb18030|utf-8]`: renders
/// an ESC/POS file to a PNG (one pixel per dot) through the full path: the firmware's interpreter, the head
/// driver and the head model of the mechanism. `--head ideal` shows the interpreter's dot lines on perfect
/// paper instead. `--encoding` sets the text encoding the printer starts in (GB18030, Chinese mode, by default).
/// </summary>
public static class PrintCommand
{
    /// <summary>The --head value that selects ideal paper.</summary>
    public const string Ideal = "ideal";

    private const string EncodingProblem = "--encoding must be gb18030, utf-8 or single-byte";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("file") { Description = "ESC/POS file to print" };
        var output = new Option<string>("--out") { Description = "PNG to write", Required = true };
        var head = new Option<string>("--head")
        {
            Description = $"mechanism to print on ({string.Join(", ", ProfileLibrary.Names())}) or '{Ideal}' for perfect paper",
            DefaultValueFactory = _ => ProfileLibrary.Primary,
        };
        var margin = new Option<int>("--margin") { Description = "white margin around the paper in the PNG, in dots", DefaultValueFactory = _ => 16 };
        var encoding = new Option<string>("--encoding")
        {
            Description = "text encoding at power-on and after ESC @: gb18030 (Chinese mode on), utf-8 or single-byte",
            DefaultValueFactory = _ => "gb18030",
        };
        var command = new Command("print", "Render an ESC/POS file to a PNG through the interpreter, head driver and head model") { input, output, head, margin, encoding };
        var conditions = new HeadConditions();
        conditions.AddTo(command);
        var vcd = new Option<string?>("--vcd") { Description = "also write the job's trace (DI/CLK, LAT, strobes, motor, sensors, V/I/T, violations) as VCD at 1 ns" };
        command.Options.Add(vcd);
        var report = new Option<string?>("--report") { Description = "also write the job's timing report (report.txt, report.json, report-*.svg) to this folder" };
        command.Options.Add(report);
        command.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(head)!, parse.GetValue(margin), Console.Out,
            conditions.Read(parse), parse.GetValue(vcd), parse.GetValue(report), parse.GetValue(encoding)!));
        return command;
    }

    /// <summary>
    /// Renders the file on a head under the given conditions (profile file, supply, source, temperature,
    /// energy), optionally writing the VCD trace of the job with its violations marked; returns the exit code.
    /// </summary>
    public static int Run(string inputPath, string outputPath, string head, int marginDots, TextWriter console, HeadConditions.Values conditions, string? vcdPath,
        string? reportFolder = null, string encoding = "gb18030")
    {
        bool plain = conditions.ProfileFile == null && conditions.SupplyVolts == null && conditions.SourceOhms == null
            && conditions.HeadCelsius == null && conditions.EnergyPercent == null && conditions.CpuModel == null && vcdPath == null && reportFolder == null;
        if (plain)
        {
            return Run(inputPath, outputPath, head, marginDots, console, encoding);
        }
        string? problem = conditions.Problem();
        if (problem == null && TextEncoding.Parse(encoding) < 0)
        {
            problem = EncodingProblem;
        }
        if (problem == null && !File.Exists(inputPath))
        {
            problem = $"no such file: {inputPath}";
        }
        if (problem == null && (marginDots < 0 || marginDots > 1000))
        {
            problem = "--margin must be in [0, 1000]";
        }
        if (problem == null && conditions.ProfileFile == null && !ProfileLibrary.Names().Contains(head))
        {
            problem = $"--head must be one of {string.Join(", ", ProfileLibrary.Names())} with these options (or give --profile FILE)";
        }
        if (problem != null)
        {
            console.WriteLine("error: " + problem);
            return 2;
        }
        MechanismProfile profile;
        try
        {
            profile = conditions.LoadProfile() ?? ProfileLibrary.Load(head);
        }
        catch (InvalidDataException e)
        {
            console.WriteLine("error: " + e.Message);
            return 2;
        }
        byte[] job = File.ReadAllBytes(inputPath);
        var options = conditions.PrinterOptions(traceAnalog: vcdPath != null || reportFolder != null, traceSpiBits: vcdPath != null);
        var renderer = new HeadRenderer(profile, limits: new PrintLimits { PowerOnEncoding = TextEncoding.Parse(encoding) }, options: options);
        if (vcdPath == null && reportFolder == null)
        {
            renderer.Board.Trace.Enabled = false;
        }
        var result = renderer.Print(job);
        try
        {
            CreateFolderOf(outputPath);
            renderer.SavePng(outputPath, marginDots);
            if (vcdPath != null)
            {
                CreateFolderOf(vcdPath);
                renderer.Board.WriteVcd(vcdPath, 1);
            }
            if (reportFolder != null)
            {
                var timing = TimingReport.Of(renderer.Printer);
                timing.Write(reportFolder);
                renderer.Board.WriteVcd(Path.Combine(reportFolder, "print.vcd"), 1);
                RunReport.Write(reportFolder, Record(inputPath, job.Length, result, renderer, profile, conditions.Describe(options), timing));
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            console.WriteLine("error: " + e.Message);
            return 1;
        }
        var printer = renderer.Printer;
        double seconds = renderer.Board.Clock.NowNanos / 1e9;
        console.WriteLine(Describe(job.Length, result) + $"; {profile.Name} head at {conditions.Describe(options)}, {seconds:F2} virtual s, " +
            $"{renderer.Resumes} resumes, {printer.Checker.Summary()} -> {outputPath}");
        console.WriteLine($"paper: {printer.Paper.Firings} dot firings, {printer.Paper.Faded} faded, {printer.Paper.Smears} smeared; " +
            $"effective energy {printer.Head.EffectiveEnergy.Min:F2}..{printer.Head.EffectiveEnergy.Max:F2} of the paper's reference");
        if (reportFolder != null)
        {
            console.WriteLine($"report -> {Path.Combine(reportFolder, "report.html")} (with summary.json, the paper under receipts/, print.vcd, and the timing report as report.txt, report.json, report-*.svg)");
        }
        if (printer.Cpu != null)
        {
            console.WriteLine($"cpu ({printer.Cpu.Costs.Name}): {printer.Cpu.ChargedMicros / 1000:F1} ms charged; busy {printer.Cpu.LineShare.Mean * 100:F0} % of a dot line on average, {printer.Cpu.LineShare.Max * 100:F0} % at most");
        }
        if (vcdPath != null)
        {
            console.WriteLine($"trace: {renderer.Board.Trace.Changes.Count} changes, 1 ns timescale -> {vcdPath}");
            foreach (var v in printer.Violations)
            {
                console.WriteLine($"violation at {v.AtNanos} ns: {v.Rule}: {v.Detail}");
            }
        }
        return result.Completed ? 0 : 1;
    }

    // The job as the one report writer shows every run: its paper, the head's plots, the timing report.
    private static RunRecord Record(string inputPath, int jobBytes, PrintJobResult result, HeadRenderer renderer, MechanismProfile profile, string conditions, TimingReport timing)
    {
        var printer = renderer.Printer;
        var head = new HeadSeries();
        head.ReadTrace(printer, analogFromTrace: true);
        var paper = new PaperImage(printer.Paper.Width, printer.Paper.Height, printer.Paper.ToGray());
        var record = new RunRecord
        {
            Command = "print",
            Title = $"posemu print {Path.GetFileName(inputPath)}",
            Passed = result.Completed && printer.Checker.Total == 0,
            About = $"{inputPath} on the {profile.Name} head at {conditions}.",
            Roll = printer.Paper.Height > 0 ? paper : null,
            Head = head,
            TimingSummary = printer.Checker.Summary(),
            TimingDetail = timing.ToText(),
            Vcd = "print.vcd",
        };
        if (printer.Paper.Height > 0)
        {
            record.Receipts.Add(paper);
        }
        record.Facts["file"] = inputPath;
        record.Facts["head"] = profile.Name;
        record.Facts["conditions"] = conditions;
        record.Facts["jobBytes"] = jobBytes;
        record.Facts["dotLines"] = result.DotLinesDone;
        record.Facts["completed"] = result.Completed;
        record.Facts["virtualSeconds"] = Math.Round(renderer.Board.Clock.NowNanos / 1e9, 6);
        record.Facts["resumes"] = renderer.Resumes;
        record.Facts["unknownCommands"] = result.UnknownCommands;
        record.Facts["malformedCommands"] = result.MalformedCommands;
        record.Log.Add(Describe(jobBytes, result));
        if (!result.Completed)
        {
            record.Failures.Add(Verdict(result));
        }
        record.Violations.AddRange(printer.Violations.Select(v => v.ToString()));
        return record;
    }

    private static void CreateFolderOf(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null)
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Renders the file; returns the process exit code (0 printed, 1 not all printed, 2 bad arguments).</summary>
    public static int Run(string inputPath, string outputPath, string head, int marginDots, TextWriter console, string encoding = "gb18030")
    {
        int powerOnEncoding = TextEncoding.Parse(encoding);
        if (powerOnEncoding < 0)
        {
            console.WriteLine("error: " + EncodingProblem);
            return 2;
        }
        var limits = new PrintLimits { PowerOnEncoding = powerOnEncoding };
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
        if (head != Ideal && !ProfileLibrary.Names().Contains(head))
        {
            console.WriteLine($"error: --head must be one of {string.Join(", ", ProfileLibrary.Names())} or {Ideal}");
            return 2;
        }
        byte[] job = File.ReadAllBytes(inputPath);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (folder != null)
        {
            Directory.CreateDirectory(folder);
        }
        PrintJobResult result;
        string path;
        if (head == Ideal)
        {
            var paper = new EscPosRenderer(limits).Render(job, out result);
            paper.SavePng(outputPath, marginDots);
            path = "ideal paper";
        }
        else
        {
            var renderer = new HeadRenderer(head, limits: limits);
            result = renderer.Print(job);
            renderer.SavePng(outputPath, marginDots);
            double seconds = renderer.Board.Clock.NowNanos / 1e9;
            path = $"{head} head, {seconds:F2} virtual s, {renderer.Resumes} resumes, {renderer.Printer.Checker.Summary()}";
        }
        console.WriteLine(Describe(job.Length, result) + $"; {path} -> {outputPath}");
        return result.Completed ? 0 : 1;
    }

    /// <summary>
    /// One line saying what the interpreter did with a job. It opens with the verdict the exit code gives:
    /// "printed" (exit 0) or "not all printed" and why (exit 1), so the message and the code tell one story.
    /// </summary>
    public static string Describe(int jobBytes, PrintJobResult result) =>
        Verdict(result) + $": {jobBytes} bytes, {result.DotLinesDone} dot lines ({result.DotLinesDone / 8.0:F1} mm)" +
        $"; skipped: {result.UnknownCommands} unknown, {result.MalformedCommands} malformed, {result.IgnoredCommands} ignored commands; " +
        $"{result.ReplacedCharacters} replaced characters, {result.ClampedRequests} clamped requests, {result.RefusedCodes} refused codes" +
        (result.SubstitutedQrModels > 0 ? $", {result.SubstitutedQrModels} QR model 1 requests printed as model 2" : "") +
        (result.RefusedImages > 0 ? $", {result.RefusedImages} NV images refused (flash budget)" : "");

    private static string Verdict(PrintJobResult result)
    {
        if (result.Completed)
        {
            return "printed";
        }
        return result.LineLimitReached
            ? $"not all printed: stopped at the limit of {new PrintLimits().MaxJobDotLines} dot lines"
            : $"not all printed: the head stopped the job ({result.Status})";
    }
}
