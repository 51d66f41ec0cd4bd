using PosFirmware.Emulator.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// <see cref="SameAddendSums"/> hands back kept partial sums for an addend asked about again: each answer must
/// be, to the bit, what adding the addend one copy at a time from zero gives, whether the addend repeats (with
/// more copies, fewer or as many) or changes, down to a change in its last bit.
/// </summary>
public class SameAddendSumsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_sum_is_the_serial_sum(int seed)
    {
        var random = new Random(seed);
        var sums = new SameAddendSums(384);
        double addend = 1e-5;
        for (int ask = 0; ask < 5_000; ask++)
        {
            // Mostly the same addend again; now and then a fresh one, its neighbour a bit away, or a signed zero.
            addend = random.Next(6) switch
            {
                0 => random.NextDouble() * Math.Pow(10, -random.Next(3, 9)),
                1 => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(addend) + 1),
                2 => random.Next(2) == 0 ? 0.0 : -0.0,
                _ => addend,
            };
            int count = random.Next(5) == 0 ? random.Next(0, 385) : random.Next(0, 40);
            double serial = 0.0;
            for (int i = 0; i < count; i++)
            {
                serial += addend;
            }
            double kept = sums.Of(addend, count);
            Assert.True(BitConverter.DoubleToInt64Bits(serial) == BitConverter.DoubleToInt64Bits(kept),
                $"seed {seed}, ask {ask}: {count} copies of {addend:R} gave {kept:R}, serially {serial:R}");
        }
    }

    [Fact]
    public void Sums_past_the_room_are_refused()
    {
        var sums = new SameAddendSums(8);
        Assert.Equal(8 * 0.5, sums.Of(0.5, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => sums.Of(0.5, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => sums.Of(0.25, -1));
    }
}
