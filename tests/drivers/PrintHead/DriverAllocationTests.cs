using PosFirmware.Emulator.PrintHead;
using PosFirmware.Hal;
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

    [Fact]
    public void The_probe_sees_an_allocation_made_per_strobe_pulse()
    {
        double bytes = DriverAllocationProbe.BytesPerLine(ProfileLibrary.Load("LTPD245C"), 500, () => new AllocatingPulse());
        Assert.True(bytes >= 32, $"{bytes} bytes per line with an 8-byte array (32 bytes with its header) made per pulse");
    }

    private sealed class AllocatingPulse : IPulseOutput
    {
        public byte[]? Last { get; private set; }

        public bool Busy => false;

        public void Pulse(int widthMicros) => Last = new byte[8];

        public void PulseAt(long riseMicros, int widthMicros) => Last = new byte[8];
    }
}
