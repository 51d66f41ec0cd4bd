namespace PosFirmware.Emulator.Cli;

/// <summary>
/// Where a command that writes many files puts them. It takes a new or empty folder, or one the same command
/// wrote before (marked by <see cref="MarkerFile"/>), whose files it replaces and says so. Any other folder
/// is refused, so a mistyped --out never overwrites files the command did not write.
/// </summary>
public static class OutputFolder
{
    /// <summary>The file that marks a folder as a command's output; it holds the command's name.</summary>
    public const string MarkerFile = ".posemu-output";

    /// <summary>Creates or reuses the folder for a command's output; on refusal writes why and returns false.</summary>
    public static bool TryClaim(string folder, string command, TextWriter output)
    {
        try
        {
            string marker = Path.Combine(folder, MarkerFile);
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                if (!File.Exists(marker) || File.ReadAllText(marker).Trim() != command)
                {
                    output.WriteLine($"error: --out {folder} holds files that `posemu {command}` did not write; name a new or empty folder");
                    return false;
                }
                output.WriteLine($"replacing the outputs of an earlier `posemu {command}` in {folder}");
            }
            Directory.CreateDirectory(folder);
            File.WriteAllText(marker, command + "\n");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: --out {folder}: {e.Message}");
            return false;
        }
    }
}
