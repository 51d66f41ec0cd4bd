using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Drivers.PrintHead;

/// <summary>The single-precision hot path gives the double-precision equations' strobe time to well under a microsecond.</summary>
public class HeatTimerTests
{
    private readonly ITestOutputHelper _output;

    public HeatTimerTests(ITestOutputHelper output)
    {
        _output = output;
    }

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

    // The driver's once-per-line maths in single precision against a double computation written here from the
    // profile's own fields (not HeatEquations), over every temperature the thermistor can give, the profile's
    // whole supply range, every dot count a pass can have and the motor's whole range of periods.
    private const double CelsiusFrom = -40, CelsiusTo = 110;

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    public void Per_line_energy_sag_and_motor_rate_agree_with_a_double_reference_over_the_whole_range(string name)
    {
        var p = Profiles.Load(name);
        var timer = new HeatTimer(p);
        double worstEnergy = 0, worstLoaded = 0, worstPps = 0, worstHeat = 0;
        for (double celsius = CelsiusFrom; celsius <= CelsiusTo; celsius += 0.05)
        {
            double exact = ReferenceEnergy(p, celsius);
            worstEnergy = Math.Max(worstEnergy, Math.Abs(timer.EnergyMicrojoules((float)celsius) - exact));
        }
        foreach (double source in new[] { 0.0, 0.15, 0.5 })
        {
            for (int millivolts = p.SupplyMinMillivolts; millivolts <= p.SupplyMaxMillivolts; millivolts += 5)
            {
                for (int dots = 1; dots <= p.DotsPerLine; dots++)
                {
                    double exact = ReferenceLoaded(p, millivolts / 1000.0, dots, source);
                    worstLoaded = Math.Max(worstLoaded, Math.Abs(timer.LoadedVolts(millivolts / 1000.0f, dots, (float)source) - exact));
                }
            }
        }
        for (int millivolts = p.SupplyMinMillivolts - 500; millivolts <= p.SupplyMaxMillivolts + 500; millivolts++)
        {
            foreach (double celsius in new[] { CelsiusFrom, p.NormalMinCelsius + 0.99, p.NormalMinCelsius + 1.01, 25, p.NormalMaxCelsius - 1.01, p.NormalMaxCelsius - 0.99, CelsiusTo })
            {
                double exact = ReferencePps(p, millivolts, celsius, 1.0);
                float single = timer.MaxPps(millivolts, (float)celsius, 1.0f);
                worstPps = Math.Max(worstPps, Math.Abs(single - exact));
                foreach (int margin in new[] { 0, 5, 10 })
                {
                    // Never a step faster than the double cap, and never more than a microsecond slower.
                    double capMicros = 1e6 * (100 + margin) / (100.0 * exact);
                    long interval = StepperDrive.RateLimitMicros(single, margin);
                    Assert.InRange(interval, capMicros - 1e-3, capMicros + 1.001);
                }
            }
        }
        int fastest = int.MaxValue, slowest = 0;
        foreach (int micros in p.AccelerationMicros)
        {
            fastest = Math.Min(fastest, micros);
            slowest = Math.Max(slowest, micros);
        }
        for (double celsius = CelsiusFrom; celsius <= CelsiusTo; celsius += 1)
        {
            for (int millivolts = p.SupplyMinMillivolts; millivolts <= p.SupplyMaxMillivolts; millivolts += 50)
            {
                for (int dots = 1; dots <= p.DotsPerLine; dots = dots * 2 + 1)
                {
                    foreach (int interval in new[] { fastest, (fastest + slowest) / 2, slowest, 20000 })
                    {
                        double period = interval * p.StepsPerHeat;
                        double exact = ReferenceHeat(p, celsius, ReferenceLoaded(p, millivolts / 1000.0, dots, 0.15), dots, period);
                        float loaded = timer.LoadedVolts(millivolts / 1000.0f, dots, 0.15f);
                        float single = timer.HeatMicros(timer.EnergyMicrojoules((float)celsius), loaded, dots, (float)period);
                        worstHeat = Math.Max(worstHeat, Math.Abs(single - exact));
                    }
                }
            }
        }
        Assert.True(worstEnergy < 2e-4, $"energy: worst difference {worstEnergy} uJ");
        Assert.True(worstLoaded < 2e-5, $"sag: worst difference {worstLoaded} V");
        Assert.True(worstPps < 0.01, $"motor rate: worst difference {worstPps} pps");
        Assert.True(worstHeat < 0.05, $"strobe time: worst difference {worstHeat} us");
        _output.WriteLine($"{name}: energy {worstEnergy:G3} uJ, sag {worstLoaded:G3} V, rate {worstPps:G3} pps, strobe {worstHeat:G3} us");
    }

