using PosFirmware.Device;
using Xunit;

namespace PosFirmware.Tests.Firmware.Device;

/// <summary>The board's pin map: every signal on its own pin, nothing on the module's reserved pins, outputs only where the ESP32 can drive.</summary>
public class PinMapTests
{
    /// <summary>ESP32 pads that are inputs only (no output driver, no internal pulls).</summary>
    private static readonly int[] InputOnly = { 34, 35, 36, 37, 38, 39 };

    private static readonly string[] MotorSignals = { "HEAD_MT_A", "HEAD_MT_B", "HEAD_MT_nA", "HEAD_MT_nB" };

    private static (string Signal, int Pin, bool Output)[] Signals()
    {
        var list = new List<(string, int, bool)>
        {
            ("HEAD_VH_EN", PinMap.HeadPowerEnable, true),
            ("SCANNER_RX", PinMap.ScannerRx, false),
            ("SCANNER_TX", PinMap.ScannerTx, true),
            ("HEAD_DI", PinMap.HeadData, true),
            ("HEAD_CLK", PinMap.HeadClock, true),
            ("HEAD_LAT", PinMap.HeadLatch, true),
            ("HEAD_TM", PinMap.HeadThermistorPin, false),
            ("HEAD_VP", PinMap.HeadSupplyPin, false),
            ("HEAD_PS", PinMap.HeadPaperSensor, false),
            ("HEAD_HS", PinMap.HeadPlatenSwitch, false),
            ("I2C_SDA", PinMap.I2cData, true),
            ("I2C_SCL", PinMap.I2cClock, true),
        };
        for (int i = 0; i < PinMap.HeadStrobes.Length; i++)
        {
            list.Add(("HEAD_STB" + (i + 1), PinMap.HeadStrobes[i], true));
        }
        for (int i = 0; i < PinMap.HeadMotor.Length; i++)
        {
            list.Add((MotorSignals[i], PinMap.HeadMotor[i], true));
        }
        return list.ToArray();
    }

    [Fact]
    public void No_two_signals_share_a_pin()
    {
        var shared = Signals().GroupBy(s => s.Pin).Where(g => g.Count() > 1).Select(g => g.Key + ": " + string.Join(", ", g.Select(s => s.Signal)));

        Assert.Empty(shared);
    }

    [Fact]
    public void Nothing_sits_on_flash_psram_or_the_debug_port_and_outputs_avoid_input_only_pins()
    {
        foreach (var (signal, pin, output) in Signals())
        {
            Assert.InRange(pin, 0, 39);
            Assert.DoesNotContain(pin, PinMap.Reserved);
            if (output)
            {
                Assert.False(InputOnly.Contains(pin), signal + " drives input-only GPIO" + pin);
            }
        }
    }

    [Fact]
    public void The_unused_spi_input_is_parked_on_an_input_only_pin_and_the_adc_pins_match_their_channels()
    {
        // SPI1 MISO is never read; it is parked on an input-only pin so it drives nothing.
        Assert.Contains(PinMap.HeadSpiMiso, InputOnly);
        // ADC1 channel 0 is GPIO36 and channel 3 is GPIO39 (ESP32 datasheet, pin list).
        Assert.Equal((0, 36), (PinMap.HeadThermistorAdcChannel, PinMap.HeadThermistorPin));
        Assert.Equal((3, 39), (PinMap.HeadSupplyAdcChannel, PinMap.HeadSupplyPin));
        Assert.NotEqual(PinMap.KeypadExpanderAddress, PinMap.DisplayBackpackAddress);
    }

    [Fact]
    public void The_readme_wiring_table_names_every_pin_of_the_map()
    {
        var readme = File.ReadAllText(Path.Combine(PosFirmware.Tests.Guard.SharedSources.FindRepositoryRoot(), "firmware", "Device", "README.md"));

        foreach (var (signal, pin, _) in Signals())
        {
            Assert.Contains("| " + signal + " | " + pin + " |", readme, StringComparison.Ordinal);
        }
    }
}
