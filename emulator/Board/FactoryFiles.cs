using PosFirmware.Emulator.Peripherals;
using PosFirmware.Emulator.PrintHead;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// The data files a terminal leaves the factory with (firmware/Device/deploy.json puts the same files on
/// the device), read from the emulator's resources once per process and shared, read-only, by every board
/// that is built: a soak builds a board per run and per power cut, and the font alone is 775 KB.
/// </summary>
internal static class FactoryFiles
{
    private static readonly Lazy<byte[]> LoadedHeadProfile = new(() => System.Text.Encoding.UTF8.GetBytes(ProfileLibrary.Text(ProfileLibrary.Primary)));
    private static readonly Lazy<byte[]> LoadedFieldTable = new(PosFirmware.Emulator.Iso8583.FieldTables.DefaultBytes);
    private static readonly Lazy<byte[]> LoadedFont = new(() => PosFirmware.Emulator.Printing.PrinterFonts.Load(VirtualTerminal.FontResource));
    private static readonly Lazy<byte[]> LoadedScannerProfile = new(() => ScannerProfiles.Bytes(ScannerProfiles.DefaultProfile));
    private static readonly Lazy<byte[]> LoadedCodeTable = new(() => ScannerProfiles.Bytes(ScannerProfiles.CodeTable));

    /// <summary>The primary mechanism's profile file.</summary>
    public static byte[] HeadProfile => LoadedHeadProfile.Value;

    /// <summary>The acquirer's ISO 8583 field table.</summary>
    public static byte[] FieldTable => LoadedFieldTable.Value;

    /// <summary>The printer font.</summary>
    public static byte[] Font => LoadedFont.Value;

    /// <summary>The scan engine's profile.</summary>
    public static byte[] ScannerProfile => LoadedScannerProfile.Value;

    /// <summary>The payment-code table.</summary>
    public static byte[] CodeTable => LoadedCodeTable.Value;
}
