using System.Reflection;
using PosFirmware.Scanner;

namespace PosFirmware.Emulator.Peripherals;

/// <summary>
/// The data files of drivers/Scanner/Profiles, embedded in posemu: the engine profiles and the
/// payment-code table the virtual terminal puts on its flash, parsed with the firmware's own parsers.
/// </summary>
public static class ScannerProfiles
{
    /// <summary>The profile the terminal is built with.</summary>
    public const string DefaultProfile = "gm65.profile";

    /// <summary>The payment-code table file.</summary>
    public const string CodeTable = "paycodes.table";

    /// <summary>The bytes of an embedded profile file (e.g. "gm65.profile").</summary>
    public static byte[] Bytes(string fileName)
    {
        using Stream? stream = typeof(ScannerProfiles).Assembly.GetManifestResourceStream("ScannerProfiles." + fileName);
        if (stream == null)
        {
            throw new FileNotFoundException($"no embedded scanner profile '{fileName}'");
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The names of the embedded files.</summary>
    public static string[] Names() => typeof(ScannerProfiles).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("ScannerProfiles.", StringComparison.Ordinal))
        .Select(n => n["ScannerProfiles.".Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>An embedded profile, parsed; throws with the parser's message if it is bad.</summary>
    public static ScannerProfile Load(string fileName, ScannerConfig? config = null)
    {
        byte[] text = Bytes(fileName);
        var parser = new ScannerProfileParser(config ?? new ScannerConfig());
        return parser.Parse(text, 0, text.Length) ?? throw new InvalidDataException($"{fileName}: {parser.Error}");
    }
}
