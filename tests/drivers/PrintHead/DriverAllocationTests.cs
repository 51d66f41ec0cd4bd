using PosFirmware.Emulator.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

public class DriverAllocationTests
{
    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void A_steady_state_print_allocates_nothing_per_dot_line(string profile)
    {
        Assert.Equal(0.0, DriverAllocationProbe.BytesPerLine(ProfileLibrary.Load(profile), 500));
    }
}
