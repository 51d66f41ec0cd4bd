using PosFirmware.Crypto;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Firmware.Iso8583;

public class MessageMacTests
{
    private readonly FieldTable _table = CupFieldTable.Create();

    [Theory]
    [InlineData(MacScheme.CupEcb, "2222222222222222")]
    [InlineData(MacScheme.X919, "0123456789ABCDEFFEDCBA9876543210")]
    public void MacCoversTheBodyUpToField63AndAnyChangeBreaksIt(int scheme, string keyHex)
    {
        var codec = new Iso8583Codec(_table);
        var mac = new MacCalculator();
        var key = Convert.FromHexString(keyHex);
        Assert.True(mac.SetKey(scheme, key, 0, key.Length));
        var msg = new Iso8583Message(_table);
        var code = "134567890123456789"u8.ToArray();
        Assert.Equal(CodecStatus.Ok, new CupMessages(new CupDialect()).Sale(msg, 7, 1, "12345678", "123456789012345", 100, code, 0, code.Length));
        var signer = new MessageMac();
        var buffer = new byte[512];
        Assert.True(signer.TryPack(codec, msg, mac, buffer, 0, buffer.Length, out int n));
        Assert.True(n > 8);
        // The MAC equals the MAC of the bytes before field 64.
        var expected = new byte[8];
        mac.Compute(buffer, 0, n - 8, expected, 0);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer, n - 8, 8));

        var parsed = new Iso8583Message(_table);
        Assert.Equal(CodecStatus.Ok, codec.Unpack(buffer, 0, n, parsed));
        Assert.Equal(CodecStatus.Ok, signer.Verify(parsed, mac, buffer, 0, n));
        // Change the amount's last digit (still valid BCD): parses, but the MAC no longer matches.
        int amountAt = 2 + 8 + 3 + 5;
        buffer[amountAt] ^= 0x01;
        Assert.Equal(CodecStatus.Ok, codec.Unpack(buffer, 0, n, parsed));
        Assert.Equal(CodecStatus.BadMac, signer.Verify(parsed, mac, buffer, 0, n));
    }

    [Fact]
    public void VerifyReportsAMissingMacAndAMissingKey()
    {
        var codec = new Iso8583Codec(_table);
        var msg = new Iso8583Message(_table) { MessageType = 210 };
        msg.SetText(39, "00");
        var buffer = new byte[64];
        Assert.True(codec.TryPack(msg, buffer, 0, buffer.Length, out int n));
        var parsed = new Iso8583Message(_table);
        codec.Unpack(buffer, 0, n, parsed);
        var mac = new MacCalculator();
        mac.SetKey(MacScheme.CupEcb, new byte[8], 0, 8);
        var signer = new MessageMac();
        Assert.Equal(CodecStatus.MacMissing, signer.Verify(parsed, mac, buffer, 0, n));
        Assert.False(signer.TryPack(codec, msg, new MacCalculator(), buffer, 0, buffer.Length, out _));
        Assert.Equal(CodecStatus.NoMacKey, signer.LastStatus);
    }
}
