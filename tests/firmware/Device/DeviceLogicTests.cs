using PosFirmware.Device;
using PosFirmware.Hal;
using Xunit;

namespace PosFirmware.Tests.Firmware.Device;

/// <summary>The device adapters' logic that needs no hardware, tested on the host as the device compiles it.</summary>
public class DeviceLogicTests
{
    /// <summary>
    /// nanoFramework's TransmitterChannel serializes an RmtCommand as: byte 0 = duration0 % 256, byte 1 =
    /// (level0 ? 128 : 0) + duration0 / 256, then the same for duration1 (its SerializeCommands). Restated
    /// here independently, so the prebuilt item equals what Send would have produced.
    /// </summary>
    [Theory]
    [InlineData(1, true, 1, false)]
    [InlineData(255, true, 1, false)]
    [InlineData(256, true, 1, false)]
    [InlineData(480, true, 1, false)]
    [InlineData(32767, false, 300, true)]
    public void An_rmt_item_is_written_as_the_library_serializes_a_command(int duration0, bool level0, int duration1, bool level1)
    {
        var item = new byte[4];

        RmtItemEncoding.Write(item, 0, duration0, level0, duration1, level1);

        byte[] expected =
        {
            (byte)(duration0 % 256), (byte)((level0 ? 128 : 0) + duration0 / 256),
            (byte)(duration1 % 256), (byte)((level1 ? 128 : 0) + duration1 / 256),
        };
        Assert.Equal(expected, item);
    }

    [Fact]
    public void An_rmt_duration_past_15_bits_is_clamped_not_spilled_into_the_level_bit()
    {
        var item = new byte[4];

        RmtItemEncoding.Write(item, 0, 40000, false, 0, false);

        Assert.Equal(0x7F, item[1]);
        Assert.Equal(0xFF, item[0]);
    }

    /// <summary>HD44780 4-bit interface: high nibble first on D7..D4, each latched by E falling; RS high for data.</summary>
    [Fact]
    public void An_lcd_byte_is_two_nibbles_each_strobed_by_enable()
    {
        var frames = new byte[4];

        int end = Hd44780Frames.Write(frames, 0, (byte)'A', isData: true, backlight: true);

        Assert.Equal(4, end);
        // 'A' = 0x41: high nibble 0x4, low nibble 0x1. RS = bit 0, E = bit 2, backlight = bit 3.
        Assert.Equal(new byte[] { 0x4D, 0x49, 0x1D, 0x19 }, frames);
    }

    [Fact]
    public void Lcd_rows_start_at_the_20x4_ddram_addresses_and_unknown_characters_show_as_a_question_mark()
    {
        Assert.Equal(new byte[] { 0x00, 0x40, 0x14, 0x54 }, Hd44780Frames.RowAddresses20x4);
        Assert.Equal((byte)'?', Hd44780Frames.CharacterCode('€'));
        Assert.Equal((byte)'7', Hd44780Frames.CharacterCode('7'));
        Assert.Equal((byte)'?', Hd44780Frames.CharacterCode('\\'));
        Assert.Equal((byte)'?', Hd44780Frames.CharacterCode('~'));
        var frames = new byte[4];
        Hd44780Frames.Write(frames, 0, (byte)(Hd44780Frames.SetDdramAddress | 0x54), isData: false, backlight: false);
        Assert.Equal(new byte[] { 0xD4, 0xD0, 0x44, 0x40 }, frames);
    }

    [Fact]
    public void A_keypad_row_is_driven_low_and_a_low_column_names_the_key()
    {
        Assert.Equal(0xFE, KeypadMatrix.RowDriveByte(0));
        Assert.Equal(0xF7, KeypadMatrix.RowDriveByte(3));
        Assert.Equal(KeyCode.Digit1, KeypadMatrix.KeyAt(0, 0xEF));
        Assert.Equal(KeyCode.Menu, KeypadMatrix.KeyAt(0, 0x7F));
        Assert.Equal(KeyCode.Digit0, KeypadMatrix.KeyAt(3, 0xDF));
        Assert.Equal(KeyCode.Enter, KeypadMatrix.KeyAt(3, 0xBF));
        Assert.Equal(KeyCode.None, KeypadMatrix.KeyAt(2, 0xFF));
    }

    [Fact]
    public void A_key_is_reported_once_after_it_has_been_stable_for_the_debounce_time()
    {
        var matrix = new KeypadMatrix(debounceMicros: 20000);

        Assert.Equal(KeyCode.None, matrix.Update(KeyCode.Digit5, 0));
        Assert.Equal(KeyCode.None, matrix.Update(KeyCode.None, 5000));       // bounce
        Assert.Equal(KeyCode.None, matrix.Update(KeyCode.Digit5, 6000));
        Assert.Equal(KeyCode.None, matrix.Update(KeyCode.Digit5, 25999));
        Assert.Equal(KeyCode.Digit5, matrix.Update(KeyCode.Digit5, 26000));
        Assert.Equal(KeyCode.None, matrix.Update(KeyCode.Digit5, 90000));    // held: once only
        Assert.Equal(KeyCode.None, matrix.Update(KeyCode.None, 100000));
        Assert.Equal(KeyCode.None, matrix.Update(KeyCode.Digit5, 110000));
        Assert.Equal(KeyCode.Digit5, matrix.Update(KeyCode.Digit5, 130000)); // pressed again
    }

