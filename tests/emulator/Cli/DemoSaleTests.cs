using System.Text;
using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

public class DemoSaleTests
{
    private static (string Output, string Display, byte[] Vcd) Run(ulong seed, Action<string>? inspect = null)
    {
        string dir = Path.Combine(Path.GetTempPath(), "posemu-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, DemoCommand.Run(new DemoOptions(seed, dir, 3.0, 1000), output));
            inspect?.Invoke(dir);
            return (output.ToString(), File.ReadAllText(Path.Combine(dir, "display.txt")), File.ReadAllBytes(Path.Combine(dir, "demo.vcd")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static byte[] SigrokUart(string vcd, string wire, string annotation)
    {
        var result = ExternalTool.Run("sigrok-cli", new[] { "-I", "vcd", "-i", vcd, "-P", $"uart:{wire}=SCANNER_{wire.ToUpperInvariant()}:baudrate=9600", "-A", $"uart={annotation}" });
        Assert.Equal(0, result.ExitCode);
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Convert.ToByte(line.Split(':')[1].Trim(), 16))
            .ToArray();
    }

    [Fact]
    public void Sigrok_decodes_the_scanner_uart_in_the_demo_vcd_as_the_profile_commands_and_the_codes()
    {
        var profile = ScannerProfiles.Load(ScannerProfiles.DefaultProfile);
        Run(1, dir =>
        {
            string vcd = Path.Combine(dir, "demo.vcd");
            byte[] fromFirmware = SigrokUart(vcd, "tx", "tx-data");
            Assert.Equal(profile.TriggerCommand.Concat(profile.TriggerCommand).Concat(profile.StopCommand).ToArray(), fromFirmware);
            string fromScanner = Encoding.Latin1.GetString(SigrokUart(vcd, "rx", "rx-data"));
            string ack = Encoding.Latin1.GetString(profile.Ack);
            Assert.StartsWith(ack + "6901234567892\r" + ack, fromScanner);
            Assert.EndsWith("\r" + ack, fromScanner);
        });
    }

    [Fact]
    public void The_demo_keys_an_amount_scans_a_code_and_shows_the_display_history()
    {
        var (output, display, _) = Run(1);
        Assert.StartsWith("seed=1", output);
        Assert.Contains("sale 000001/000002 approved", output);
        Assert.Contains("|SALE                |CNY 12.34           |", display);
        Assert.Contains("|Unknown code type   |", display);
        Assert.Contains("|PROCESSING          |CNY 12.34           |WeChat", display);
        Assert.Contains("|APPROVED            |CNY 12.34           |Ref 000000000001", display);
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_files()
    {
        var a = Run(42);
        var b = Run(42);
        Assert.Equal(a.Display, b.Display);
        Assert.Equal(a.Vcd, b.Vcd);
    }
}
