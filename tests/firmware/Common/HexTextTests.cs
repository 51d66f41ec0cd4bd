using PosFirmware.Common;
using Xunit;

namespace PosFirmware.Tests.Firmware.Common;

public class HexTextTests
{
    [Fact]
    public void Every_byte_value_is_written_as_dotnet_writes_it_in_upper_case()
    {
        var source = new byte[256];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = (byte)i;
        }
        var target = new byte[2 + 2 * source.Length];
        HexText.Encode(source, 0, source.Length, target, 2);
        Assert.Equal(Convert.ToHexString(source), System.Text.Encoding.ASCII.GetString(target, 2, 2 * source.Length));
        Assert.Equal(0, target[0]);
        Assert.Equal(0, target[1]);
    }
}
