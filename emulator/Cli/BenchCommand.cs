using System.CommandLine;
using PosFirmware.Emulator.Bench;
using PosFirmware.Emulator.PrintHead;

namespace PosFirmware.Emulator.Cli;

/// <summary>`posemu bench [--json FILE]`: runs the benchmarks in one go, prints a table and writes the same rows as JSON.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = new Option<string?>("--json") { Description = "also write the figures as JSON to this file" };
        var seed = new Option<ulong>("--seed") { Description = "seed of the benchmark pages", DefaultValueFactory = _ => 1 };
        var command = new Command("bench", "Run the benchmarks and print their figures") { json, seed };
        var conditions = new HeadConditions();
        conditions.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(seed), parse.GetValue(json), Console.Out, conditions.Read(parse)));
        return command;
    }

    /// <summary>Runs the benchmarks under the given print-head conditions; returns the exit code (2: bad conditions).</summary>
    public static int Run(ulong seed, string? jsonPath, TextWriter output, HeadConditions.Values conditions)
    {
        string? problem = conditions.Problem();
        PrintHeadBenchOptions options;
        try
        {
            options = problem == null ? conditions.BenchOptions() : new PrintHeadBenchOptions();
        }
        catch (InvalidDataException e)
        {
            problem = e.Message;
            options = new PrintHeadBenchOptions();
        }
        if (problem != null)
        {
            output.WriteLine("error: " + problem);
            return 2;
        }
        output.WriteLine($"seed={seed}");
        var report = new BenchReport();
        PrintHeadBench.Run(report, seed, output, options);
        output.WriteLine();
        report.WriteTable(output);
        if (jsonPath != null)
        {
            report.WriteJson(jsonPath);
            output.WriteLine($"json -> {jsonPath}");
        }
        return 0;
    }

    /// <summary>Runs the benchmarks; returns the exit code.</summary>
    public static int Run(ulong seed, string? jsonPath, TextWriter output)
    {
        output.WriteLine($"seed={seed}");
        var report = new BenchReport();
        PrintHeadBench.Run(report, seed, output);
        output.WriteLine();
        report.WriteTable(output);
        if (jsonPath != null)
        {
            report.WriteJson(jsonPath);
            output.WriteLine($"json -> {jsonPath}");
        }
        return 0;
    }
}
