using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

/// <summary>The single-precision hot path gives the double-precision equations' strobe time to well under a microsecond.</summary>
public class HeatTimerTests
{
    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void Single_precision_agrees_with_the_double_equations_over_the_working_range(string name)
    {
        var profile = Profiles.Load(name);
        var eq = new HeatEquations(profile);
        var timer = new HeatTimer(profile);
        double worst = 0;
        foreach (double celsius in new[] { -10.0, 0, 25, 45, 60 })
        {
            foreach (double volts in new[] { 4.8, 6.0, 7.2, 8.4, 9.5 })
            {
                foreach (int dots in new[] { 1, 17, 64, 96 })
                {
                    foreach (double period in new[] { 626.0, 1250, 5000 })
                    {
                        double loaded = eq.LoadedVolts(volts, dots, 0.15);
                        float loadedSingle = timer.LoadedVolts((float)volts, dots, 0.15f);
                        Assert.InRange(loadedSingle, loaded - 1e-4, loaded + 1e-4);
                        double exact = eq.HeatMicros(celsius, loaded, dots, period);
                        double single = timer.HeatMicros((float)eq.EnergyMicrojoules(celsius), loadedSingle, dots, (float)period);
                        worst = Math.Max(worst, Math.Abs(single - exact));
                    }
                }
            }
        }
        Assert.True(worst < 0.05, $"worst difference {worst} us");
    }

    [Fact]
    public void A_wrong_constant_is_seen()
    {
        var eq = new HeatEquations(Profiles.Seiko());
        var wrong = new HeatTimer(Profiles.Seiko(("driverOhms", "9")));
        double exact = eq.HeatMicros(25, 7.2, 96, 1000);
        Assert.True(Math.Abs(wrong.HeatMicros((float)eq.EnergyMicrojoules(25), 7.2f, 96, 1000) - exact) > 5);
    }
}
