using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Firmware.Iso8583;

public class Iso8583MessageTests
{
    private readonly Iso8583Message _msg = new(CupFieldTable.Create());

    [Fact]
    public void A_number_field_reads_back_as_its_value()
    {
        Assert.Equal(CodecStatus.Ok, _msg.SetNumber(4, 1999, 12));
        Assert.True(_msg.TryGetNumber(4, out long amount));
        Assert.Equal(1999, amount);
        Assert.Equal(CodecStatus.Ok, _msg.SetText(37, "000123456789"));
        Assert.True(_msg.TryGetDigits(37, 3, 6, out long middle));
        Assert.Equal(123456, middle);
    }

    [Fact]
    public void An_absent_field_or_a_non_digit_is_false_with_zero()
    {
        Assert.False(_msg.TryGetNumber(4, out long absent));
        Assert.Equal(0, absent);
        Assert.Equal(CodecStatus.Ok, _msg.SetText(37, "12345A789012"));
        Assert.False(_msg.TryGetNumber(37, out long mixed));
        Assert.Equal(0, mixed);
        Assert.True(_msg.TryGetDigits(37, 0, 5, out long before));
        Assert.Equal(12345, before);
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(0, 0)]
    [InlineData(10, 3)]
    [InlineData(0, 19)]
    public void A_range_outside_the_field_is_false(int start, int count)
    {
        Assert.Equal(CodecStatus.Ok, _msg.SetText(37, "000000000000"));
        Assert.False(_msg.TryGetDigits(37, start, count, out long value));
        Assert.Equal(0, value);
    }

    [Fact]
    public void A_batch_needs_the_six_digits_of_F60_2()
    {
        Assert.False(CupMessages.TryGetBatch(_msg, out _));
        Assert.Equal(CodecStatus.Ok, _msg.SetText(60, "22000045"));
        Assert.True(CupMessages.TryGetBatch(_msg, out long batch));
        Assert.Equal(45, batch);
        Assert.Equal(CodecStatus.Ok, _msg.SetText(60, "2200004"));
        Assert.False(CupMessages.TryGetBatch(_msg, out _));
    }
}
