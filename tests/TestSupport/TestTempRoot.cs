using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace PosFirmware.Tests.TestSupport;

/// <summary>
/// Gives the test run one temporary folder of its own and removes it when the run ends. Tests make their
/// folders with the usual calls (Directory.CreateTempSubdirectory, Path.GetTempPath); those read TMPDIR,
/// and so do the tools the tests start (zbarimg, Chromium, sigrok, the emulator as a child process), so one
/// setting here keeps every file of the run in one place, and a run leaves nothing behind in /tmp.
/// KEEP_TEST_TEMP=1 keeps the folder (its path is <see cref="Path"/>).
/// </summary>
public static class TestTempRoot
{
    private const string Prefix = "posfirmware-tests-";

    /// <summary>The run's folder.</summary>
    public static string Path { get; private set; } = "";

    [ModuleInitializer]
    internal static void Install()
    {
        string machineTemp = System.IO.Path.GetTempPath();
        SweepAbandoned(machineTemp);
        string root = Directory.CreateTempSubdirectory(Prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-").FullName;
        Path = root;
        Environment.SetEnvironmentVariable("TMPDIR", root + System.IO.Path.DirectorySeparatorChar);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(root);
    }

    /// <summary>
    /// Removes the folders of runs whose process is gone: a run killed part-way, or one whose child process
    /// (a browser) still held a file when it ended, leaves its folder to the next run.
    /// </summary>
    private static void SweepAbandoned(string machineTemp)
    {
        foreach (string folder in Directory.GetDirectories(machineTemp, Prefix + "*"))
        {
            string name = System.IO.Path.GetFileName(folder);
            int dash = name.IndexOf('-', Prefix.Length);
            if (dash < 0 || !int.TryParse(name.AsSpan(Prefix.Length, dash - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }
            if (!IsRunning(pid))
            {
                Remove(folder);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Remove(string root)
    {
        if (Environment.GetEnvironmentVariable("KEEP_TEST_TEMP") == "1")
        {
            return;
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A child process still holding a file: the next run's sweep removes the folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
