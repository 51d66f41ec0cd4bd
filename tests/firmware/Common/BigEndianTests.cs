using System.Buffers.Binary;
using PosFirmware.Common;
using Xunit;

namespace PosFirmware.Tests.Firmware.Common;

public class BigEndianTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(0x12345678u)]
    [InlineData(0x80000000u)]
    [InlineData(0xFFFFFFFFu)]
    public void A_32_bit_value_is_laid_out_as_dotnet_lays_it_out_and_read_back(uint value)
    {
        var ours = new byte[6];
        BigEndian.WriteUInt32(ours, 1, value);
        var reference = new byte[6];
        BinaryPrimitives.WriteUInt32BigEndian(reference.AsSpan(1), value);
        Assert.Equal(reference, ours);
        Assert.Equal(value, BigEndian.ReadUInt32(ours, 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0x0102)]
    [InlineData(0xFFFF)]
    public void A_16_bit_value_is_laid_out_as_dotnet_lays_it_out_and_read_back(int value)
    {
        var ours = new byte[4];
        BigEndian.WriteUInt16(ours, 2, value);
        var reference = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(reference.AsSpan(2), (ushort)value);
        Assert.Equal(reference, ours);
        Assert.Equal(value, BigEndian.ReadUInt16(ours, 2));
    }

    [Fact]
    public void Writing_touches_only_its_own_bytes()
    {
        var buffer = new byte[] { 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA };
        BigEndian.WriteUInt32(buffer, 1, 0);
        Assert.Equal(new byte[] { 0xAA, 0, 0, 0, 0, 0xAA }, buffer);
    }
}
