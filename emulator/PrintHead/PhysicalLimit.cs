using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The fastest a page can physically print on a mechanism, computed from the profile and the conditions
/// alone (not from the driver): the paper starts from standstill with the acceleration table; each firing
/// window lasts at least the motor's steps at the max rate for the supply and temperature, and the heat of
/// the fewest passes the current cap allows, ceil(black / max dots) passes at the ideal strobe time for the
/// line's head temperature and the supply sagged under the pass (no heat may run into the next window);
/// with <paramref name="withSameDotRest"/> it also lasts the strobe plus the datasheet's same-dot rest (and
/// period) when the next firing reuses dots. Between two passes of a firing it keeps the datasheet's
/// interface minimum (strobe off to the next latch, the latch pulse, latch to strobe); every other interface
/// cost (shifting, calls) counts as zero, so a driver can only be slower: speed / limit is at most 1 when
/// the conditions are the run's.
/// </summary>
public static class PhysicalLimit
{
    /// <summary>Seconds the page takes at the limit, at constant conditions and a stiff supply.</summary>
    public static double Seconds(MechanismProfile profile, IReadOnlyList<byte[]> lines, double supplyVolts, double celsius, bool withSameDotRest) =>
        Seconds(profile, lines, LimitConditions.Held(supplyVolts, 0, celsius), withSameDotRest);

    /// <summary>Seconds the page takes at the limit under the given conditions.</summary>
    public static double Seconds(MechanismProfile profile, IReadOnlyList<byte[]> lines, LimitConditions conditions, bool withSameDotRest) =>
        Walk(profile, lines, conditions, withSameDotRest, null);

    /// <summary>
    /// The limit's own account of a page, in us summed over it: the firing periods the motor binds, the heat
    /// binds and the same-dot rest binds, and the heat (strobe time of every pass) inside them.
    /// </summary>
    public static LimitAccount Account(MechanismProfile profile, IReadOnlyList<byte[]> lines, LimitConditions conditions)
    {
        var sums = new double[4];
        Walk(profile, lines, conditions, true, sums);
        return new LimitAccount(sums[0], sums[1], sums[2], sums[3]);
    }

    /// <summary>The limit's periods by what binds them, and its heat, in us over a page.</summary>
    public sealed record LimitAccount(double MotorBoundMicros, double HeatBoundMicros, double RestBoundMicros, double HeatMicros)
    {
        /// <summary>The page's time at the limit, in us: its periods, whatever binds them.</summary>
        public double TotalMicros => MotorBoundMicros + HeatBoundMicros + RestBoundMicros;
    }

    private static double Walk(MechanismProfile profile, IReadOnlyList<byte[]> lines, LimitConditions conditions, bool withSameDotRest, double[]? sums)
    {
        var physics = new HeadPhysics(profile);
        // Between two passes of a firing the datasheet's interface rules leave the head unheated: the wait
        // from a strobe's end to the next latch, the latch pulse, and the latch-to-strobe time. A rule like
        // the same-dot rest, so the limit keeps it; shifting the next pass overlaps the strobe and costs none.
        double passGapMicros = (profile.LatchWaitNanos + profile.LatchWidthNanos + profile.LatchToStrobeNanos) / 1000.0;
        double supplyVolts = conditions.SupplyVolts;
        double lastInterval = profile.AccelerationMicros[0];
        double lastPeriod = lastInterval * profile.StepsPerHeat;
        double time = profile.AccelerationMicros[0]; // energise, hold the start step, then the first step
        int heats = lines.Count * profile.HeatsPerDotLine;
        for (int h = 0; h < heats; h++)
        {
            int lineIndex = h / profile.HeatsPerDotLine;
            byte[] line = lines[lineIndex];
            double celsius = conditions.CelsiusOfLine(lineIndex);
            double rateMicros = 1e6 / physics.MaxPps(supplyVolts, celsius);
            int black = Black(line);
            double heatMicros = 0;
            double strobeMicros = 0;
            double restMicros = 0;
            if (black > 0)
            {
                int passes = (black + profile.MaxSimultaneousDots - 1) / profile.MaxSimultaneousDots;
                int dots = (black + passes - 1) / passes;
                double volts = physics.HeadVolts(supplyVolts, conditions.SourceOhms, dots);
                double strobe = physics.IdealHeatMicros(celsius, volts, dots, lastPeriod);
                strobeMicros = passes * strobe;
                heatMicros = strobeMicros + (passes - 1) * passGapMicros;
                bool reused = h + 1 < heats && Overlap(line, lines[(h + 1) / profile.HeatsPerDotLine]);
                if (withSameDotRest && reused)
                {
                    restMicros = Math.Max(strobe + profile.SameDotRestMicros, profile.SameDotMinPeriodMicros);
                }
            }
            // The steps up to the next firing, as fast as the table and the supply allow...
            double motor = 0;
            double interval = lastInterval;
            for (int s = 0; s < profile.StepsPerHeat; s++)
            {
                interval = Math.Max(physics.AccelerationFloorMicros(interval), rateMicros);
                motor += interval;
            }
            double period = Math.Max(motor, Math.Max(heatMicros, restMicros));
            if (sums != null)
            {
                sums[period == motor ? 0 : period == heatMicros ? 1 : 2] += period;
                sums[3] += strobeMicros;
            }
            // When the heat needs longer, some step of the window is longer than the motor's pace, and the
            // table then limits the next steps; how much depends on where the driver puts the wait, so the
            // limit takes none of it: the motor goes on from its own pace (a bound no driver can beat).
            // The strobe time of Eq. 8 follows the real firing period W, the window's own.
            lastInterval = interval;
            lastPeriod = Math.Max(interval * profile.StepsPerHeat, period);
            time += period;
        }
        return time / 1e6;
    }

    /// <summary>Paper speed at the limit, in mm/s, at constant conditions and a stiff supply.</summary>
    public static double MillimetresPerSecond(MechanismProfile profile, IReadOnlyList<byte[]> lines, double supplyVolts, double celsius, bool withSameDotRest) =>
        lines.Count * profile.DotPitchMicrons / 1000.0 / Seconds(profile, lines, supplyVolts, celsius, withSameDotRest);

    /// <summary>Paper speed at the limit under the given conditions, in mm/s.</summary>
    public static double MillimetresPerSecond(MechanismProfile profile, IReadOnlyList<byte[]> lines, LimitConditions conditions, bool withSameDotRest) =>
        lines.Count * profile.DotPitchMicrons / 1000.0 / Seconds(profile, lines, conditions, withSameDotRest);
    private static int Black(byte[] line)
    {
        int n = 0;
        foreach (byte b in line)
        {
            n += System.Numerics.BitOperations.PopCount(b);
        }
        return n;
    }

    private static bool Overlap(byte[] a, byte[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if ((a[i] & b[i]) != 0)
            {
                return true;
            }
        }
        return false;
    }
}
