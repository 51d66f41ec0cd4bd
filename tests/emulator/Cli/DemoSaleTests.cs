using PosFirmware.Emulator.Cli;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

public class DemoSaleTests
{
    private static (string Output, string Display, byte[] Vcd) Run(ulong seed)
    {
        string dir = Path.Combine(Path.GetTempPath(), "posemu-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, DemoCommand.Run(new DemoOptions(seed, dir, 3.0, 1000), output));
            return (output.ToString(), File.ReadAllText(Path.Combine(dir, "display.txt")), File.ReadAllBytes(Path.Combine(dir, "demo.vcd")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_demo_keys_an_amount_scans_a_code_and_shows_the_display_history()
    {
        var (output, display, _) = Run(1);
        Assert.StartsWith("seed=1", output);
        Assert.Contains("sale request for the payment flow: CNY 12.34, WeChat code ", output);
        Assert.Contains("|SALE                |CNY 12.34           |", display);
        Assert.Contains("|Unknown code type   |", display);
        Assert.Contains("|PROCESSING          |CNY 12.34           |WeChat", display);
        Assert.Contains(display, output);
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
