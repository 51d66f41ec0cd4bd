using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Iso8583;

/// <summary>
/// The field tables the tools use: the shipped CUP POS file (embedded, the same bytes the terminal's
/// flash holds) or a file the user names with --fields. Both go through the firmware's own parser.
/// </summary>
public static class FieldTables
{
    /// <summary>The shipped table's file name (firmware/Iso8583/Tables).</summary>
    public const string DefaultFile = "cup-pos.fields";

    /// <summary>Largest table file a tool reads.</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>The shipped table file's bytes.</summary>
    public static byte[] DefaultBytes()
    {
        using var stream = typeof(FieldTables).Assembly.GetManifestResourceStream("FieldTables." + DefaultFile)
            ?? throw new InvalidOperationException($"{DefaultFile} is not embedded in the emulator");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The shipped CUP POS table, parsed from its file.</summary>
    public static FieldTable Default()
    {
        var bytes = DefaultBytes();
        var parser = new FieldTableParser();
        return parser.TryParse(bytes, 0, bytes.Length, out FieldTable table) ? table : throw new InvalidOperationException($"{DefaultFile}: {parser.Message}");
    }

    private static readonly Lazy<FieldTable> Shared = new(Default);

    /// <summary>
    /// The shipped table parsed once for the process, for users that only read it: every acquirer host of a
    /// soak would otherwise parse the same file again for each run. Callers must not change it (Default()
    /// gives a table of one's own).
    /// </summary>
    public static FieldTable SharedDefault => Shared.Value;

    /// <summary>The table in a file (null: the shipped one); null with the reason when it cannot be used.</summary>
    public static FieldTable? Load(string? path, out string? error)
    {
        error = null;
        if (path == null)
        {
            return Default();
        }
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = $"no field table at {path}";
                return null;
            }
            if (info.Length > MaxFileBytes)
            {
                error = $"{path} is {info.Length} bytes; a field table is at most {MaxFileBytes}";
                return null;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read {path}: {e.Message}";
            return null;
        }
        var parser = new FieldTableParser();
        if (!parser.TryParse(bytes, 0, bytes.Length, out FieldTable table))
        {
            error = $"{path}: {parser.Message}";
            return null;
        }
        return table;
    }
}
