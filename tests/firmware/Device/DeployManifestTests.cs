using System.Text.Json;
using PosFirmware.Emulator.Board;
using PosFirmware.Terminal;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Firmware.Device;

/// <summary>firmware/Device/deploy.json puts on the device's I:\ exactly the files the firmware reads and the emulator provisions.</summary>
public class DeployManifestTests
{
    /// <summary>The littlefs config partition of the terminal's 8 MB layout (docs/platform.md, storage), shared with network config and certificates.</summary>
    private static readonly int ConfigPartitionBytes = PosFirmware.Emulator.Storage.Esp32FlashLayout.Terminal.ConfigBytes;

    private static List<(string Destination, string Source)> Entries()
    {
        string root = GoldenImage.RepositoryRoot();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "firmware", "Device", "deploy.json")));
        return doc.RootElement.GetProperty("files").EnumerateArray()
            .Select(f => (f.GetProperty("DestinationFilePath").GetString()!, f.GetProperty("SourceFilePath").GetString()!))
            .ToList();
    }

    [Fact]
    public void The_manifest_deploys_every_file_the_firmware_reads_and_nothing_else()
    {
        var config = new TerminalConfig();
        var names = Entries().Select(e => e.Destination).ToList();
        Assert.All(names, n => Assert.StartsWith("I:\\", n));
        Assert.Equal(
            new[] { config.FieldTableFile, config.PaymentCodeTableFile, config.PrintFontFile, config.PrintHeadProfileFile, config.ScannerProfileFile, PosFirmware.Device.AcquirerConfigFile.FileName }.OrderBy(n => n, StringComparer.Ordinal),
            names.Select(n => n[3..]).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void The_deployed_files_are_the_ones_the_virtual_terminal_boots_on_and_fit_the_config_partition()
    {
        string root = GoldenImage.RepositoryRoot();
        var flash = new VirtualTerminal(1).Board.Flash.Snapshot();
        long total = 0;
        foreach (var (destination, source) in Entries())
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(root, source.Replace('\\', Path.DirectorySeparatorChar)));
            total += bytes.Length;
            if (destination[3..] == PosFirmware.Device.AcquirerConfigFile.FileName)
            {
                continue; // read by the device's Program only: the emulator's link is its own network model
            }
            Assert.True(bytes.AsSpan().SequenceEqual(flash[destination[3..]]), $"{source} differs from the emulator's {destination}");
        }
        // 800,602 bytes with the full font; the rest of the 2 MB partition is for the journal, boot record, NV logos and network config
        // (DeviceFontTests fills it).
        Assert.InRange(total, 1, ConfigPartitionBytes / 2);
    }

    [Fact]
    public void The_wifi_manifest_deploys_only_the_credentials_file_from_the_ignored_local_copy()
    {
        string root = GoldenImage.RepositoryRoot();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "firmware", "Device", "wifi.deploy.json")));
        var entry = Assert.Single(doc.RootElement.GetProperty("files").EnumerateArray());

        Assert.Equal("I:\\" + PosFirmware.Device.WifiConfigFile.FileName, entry.GetProperty("DestinationFilePath").GetString());
        Assert.Equal("firmware\\Device\\" + PosFirmware.Device.WifiConfigFile.FileName, entry.GetProperty("SourceFilePath").GetString());
        // The passphrase never reaches the repository: the local copy is ignored, and only the example is committed.
        Assert.Contains(PosFirmware.Device.WifiConfigFile.FileName, File.ReadAllLines(Path.Combine(root, "firmware", "Device", ".gitignore")));
        Assert.True(File.Exists(Path.Combine(root, "firmware", "Device", "wifi.config.example")));
    }
}
