using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Firmware.Iso8583;

/// <summary>Exact bytes of each field format, derived by hand from docs/acquirer-protocol.md, framing.</summary>
public class CodecFieldFormatTests
{
    private readonly FieldTable _table = CupFieldTable.Create();

    private string PackHex(Action<Iso8583Message> fill, int messageType = 200)
    {
        var codec = new Iso8583Codec(_table);
        var msg = new Iso8583Message(_table) { MessageType = messageType };
        fill(msg);
        var buffer = new byte[1024];
        Assert.True(codec.TryPack(msg, buffer, 0, buffer.Length, out int n));
        Assert.True(n > 0, codec.DescribeLastError());
        return Convert.ToHexString(buffer, 0, n);
    }

    [Fact]
    public void FixedNumericIsRightAlignedBcdWithALeftZeroNibbleWhenOdd()
    {
        // F22 n3 "030": nibbles 0 0 3 0. Bitmap bit 22 = byte 2, mask 0x04.
        Assert.Equal("0200" + "0000040000000000" + "0030", PackHex(m => m.SetText(22, "030")));
        // Shorter values are padded with leading zeros: F4 "100" -> 000000000100.
        Assert.Equal("0200" + "1000000000000000" + "000000000100", PackHex(m => m.SetText(4, "100")));
    }

    [Fact]
    public void OddVariableNumericIsLeftAlignedWithRightPadLikeCupField60()
    {
        // docs/acquirer-protocol.md, framing: F60 length 0011, data 000021990010 means 00002199001.
        Assert.Equal("0200" + "0000000000000010" + "0011" + "000021990010", PackHex(m => m.SetText(60, "00002199001")));
        // LL numeric: F2 "123" -> 03 12 30 (moov-io lbcd "123" -> 12 30).
        Assert.Equal("0200" + "4000000000000000" + "03" + "1230", PackHex(m => m.SetText(2, "123")));
    }

    [Fact]
    public void TrackDataCarriesTheSeparatorAsD()
    {
        // F35 z..37 "6212=25" (7 chars): 07 62 12 D2 50.
        Assert.Equal("0200" + "0000000020000000" + "07" + "6212D250", PackHex(m => m.SetText(35, "6212=25")));
    }

    [Fact]
    public void AlphaFieldsAreAsciiAndFixedOnesArePaddedWithSpaces()
    {
        // F41 ans8 "ABC" -> "ABC     ", F63 ans...LLL "001" -> 00 03 30 30 31.
        Assert.Equal("0200" + "0000000000800002" + "4142432020202020" + "0003" + "303031", PackHex(m =>
        {
            m.SetText(41, "ABC");
            m.SetText(63, "001");
        }));
    }

    [Fact]
    public void BinaryFieldsAreRawBytesWithByteCountedLengths()
    {
        // F62 b...LLL 3 bytes 01 02 03 -> 00 03 01 02 03; F64 b8.
        Assert.Equal("0200" + "0000000000000005" + "0003010203" + "1122334455667788", PackHex(m =>
        {
            m.Set(62, new byte[] { 1, 2, 3 }, 0, 3);
            m.Set(64, Convert.FromHexString("1122334455667788"), 0, 8);
        }));
    }

    [Fact]
    public void SecondaryBitmapIsUsedOnlyWhenAFieldAbove64IsPresent()
    {
        var table = CupFieldTable.Create();
        table.Define(100, FieldFormat.NumericLlvar, 11, false, "receiving institution");
        var codec = new Iso8583Codec(table);
        var msg = new Iso8583Message(table) { MessageType = 200 };
        msg.SetText(3, "000000");
        msg.SetText(100, "12345");
        var buffer = new byte[256];
        Assert.True(codec.TryPack(msg, buffer, 0, buffer.Length, out int n));
        // Primary: bit 1 (secondary) + bit 3; secondary: bit 100 -> bit 36 of the second map (byte 4, 0x10).
        Assert.Equal("0200" + "A000000000000000" + "0000000010000000" + "000000" + "05" + "123450", Convert.ToHexString(buffer, 0, n));
        var back = new Iso8583Message(table);
        Assert.Equal(CodecStatus.Ok, codec.Unpack(buffer, 0, n, back));
        Assert.Equal("12345", back.GetText(100));
        Assert.Equal("000000", back.GetText(3));
    }

    [Fact]
    public void PadNibbleFIsAcceptedOnReadAndWrittenWhenConfigured()
    {
        var codec = new Iso8583Codec(_table) { OddPadNibble = 0xF };
        var msg = new Iso8583Message(_table) { MessageType = 200 };
        msg.SetText(2, "123");
        var buffer = new byte[64];
        Assert.True(codec.TryPack(msg, buffer, 0, buffer.Length, out int n));
        Assert.Equal("0200" + "4000000000000000" + "03" + "123F", Convert.ToHexString(buffer, 0, n));
        var back = new Iso8583Message(_table);
        Assert.Equal(CodecStatus.Ok, new Iso8583Codec(_table).Unpack(buffer, 0, n, back));
        Assert.Equal("123", back.GetText(2));
    }

    [Theory]
    [InlineData(2, "12A")]
    [InlineData(4, "1234567890123")]
    [InlineData(3, "-1")]
    [InlineData(35, "62=A")]
    public void SettersRejectValuesTheFormatCannotCarryAndKeepTheOldValue(int field, string value)
    {
        var msg = new Iso8583Message(_table);
        Assert.Equal(CodecStatus.Ok, msg.SetText(field, field == 35 ? "1=2" : "1"));
        string before = msg.GetText(field)!;
        Assert.Equal(CodecStatus.BadValue, msg.SetText(field, value));
        Assert.Equal(before, msg.GetText(field));
    }

    [Fact]
    public void SettersRejectUndefinedFieldsAndWrongBinaryLengths()
    {
        var msg = new Iso8583Message(_table);
        Assert.Equal(CodecStatus.UndefinedField, msg.SetText(5, "1"));
        Assert.Equal(CodecStatus.BadValue, msg.Set(64, new byte[7], 0, 7));
        Assert.Equal(CodecStatus.BadValue, msg.SetNumber(11, 1_000_000, 6));
        Assert.Equal(CodecStatus.Ok, msg.SetNumber(11, 999_999, 6));
        Assert.True(msg.TryGetNumber(11, out long trace));
        Assert.Equal(999_999, trace);
    }
}
