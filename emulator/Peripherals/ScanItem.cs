using System.Text;

namespace PosFirmware.Emulator.Peripherals;

/// <summary>One thing presented to the scanner model: a code, possibly with a fault.</summary>
public sealed record ScanItem(ScanFault Fault, string Code, int Count, byte[]? Bytes)
{
    /// <summary>A clean read of code.</summary>
    public static ScanItem Of(string code) => new(ScanFault.None, code, 0, null);

    /// <summary>count random bytes and no terminator.</summary>
    public static ScanItem Noise(int count) => new(ScanFault.Noise, "", count, null);

    /// <summary>code with count of its bytes dropped on the wire.</summary>
    public static ScanItem Dropped(string code, int count) => new(ScanFault.DroppedBytes, code, count, null);

    /// <summary>The first keepBytes of code, and no terminator.</summary>
    public static ScanItem Truncated(string code, int keepBytes) => new(ScanFault.Truncated, code, keepBytes, null);

    /// <summary>A trigger that decodes nothing.</summary>
    public static ScanItem NoRead() => new(ScanFault.NoRead, "", 0, null);

    /// <summary>Exactly these bytes (the script adds any terminator itself).</summary>
    public static ScanItem Raw(byte[] bytes) => new(ScanFault.Raw, "", bytes.Length, bytes);

    /// <summary>A short description for logs.</summary>
    public override string ToString() => Fault switch
    {
        ScanFault.None => $"code {Code}",
        ScanFault.Noise => $"noise x{Count}",
        ScanFault.DroppedBytes => $"code {Code} dropping {Count} bytes",
        ScanFault.Truncated => $"code {Code} cut after {Count} bytes",
        ScanFault.NoRead => "no read",
        _ => $"raw {Convert.ToHexString(Bytes ?? Array.Empty<byte>())}",
    };

    internal static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
