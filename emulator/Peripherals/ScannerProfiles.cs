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
        var reader = ScannerProfileFile.CreateReader(config ?? new ScannerConfig());
        return ScannerProfileFile.TryParse(reader, text, 0, text.Length, out var profile)
            ? profile
            : throw new InvalidDataException($"{fileName}: {reader.Message}");
    }

    /// <summary>The payment-code table (the embedded paycodes.table, the same file the device reads), parsed.</summary>
    public static PaymentCodeTable LoadTable(ScannerConfig? config = null)
    {
        config ??= new ScannerConfig();
        byte[] text = Bytes(CodeTable);
        var reader = PaymentCodeTableFile.CreateReader(config);
        return PaymentCodeTableFile.TryParse(reader, config, text, 0, text.Length, out var table)
            ? table
            : throw new InvalidDataException($"{CodeTable}: {reader.Message}");
    }
}
