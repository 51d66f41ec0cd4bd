namespace PosFirmware.Emulator.Storage;

/// <summary>
/// One of the flash layouts nanoFramework publishes for the ESP32 (nf-interpreter,
/// targets/ESP32/_IDF/esp32/partitions_nanoclr_4mb.csv, _8mb.csv, _16mb.csv): the managed-code deployment
/// area and the littlefs `config` partition that is the firmware's I:\ drive. nanoff writes the table that
/// matches the flash size it detects on the module, or the one `--partitiontablesize` names
/// (nanoFirmwareFlasher, Esp32Firmware.cs). Sources and figures: docs/platform.md, storage.
/// </summary>
public sealed record Esp32FlashLayout(string Name, int FlashBytes, int DeployBytes, int ConfigBytes)
{
    /// <summary>4 MB modules: 1856 KB for managed code, 256 KB config partition.</summary>
    public static readonly Esp32FlashLayout Flash4Mb = new("4 MB", 4 << 20, 0x1D0000, 0x40000);

    /// <summary>8 MB modules (e.g. ESP32-WROVER-E N8R8): 2816 KB for managed code, 2 MB config partition.</summary>
    public static readonly Esp32FlashLayout Flash8Mb = new("8 MB", 8 << 20, 0x2C0000, 0x200000);

    /// <summary>16 MB modules: 2816 KB for managed code, 3 MB config partition.</summary>
    public static readonly Esp32FlashLayout Flash16Mb = new("16 MB", 16 << 20, 0x2C0000, 0x300000);

    /// <summary>
    /// The smallest module the terminal runs on, and the one the emulator models: the full GB18030 font
    /// (775 KB) and the journal need more than the 4 MB layout's 256 KB config partition.
    /// </summary>
    public static readonly Esp32FlashLayout Terminal = Flash8Mb;
}
