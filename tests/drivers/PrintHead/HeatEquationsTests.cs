using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

public class HeatEquationsTests
{
    [Theory]
    // SII Table 3-19 as quoted in docs/print-head.md, strobe time (TF50KS-E2D, R_i 9 ohm, 96 dots, no wiring resistance).
    [InlineData(7.2, 20, 400, 958)]
    [InlineData(9.5, 80, 3200, 84)]
    public void Seiko_equations_reproduce_the_datasheet_table(double volts, double celsius, double pps, double tableMicros)
    {
        var eq = new HeatEquations(Profiles.Seiko(("driverOhms", "9"), ("wiringOhms", "0")));
        double twoStepMicros = 2e6 / pps;
        Assert.InRange(eq.HeatMicros(celsius, volts, 96, twoStepMicros), tableMicros - 3, tableMicros + 3);
    }

    [Fact]
    public void Jingxin_equation_gives_the_reference_value_and_scales_as_one_over_v_squared()
    {
        var eq = new HeatEquations(Profiles.Jingxin());
        // docs/print-head.md, strobe time: the JX-2R formula gives 0.56 ms at 0.13 mJ, 7.2 V, 64 dots (the datasheet rounds to 0.49 ms at 0.27 W).
        double t = eq.HeatMicros(25, 7.2, 64, 1250);
        Assert.InRange(t, 555, 565);
        Assert.Equal(t * (7.2 * 7.2) / (6.0 * 6.0), eq.HeatMicros(25, 6.0, 64, 1250), 6);
        // E0 table: 5 degC 0.16 mJ, 45 degC 0.11 mJ.
        Assert.Equal(160, eq.EnergyMicrojoules(5), 9);
        Assert.Equal(110, eq.EnergyMicrojoules(45), 9);
        Assert.Equal(120, eq.EnergyMicrojoules(35), 9);
    }

    [Fact]
    public void More_dots_at_once_need_longer_pulses_through_the_common_resistance()
    {
        var eq = new HeatEquations(Profiles.Seiko());
        Assert.True(eq.HeatMicros(25, 7.2, 96, 1000) > eq.HeatMicros(25, 7.2, 10, 1000));
        Assert.True(eq.HeatMicros(0, 7.2, 50, 1000) > eq.HeatMicros(55, 7.2, 50, 1000));
        // Eq. 8: a longer period means less stored heat, so a longer pulse.
        Assert.True(eq.HeatMicros(25, 7.2, 50, 5000) > eq.HeatMicros(25, 7.2, 50, 800));
    }

    [Theory]
    [InlineData(4750, 1198)]
    [InlineData(6000, 1865)]
    [InlineData(7200, 2506)]
    [InlineData(8500, 3200)]
    [InlineData(9500, 3200)]
    public void Seiko_max_pulse_rate_follows_eq_1(int millivolts, int pps)
    {
        Assert.InRange(new HeatEquations(Profiles.Seiko()).MaxPps(millivolts), pps - 1, pps + 1);
    }

    [Fact]
    public void Jingxin_max_pulse_rate_follows_its_table()
    {
        var eq = new HeatEquations(Profiles.Jingxin());
        Assert.Equal(500, eq.MaxPps(3500), 6);
        Assert.Equal(1280, eq.MaxPps(8500), 6);
        Assert.Equal(1162.5, eq.MaxPps(7200), 6);
    }

    [Theory]
    // JX-2R thermistor table and SII's thresholds (85 degC = 3.25 k, 60 degC = 7.45 k).
    [InlineData(0, 100000)]
    [InlineData(50, 10800)]
    [InlineData(70, 5210)]
    [InlineData(85, 3250)]
    [InlineData(60, 7450)]
    public void Thermistor_beta_equation_matches_the_datasheet_tables(double celsius, double ohms)
    {
        var eq = new HeatEquations(Profiles.Jingxin());
        Assert.InRange(eq.ThermistorCelsius(ohms), celsius - 2.0, celsius + 2.0);
    }

    [Fact]
    public void Sag_lowers_the_head_voltage_with_the_dots_on()
    {
        var eq = new HeatEquations(Profiles.Seiko());
        Assert.Equal(7.2, eq.LoadedVolts(7.2, 0, 0.15), 12);
        double loaded = eq.LoadedVolts(7.2, 96, 0.15);
        // 96 dots through 173 + 13 + 0.25 * 96 = 210 ohm each draw about 3.1 A; 0.15 ohm drops V_P by about 0.46 V
        // (docs/print-head.md, supply sag, quotes 6.58 V for 4.2 A, counting the heaters alone at their minimum).
        Assert.Equal(7.2 / (1 + 96 * 0.15 / 210.0), loaded, 9);
        Assert.InRange(loaded, 6.7, 6.8);
    }
}