    [Fact]
    public void The_wifi_file_keeps_a_passphrase_with_hash_and_equals_signs()
    {
        var config = Parse("# shop\r\nssid = ShopNet\r\npassword = a#b=c d e f\r\n");

        Assert.Null(config.Message);
        Assert.Equal("ShopNet", config.Ssid);
        Assert.Equal("a#b=c d e f", config.Password);
    }

    [Theory]
    [InlineData("ssid = x\n", "wifi.config: key password: missing")]
    [InlineData("password = 12345678\n", "wifi.config: key ssid: missing")]
    [InlineData("ssid = 123456789012345678901234567890123\npassword =\n", "line 1, key ssid: longer than 32")]
    [InlineData("ssid = x\npassword = short\n", "line 2, key password: a WPA2 passphrase has 8..63")]
    [InlineData("ssid = x\npassword = 1234567890123456789012345678901234567890123456789012345678901234\n", "line 2, key password: must be 0 to 63")]
    [InlineData("ssid = x\npassword = 12345678\nchannel = 6\n", "line 3, key channel: unknown key")]
    [InlineData("ssid x\n", "line 1: expected key = value")]
    [InlineData("ssid = caf\u00e9\npassword =\n", "line 1: byte 0xC3")]
    public void A_bad_wifi_file_is_refused_with_the_reason(string text, string error)
    {
        var config = Parse(text);

        Assert.NotNull(config.Message);
        Assert.Contains(error, config.Message, StringComparison.Ordinal);
        Assert.Null(config.Ssid);
        Assert.Null(config.Password);
    }

    [Fact]
    public void An_open_network_has_an_empty_password()
    {
        var config = Parse("ssid = Guest\npassword =\n");

        Assert.Null(config.Message);
        Assert.Equal("", config.Password);
    }

    [Fact]
    public void A_failed_join_backs_off_doubling_to_the_limit_and_a_success_resets_it()
    {
        var backoff = new JoinBackoff(minMicros: 2_000_000, maxMicros: 10_000_000);

        Assert.True(backoff.MayTry(0));
        backoff.Failed(0);
        Assert.False(backoff.MayTry(1_999_999));
        Assert.True(backoff.MayTry(2_000_000));
        backoff.Failed(2_000_000);                 // waits 4 s now
        Assert.False(backoff.MayTry(5_999_999));
        backoff.Failed(6_000_000);                 // 8 s
        backoff.Failed(14_000_000);                // capped at 10 s
        Assert.False(backoff.MayTry(23_999_999));
        Assert.True(backoff.MayTry(24_000_000));
        backoff.Failed(24_000_000);
        Assert.True(backoff.MayTry(34_000_000));   // still 10 s, not 20
        backoff.Succeeded();
        Assert.True(backoff.MayTry(34_000_001));
        backoff.Failed(40_000_000);
        Assert.True(backoff.MayTry(42_000_000));   // back to the minimum
    }

    [Fact]
    public void The_acquirer_file_gives_the_address_and_port_and_the_committed_one_reads()
    {
        var config = ParseAcquirer("address = 10.0.0.7   # the test host\nport = 5000\n");
        Assert.Null(config.Message);
        Assert.Equal("10.0.0.7", config.Address);
        Assert.Equal(5000, config.Port);

        string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
        byte[] committed = File.ReadAllBytes(Path.Combine(root, "firmware", "Device", AcquirerConfigFile.FileName));
        var shipped = new AcquirerConfigFile();
        shipped.Parse(committed, committed.Length);
        Assert.Null(shipped.Message);
    }

    [Theory]
    [InlineData("port = 5000\n", "key address: missing")]
    [InlineData("address = 10.0.0.7\n", "key port: missing")]
    [InlineData("address = 10.0.0.7\nport = 70000\n", "line 2, key port: 70000 is outside")]
    [InlineData("address = acquirer.local\nport = 5000\n", "line 1, key address: must be an IPv4 address")]
    [InlineData("address = 10.0.0.256\nport = 5000\n", "must be an IPv4 address")]
    [InlineData("address = 10.0.0\nport = 5000\n", "must be an IPv4 address")]
    [InlineData("address = 10..0.1\nport = 5000\n", "must be an IPv4 address")]
    [InlineData("address = 1.2.3.4.5\nport = 5000\n", "must be an IPv4 address")]
    public void A_bad_acquirer_file_is_refused_with_the_reason(string text, string error)
    {
        var config = ParseAcquirer(text);

        Assert.NotNull(config.Message);
        Assert.StartsWith(AcquirerConfigFile.FileName + ": ", config.Message, StringComparison.Ordinal);
        Assert.Contains(error, config.Message, StringComparison.Ordinal);
        Assert.Null(config.Address);
        Assert.Equal(0, config.Port);
    }

    [Fact]
    public void A_missing_acquirer_file_is_named()
    {
        var store = new PosFirmware.Emulator.Storage.FlashFileStore(PosFirmware.Emulator.Storage.FlashMode.LittleFs, new PosFirmware.Emulator.Core.SimRandom(1));
        Assert.StartsWith(AcquirerConfigFile.FileName + " is missing", AcquirerConfigFile.Load(store).Message, StringComparison.Ordinal);
        Assert.StartsWith(WifiConfigFile.FileName + " is missing", WifiConfigFile.Load(store).Message, StringComparison.Ordinal);
    }

    private static AcquirerConfigFile ParseAcquirer(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var config = new AcquirerConfigFile();
        config.Parse(bytes, bytes.Length);
        return config;
    }

    private static WifiConfigFile Parse(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var config = new WifiConfigFile();
        config.Parse(bytes, bytes.Length);
        return config;
    }
}
