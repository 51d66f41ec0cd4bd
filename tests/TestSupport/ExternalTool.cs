using System.Diagnostics;

namespace PosFirmware.Tests.TestSupport;

/// <summary>Runs a command-line tool (sigrok-cli, zbarimg) with a time limit, for tests that check outputs with real readers.</summary>
public static class ExternalTool
{
    /// <summary>The result of a run.</summary>
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    /// <summary>True if the tool is on the PATH.</summary>
    public static bool IsInstalled(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, name)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Runs the tool; fails with a clear message if it is missing or exceeds the time limit.</summary>
    public static Result Run(string name, IEnumerable<string> arguments, int timeoutMillis = 30_000)
    {
        if (!IsInstalled(name))
        {
            throw new InvalidOperationException($"{name} is not installed: run .ci/run or apt-get install the package that provides it");
        }
        var info = new ProcessStartInfo(name)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMillis))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish within {timeoutMillis} ms");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
