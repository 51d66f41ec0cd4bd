using System.Text;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Drivers.Scanner;

public class ScannerProfileFileTests
{
    private static ScannerProfile? Parse(string text, out string? error)
    {
        var reader = ScannerProfileFile.CreateReader(new ScannerConfig());
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        bool ok = ScannerProfileFile.TryParse(reader, bytes, 0, bytes.Length, out ScannerProfile profile);
        Assert.Equal(ok, reader.Status == PosFirmware.Config.ConfigStatus.Ok);
        error = reader.Message;
        return ok ? profile : null;
    }

    [Fact]
    public void The_gm65_profile_holds_the_exact_command_bytes()
    {
        ScannerProfile profile = ScannerProfiles.Load("gm65.profile");
        Assert.Equal("GM65", profile.Name);
        Assert.Equal(9600, profile.BaudRate);
        Assert.Equal(ScanMode.HostTriggered, profile.Mode);
        Assert.Equal(new byte[] { 0x0D }, profile.Terminators);
        Assert.Equal(new byte[] { 0x7E, 0x00, 0x08, 0x01, 0x00, 0x02, 0x01, 0xAB, 0xCD }, profile.TriggerCommand);
        Assert.Equal(new byte[] { 0x7E, 0x00, 0x08, 0x01, 0x00, 0x02, 0x00, 0xAB, 0xCD }, profile.StopCommand);
        Assert.Equal(new byte[] { 0x02, 0x00, 0x00, 0x01, 0x00, 0x33, 0x31 }, profile.Ack);
        Assert.Empty(profile.SetupCommand);
    }

    [Fact]
    public void The_gm65_acknowledgement_carries_the_crc_ccitt_of_its_body()
    {
        // GM65 replies are 02 00 | type | length | data | CRC-CCITT(poly 0x1021, init 0) over type..data.
        byte[] ack = ScannerProfiles.Load("gm65.profile").Ack;
        int crc = 0;
        for (int i = 2; i < ack.Length - 2; i++)
        {
            crc ^= ack[i] << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        Assert.Equal((ack[^2] << 8) | ack[^1], crc);
    }

    [Fact]
    public void Every_shipped_profile_parses()
    {
        foreach (string name in ScannerProfiles.Names().Where(n => n.EndsWith(".profile", StringComparison.Ordinal)))
        {
            ScannerProfile profile = ScannerProfiles.Load(name);
            Assert.NotEmpty(profile.Terminators);
        }
        Assert.Equal(ScanMode.Continuous, ScannerProfiles.Load("continuous.profile").Mode);
        Assert.Equal(new byte[] { 0x0D, 0x0A }, ScannerProfiles.Load("continuous.profile").Terminators);
    }

    [Theory]
    [InlineData("mode = host\ntrigger = 7E 0G\n", "line 2, key trigger: must be hex bytes")]
    [InlineData("mode = host\ntrigger = 7E0\n", "line 2, key trigger: must be hex bytes")]
    [InlineData("mode = host\n\n  # comment\nbaud 9600\n", "line 4: expected key = value")]
    [InlineData("mode = host\nspeed = 9600\n", "line 2, key speed: unknown key")]
    [InlineData("mode = host\nmode = continuous\n", "line 2, key mode: given twice")]
    [InlineData("mode = sometimes\n", "line 1, key mode: must be host or continuous")]
    [InlineData("baud = 96OO\nmode = continuous\n", "line 1, key baud: not a whole number")]
    [InlineData("baud = 100\nmode = continuous\n", "line 1, key baud: 100 is outside 300 to 921600 bd")]
    [InlineData("mode = continuous\nterminator = 41\n", "line 2, key terminator: must not be a printable character")]
    [InlineData("mode = continuous\nterminator = 0D 0A 0D\n", "line 2, key terminator: must be 1 to 2 bytes")]
    [InlineData("mode = continuous\nterminator =\n", "line 2, key terminator: empty value")]
    [InlineData("mode = continuous\n= 5\n", "line 2: expected key = value")]
    [InlineData("mode = continuous\nname = caf\u00e9\n", "line 2: byte 0xC3 is not ASCII text")]
    [InlineData("mode = host\n", "line 1, key mode: host mode needs a trigger command")]
    [InlineData("baud = 9600\n", "key mode: missing")]
    public void A_bad_profile_is_refused_with_the_line_and_the_reason(string text, string expectedStart)
    {
        Assert.Null(Parse(text, out string? error));
        Assert.StartsWith(expectedStart, error);
    }

    [Fact]
    public void A_command_longer_than_the_limit_is_refused()
    {
        string trigger = string.Join(" ", Enumerable.Repeat("7E", 33));
        Assert.Null(Parse($"mode = host\ntrigger = {trigger}\n", out string? error));
        Assert.Equal("line 2, key trigger: must be 1 to 32 bytes", error);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused()
    {
        Assert.Null(Parse("mode = host\nname = " + new string('x', 200) + "\n", out string? error));
        Assert.Equal("line 2: longer than 160 characters", error);
    }

    [Fact]
    public void Comments_tabs_and_crlf_line_ends_are_accepted()
    {
        ScannerProfile? profile = Parse("# GM65\r\n\tmode\t=\thost  # trailing\r\ntrigger = 7e 00 # lower case hex\r\n", out string? error);
        Assert.True(profile != null, error);
        Assert.Equal(new byte[] { 0x7E, 0x00 }, profile!.TriggerCommand);
    }

    [Fact]
    public void Random_bytes_give_a_profile_or_an_error_never_an_exception()
    {
        ulong seed = FuzzSeed.From("SCANNER_PROFILE_FUZZ_SEED", 7);
        var random = new SimRandom(seed);
        var config = new ScannerConfig();
        var reader = ScannerProfileFile.CreateReader(config);
        var tableReader = PaymentCodeTableFile.CreateReader(config);
        byte[] alphabet = Encoding.ASCII.GetBytes("modehsttrigerbaud=0123456789ABCDEF \n#\r\t-rule");
        for (int round = 0; round < 3000; round++)
        {
            byte[] text = new byte[random.Next(300)];
            for (int i = 0; i < text.Length; i++)
            {
                text[i] = random.Chance(0.9) ? alphabet[random.Next(alphabet.Length)] : (byte)random.Next(256);
            }
            try
            {
                bool profiled = ScannerProfileFile.TryParse(reader, text, 0, text.Length, out ScannerProfile profile);
                Assert.True(profiled ? profile != null && reader.Message == null : profile == null && reader.Message!.Length > 0);
                bool tabled = PaymentCodeTableFile.TryParse(tableReader, config, text, 0, text.Length, out PaymentCodeTable table);
                Assert.True(tabled ? table != null && table.Count > 0 : table == null && tableReader.Message!.Length > 0);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"profile parser fuzz failed at round {round} with seed {seed}\n{FuzzSeed.Replay("SCANNER_PROFILE_FUZZ_SEED", seed, nameof(Random_bytes_give_a_profile_or_an_error_never_an_exception))}\n{e}");
            }
        }
    }
}
