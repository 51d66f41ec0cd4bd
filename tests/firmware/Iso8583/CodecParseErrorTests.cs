using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Firmware.Iso8583;

/// <summary>Each malformed input gives its own status, names the field, and leaves no fields behind.</summary>
public class CodecParseErrorTests
{
    private readonly FieldTable _table = CupFieldTable.Create();

    private (CodecStatus Status, int Field, Iso8583Message Msg, Iso8583Codec Codec) Parse(string hex)
    {
        var codec = new Iso8583Codec(_table);
        var msg = new Iso8583Message(_table);
        var bytes = Convert.FromHexString(hex);
        CodecStatus status = codec.Unpack(bytes, 0, bytes.Length, msg);
        return (status, codec.LastField, msg, codec);
    }

    [Theory]
    [InlineData("", CodecStatus.Truncated, 0)]
    [InlineData("0200", CodecStatus.Truncated, 0)]
    [InlineData("02A0" + "2000000000000000" + "000000", CodecStatus.BadMessageType, 0)]
    [InlineData("0200" + "2000000000000000" + "0000", CodecStatus.Truncated, 3)]
    [InlineData("0200" + "0800000000000000" + "00", CodecStatus.UndefinedField, 5)]
    [InlineData("0200" + "4000000000000000" + "2A" + "1234", CodecStatus.BadLength, 2)]
    [InlineData("0200" + "4000000000000000" + "20" + "12345678901234567890", CodecStatus.BadLength, 2)]
    [InlineData("0200" + "4000000000000000" + "03" + "123A", CodecStatus.BadPad, 2)]
    [InlineData("0200" + "4000000000000000" + "03" + "1B30", CodecStatus.BadDigit, 2)]
    [InlineData("0200" + "2000000000000000" + "000000" + "FF", CodecStatus.TrailingBytes, 0)]
    [InlineData("0200" + "0000000000000000", CodecStatus.EmptyBitmap, 0)]
    [InlineData("0200" + "8000000000000000" + "8000000000000000", CodecStatus.UndefinedField, 65)]
    [InlineData("0200" + "8000000000000000", CodecStatus.Truncated, 0)]
    [InlineData("0200" + "0000000000000010" + "0999" + "00", CodecStatus.BadLength, 60)]
    [InlineData("0200" + "0000000000000010" + "0017" + "00", CodecStatus.Truncated, 60)]
    [InlineData("0200" + "2000000000000000" + "F00000", CodecStatus.BadDigit, 3)]
    // A retrieval reference number (an 12) with a NUL, an ESC or a DEL in it: text the journal and the
    // receipt would carry, refused where it comes in.
    [InlineData("0210" + "0000000008000000" + "313233343536" + "00" + "3839303132", CodecStatus.ControlCharacter, 37)]
    [InlineData("0210" + "0000000008000000" + "1B3233343536" + "37" + "3839303132", CodecStatus.ControlCharacter, 37)]
    [InlineData("0210" + "0000000008000000" + "3132333435363738393031" + "7F", CodecStatus.ControlCharacter, 37)]
    public void MalformedBodiesGiveAClearStatusAndNoFields(string hex, CodecStatus expected, int field)
    {
        var (status, lastField, msg, codec) = Parse(hex);
        Assert.Equal(expected, status);
        Assert.Equal(field, lastField);
        Assert.Equal(0, msg.HighestField());
        Assert.Equal(0, msg.MessageType);
        Assert.NotEqual("ok", codec.DescribeLastError());
    }

    [Fact]
    public void ParsingNeverReadsPastTheGivenRange()
    {
        // A valid F3 message followed by bytes the caller did not hand over: the parse must stop at count.
        var bytes = Convert.FromHexString("0200" + "2000000000000000" + "000000" + "FFFF");
        var codec = new Iso8583Codec(_table);
        var msg = new Iso8583Message(_table);
        Assert.Equal(CodecStatus.Ok, codec.Unpack(bytes, 0, bytes.Length - 2, msg));
        Assert.Equal(CodecStatus.Truncated, codec.Unpack(bytes, 0, bytes.Length - 3, msg));
        Assert.Equal(CodecStatus.Truncated, codec.Unpack(bytes, 4, 100, msg));
    }

    [Fact]
    public void PackReportsATooSmallBufferInsteadOfWritingPastIt()
    {
        var codec = new Iso8583Codec(_table);
        var msg = new Iso8583Message(_table) { MessageType = 200 };
        msg.SetText(60, "22000001000");
        var buffer = new byte[20];
        Assert.False(codec.TryPack(msg, buffer, 0, 15, out _));
        Assert.Equal(CodecStatus.BufferTooSmall, codec.LastStatus);
        Assert.Equal(60, codec.LastField);
        Assert.All(buffer[15..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void TextFieldsKeepPrintableAndGbkBytes()
    {
        // F63 (ans...LLL) as a CUP host sends it: printable ASCII and GBK (bytes from 0x80) both come through.
        var (status, _, msg, _) = Parse("0210" + "0000000000000002" + "0006" + "4F4B" + "D6D0CEC4");
        Assert.Equal(CodecStatus.Ok, status);
        Assert.Equal(6, msg.Length(63));
        Assert.Equal(new byte[] { 0x4F, 0x4B, 0xD6, 0xD0, 0xCE, 0xC4 }, msg.ValueBuffer(63)[..6]);
    }

    [Fact]
    public void PackRefusesAControlCharacterInATextField()
    {
        var codec = new Iso8583Codec(_table);
        var msg = new Iso8583Message(_table) { MessageType = 200 };
        // Text refuses it at once; bytes set as they are meet the same rule when packed.
        Assert.Equal(CodecStatus.ControlCharacter, msg.SetText(41, "TER\u00000001"));
        Assert.Equal(CodecStatus.Ok, msg.Set(41, "TER\u00000001"u8.ToArray(), 0, 8));
        var buffer = new byte[64];
        Assert.False(codec.TryPack(msg, buffer, 0, buffer.Length, out _));
        Assert.Equal(CodecStatus.ControlCharacter, codec.LastStatus);
        Assert.Equal(41, codec.LastField);
        msg.SetText(41, "TERM0001");
        Assert.True(codec.TryPack(msg, buffer, 0, buffer.Length, out _));
    }
}
