namespace PosFirmware.Emulator.Scenarios;

/// <summary>A scenario file that cannot be run as written: the message names the file and line.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>An error at a line of a file.</summary>
    public ScenarioException(string file, int line, string message) : base($"{file}:{line}: {message}")
    {
        File = file;
        Line = line;
    }

    /// <summary>The scenario file.</summary>
    public string File { get; }

    /// <summary>The line (1-based).</summary>
    public int Line { get; }
}
