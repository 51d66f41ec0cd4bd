using System.Text;
using PosFirmware.Common;
using Xunit;

namespace PosFirmware.Tests.Firmware.Common;

public class Crc32Tests
{
    // A second implementation, bit by bit with no table, of the same CRC (reflected, polynomial 0xEDB88320).
    private static uint BitwiseCrc(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }
        return ~crc;
    }

    [Fact]
    public void The_catalogue_check_value_of_123456789_is_CBF43926()
    {
        // The CRC-32/ISO-HDLC check value from the CRC RevEng catalogue.
        byte[] check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(check, 0, check.Length));
    }

    [Fact]
    public void Random_data_agrees_with_a_bitwise_implementation_and_updates_in_pieces()
    {
        var random = new Random(20261130);
        for (int n = 0; n < 200; n++)
        {
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            uint whole = Crc32.Compute(data, 0, data.Length);
            Assert.Equal(BitwiseCrc(data), whole);
            int split = data.Length / 3;
            uint running = Crc32.Update(0xFFFFFFFF, data, 0, split);
            running = Crc32.Update(running, data, split, data.Length - split);
            Assert.Equal(whole, running ^ 0xFFFFFFFF);
        }
    }

    [Fact]
    public void A_single_flipped_bit_changes_the_crc()
    {
        byte[] data = Encoding.ASCII.GetBytes("JR journal record body");
        uint good = Crc32.Compute(data, 0, data.Length);
        data[5] ^= 0x10;
        Assert.NotEqual(good, Crc32.Compute(data, 0, data.Length));
    }
}