    [Fact]
    public void A_wrong_energy_table_or_rate_table_is_seen_by_the_reference()
    {
        var p = Profiles.Seiko();
        var wrongEnergy = new HeatTimer(Profiles.Seiko(("energyMicrojoulesAtCelsius", "25:248.9,85:85")));
        Assert.True(Math.Abs(wrongEnergy.EnergyMicrojoules(60) - ReferenceEnergy(p, 60)) > 1);
        var wrongCap = new HeatTimer(Profiles.Seiko(("extremeMaxPps", "1500")));
        Assert.True(Math.Abs(wrongCap.MaxPps(9000, 55, 1) - ReferencePps(p, 9000, 55, 1)) > 100);
    }

    private static double ReferenceEnergy(MechanismProfile p, double celsius)
    {
        double[] x = p.EnergyCelsius, y = p.EnergyMicrojoules;
        if (x.Length == 1)
        {
            return y[0];
        }
        int i = 1;
        while (i < x.Length - 1 && celsius > x[i])
        {
            i++;
        }
        return y[i - 1] + (celsius - x[i - 1]) * (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
    }

    private static double ReferencePathOhms(MechanismProfile p, int dots) =>
        p.HeaterOhms + p.DriverOhms + p.LeadOhms + dots * (p.CommonOhms + p.WiringOhms);

    private static double ReferenceLoaded(MechanismProfile p, double volts, int dots, double sourceOhms)
    {
        // The source resistance carries every dot's current: a divider of the dots' paths in parallel and the source.
        double parallel = ReferencePathOhms(p, dots) / dots;
        return volts * parallel / (parallel + sourceOhms);
    }

    private static double ReferencePps(MechanismProfile p, double millivolts, double celsius, double marginCelsius)
    {
        int[] x = p.MaxPpsMillivolts, y = p.MaxPps;
        double pps = millivolts <= x[0] ? y[0] : y[^1];
        for (int i = 1; i < x.Length && millivolts > x[0]; i++)
        {
            if (millivolts <= x[i])
            {
                pps = y[i - 1] + (millivolts - x[i - 1]) * (y[i] - y[i - 1]) / (double)(x[i] - x[i - 1]);
                break;
            }
        }
        bool outside = celsius < p.NormalMinCelsius + marginCelsius || celsius > p.NormalMaxCelsius - marginCelsius;
        return p.ExtremeMaxPps > 0 && outside ? Math.Min(pps, p.ExtremeMaxPps) : pps;
    }

    private static double ReferenceHeat(MechanismProfile p, double celsius, double loadedVolts, int dots, double periodMicros)
    {
        double v = p.EffectiveVoltageGain * loadedVolts + p.EffectiveVoltageOffset;
        double r = ReferencePathOhms(p, dots);
        double t = ReferenceEnergy(p, celsius) * r * r / (p.HeaterOhms * v * v);
        if (!p.HasPulseCorrection)
        {
            return t;
        }
        double[] c = p.PulseCorrection;
        double denominator = (loadedVolts - c[2]) * (periodMicros + c[3]) + c[4];
        return denominator <= 0 ? t : t * Math.Clamp(1 - (c[0] * loadedVolts - c[1]) / denominator, 0.05, 1.0);
    }
}
