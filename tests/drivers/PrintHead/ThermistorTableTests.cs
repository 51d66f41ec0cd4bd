using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

public class ThermistorTableTests
{
    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void The_table_gives_the_beta_equation_within_five_hundredths_of_a_degree_over_the_heads_range(string name)
    {
        var profile = Profiles.Load(name);
        var config = new PrintHeadConfig();
        var eq = new HeatEquations(profile);
        var table = new ThermistorTable(eq, config);
        double worst = 0;
        int checkedPins = 0;
        for (int pin = config.ThermistorShortMillivolts + 1; pin < config.ThermistorOpenMillivolts; pin++)
        {
            double ohms = (double)config.ThermistorPullUpOhms * pin / (config.ThermistorReferenceMillivolts - pin);
            double exact = eq.ThermistorCelsius(ohms);
            if (exact < -20 || exact > 100)
            {
                continue;
            }
            worst = Math.Max(worst, Math.Abs(table.Celsius(pin) - exact));
            checkedPins++;
        }
        Assert.True(checkedPins > 1000);
        // 0.05 degC is 0.06 % of the rated energy (LTPD245C Eq. 4: 1.2 % per degC).
        Assert.True(worst < 0.05, $"worst {worst:F4} degC");
    }
}
