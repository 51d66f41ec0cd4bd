using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The motor's phase port: a port write is read at once, with every level in place, and moves the paper
/// exactly as the same levels written pin by pin (and read once they settle) do.
/// </summary>
public class MotorPortTests
{
    private static int Levels(MechanismProfile p, int state)
    {
        int a = p.ExcitationCoilA[state], b = p.ExcitationCoilB[state];
        return (a > 0 ? 1 : 0) | (b > 0 ? 2 : 0) | (a < 0 ? 4 : 0) | (b < 0 ? 8 : 0);
    }

    [Fact]
    public void A_port_write_steps_the_motor_at_once_without_a_clock_action()
    {
        var profile = Profiles.Seiko();
        var p = PrinterRig.Make(profile);
        var clock = p.Board.Clock;
        p.MotorPort.Write(Levels(profile, 0));
        clock.Advance(10_000_000);
        Assert.True(p.Motor.Energized);
        long due = clock.NextDueNanos;
        p.MotorPort.Write(Levels(profile, 1));
        // Read in the write itself: the step is made and nothing waits on the clock for it.
        Assert.Equal(1, p.Motor.PositionSteps);
        Assert.Equal(due, clock.NextDueNanos);
        Assert.Equal(Levels(profile, 1), p.MotorPort.Levels);
        Assert.Equal(Levels(profile, 1), p.MotorPhases.Select((pin, i) => pin.Level ? 1 << i : 0).Sum());
    }

    [Fact]
    public void Single_writes_pending_at_an_instant_are_read_once_with_a_port_write_that_follows()
    {
        // A falls alone (read then, the coils would be open: a release), then the port sets B alone at the
        // same instant: one read, after both, sees the step from A+B to B.
        var profile = Profiles.Seiko();
        var p = PrinterRig.Make(profile);
        p.MotorPort.Write(1); // A
        p.Board.Clock.Advance(10_000_000);
        p.MotorPort.Write(3); // A+B
        p.Board.Clock.Advance(10_000_000);
        long released = 0;
        p.Motor.Released = _ => released++;
        p.MotorPhases[0].Write(false);
        Assert.Equal(2, p.MotorPort.Levels); // the port's levels follow a pin written alone
        p.MotorPort.Write(2);
        Assert.Equal(1, p.Motor.PositionSteps); // the single write waits for the instant to settle
        p.Board.Clock.Advance(0);
        Assert.Equal(2, p.Motor.PositionSteps);
        Assert.Equal(0, released);
        Assert.Equal(0, p.Motor.MissedSteps);
    }

    [Fact]
    public void Port_writes_move_the_paper_as_the_same_levels_written_pin_by_pin_do()
    {
        // Random runs of steps forward and back, at paces from too fast to held, with releases, skipped and
        // invalid states: the port's reads at the write and the pins' reads after the instant settles agree
        // on every position, miss and report. A seed replays.
        int seed = Environment.TickCount;
        try
        {
            var random = new Random(seed);
            var profile = Profiles.Seiko();
            var byPort = PrinterRig.Make(profile);
            var byPins = PrinterRig.Make(profile);
            int n = profile.ExcitationStates;
            int state = 0;
            var paces = new long[] { 0, 200, 900, 1_500, 2_000, 3_000, 5_000, 7_000, 120_000 };
            for (int i = 0; i < 4000; i++)
            {
                int roll = random.Next(100);
                int levels;
                if (roll < 70)
                {
                    state = (state + 1) % n;
                    levels = Levels(profile, state);
                }
                else if (roll < 80)
                {
                    state = (state + n - 1) % n;
                    levels = Levels(profile, state);
                }
                else if (roll < 85)
                {
                    state = (state + 2 + random.Next(n - 3)) % n;
                    levels = Levels(profile, state);
                }
                else if (roll < 92)
                {
                    levels = 0;
                }
                else
                {
                    levels = random.Next(16);
                }
                byPort.MotorPort.Write(levels);
                // The same levels pin by pin, in any order: the model reads them once they all are written.
                foreach (int pin in Enumerable.Range(0, 4).OrderBy(_ => random.Next()))
                {
                    byPins.MotorPhases[pin].Write((levels >> pin & 1) != 0);
                }
                long nanos = paces[random.Next(paces.Length)] * 1000L + random.Next(3) * 1000L;
                byPort.Board.Clock.Advance(nanos);
                byPins.Board.Clock.Advance(nanos);
                Assert.True(byPins.Motor.PositionSteps == byPort.Motor.PositionSteps, $"seed {seed}, write {i}: position");
                Assert.True(byPins.Motor.MissedSteps == byPort.Motor.MissedSteps, $"seed {seed}, write {i}: missed steps");
                Assert.True(byPins.Motor.Energized == byPort.Motor.Energized, $"seed {seed}, write {i}: energized");
                Assert.True(byPins.Motor.LastIntervalNanos == byPort.Motor.LastIntervalNanos, $"seed {seed}, write {i}: last interval");
            }
            Assert.Equal(byPins.Violations, byPort.Violations);
            // The run went through every kind of report and miss, so each path was compared.
            Assert.True(byPort.Motor.MissedSteps > 0 && byPort.Checker.Count(TimingRule.MotorTooFast) > 0, $"seed {seed}");
            Assert.True(byPort.Checker.Count(TimingRule.StopHoldTooShort) > 0, $"seed {seed}");
            Assert.True(byPort.Motor.PositionSteps != 0, $"seed {seed}");
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"seed {seed}", e);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Each_step_is_judged_at_the_head_supply_and_temperature_of_its_instant(int seed)
    {
        // The motor reads the head it feeds at every step: the battery and the head's temperature change at
        // random between steps (the head in, above and below its normal range), and every step refused for the
        // max rate names the supply and temperature read straight from the head at that instant.
        var random = new Random(seed);
        var profile = Profiles.Seiko();
        var p = PrinterRig.Make(profile);
        var clock = p.Board.Clock;
        int rateReports = 0;
        int cappedReports = 0;
        p.Checker.Reported = v =>
        {
            if (v.Rule != TimingRule.MotorTooFast || !v.Detail.Contains("max rate"))
            {
                return;
            }
            double celsius = p.Thermal.HeadCelsiusAt(v.AtNanos);
            string expected = $"max rate at {p.Head.HeadVolts:F2} V and {celsius:F1} degC";
            Assert.True(v.Detail.Contains(expected), $"seed {seed}: \"{v.Detail}\", the head has {expected}");
            rateReports++;
            cappedReports += celsius > profile.NormalMaxCelsius || celsius < profile.NormalMinCelsius ? 1 : 0;
        };
        int n = profile.ExcitationStates;
        int state = 0;
        var table = profile.AccelerationMicros;
        var goals = new long[] { 350, 600, 800, 950, 1_100, 1_400 };
        // Runs from standstill up the acceleration table towards a pace, each at its own supply and temperature,
        // some of them changed under the run.
        for (int run = 0; run < 120; run++)
        {
            Change();
            p.MotorPort.Write(0);
            clock.Advance(30_000_000);
            p.MotorPort.Write(Levels(profile, state));
            clock.Advance(10_000_000);
            long goal = goals[random.Next(goals.Length)];
            for (int i = 0; i < 40; i++)
            {
                if (random.Next(20) == 0)
                {
                    Change();
                }
                clock.Advance(Math.Max(table[Math.Min(i, table.Length - 1)], goal) * 1000L);
                state = (state + 1) % n;
                p.MotorPort.Write(Levels(profile, state));
            }
        }
        Assert.True(rateReports > 20 && cappedReports > 5, $"seed {seed}: {rateReports} steps refused for the rate, {cappedReports} of them capped by temperature; {p.Motor.MissedSteps} missed, {p.Motor.PositionSteps} made; {p.Checker.Summary()}");
        Assert.True(p.Motor.PositionSteps > 1000, $"seed {seed}: {p.Motor.PositionSteps} steps made");
        Assert.True(p.Paper.Height * profile.StepsPerHeat * profile.HeatsPerDotLine >= p.Motor.PositionSteps,
            $"seed {seed}: paper {p.Paper.Height} rows after {p.Motor.PositionSteps} steps (the head hears of each step)");

        void Change()
        {
            switch (random.Next(3))
            {
                case 0:
                    p.Head.SupplyOpenVolts = 4.0 + random.Next(45) * 0.1;
                    break;
                case 1:
                    p.Thermal.SetCelsius(clock.NowNanos, profile.NormalMinCelsius - 20 + random.Next(profile.NormalMaxCelsius - profile.NormalMinCelsius + 40));
                    break;
            }
        }
    }

    [Theory]
    [InlineData("LTPD245C")]
    [InlineData("JX-2R-01")]
    [InlineData("full-step")]
    public void Each_of_the_sixteen_port_levels_reads_as_its_coil_currents_say(string name)
    {
        // From state 0 held, each levels is read as the straightforward sum says: A - /A and B - /B, then the
        // first state with those currents; neither coil driven is a release, none in the table a report.
        var profile = name == "full-step" ? Profiles.Seiko(("excitation", "HHLL,LHHL,LLHH,HLLH")) : Profiles.Load(name);
        int n = profile.ExcitationStates;
        for (int levels = 0; levels < 16; levels++)
        {
            var p = PrinterRig.Make(profile);
            p.MotorPort.Write(Levels(profile, 0));
            p.Board.Clock.Advance(30_000_000);
            p.MotorPort.Write(levels);
            p.Board.Clock.Advance(30_000_000);
            int a = (levels & 1) - (levels >> 2 & 1), b = (levels >> 1 & 1) - (levels >> 3 & 1);
            int state = Enumerable.Range(0, n).Where(i => profile.ExcitationCoilA[i] == a && profile.ExcitationCoilB[i] == b).DefaultIfEmpty(-1).First();
            int d = (state + n) % n;
            d = d > n / 2 ? d - n : d;
            Assert.True((a == 0 && b == 0) != p.Motor.Energized, $"levels {levels}: energized");
            Assert.True((a != 0 || b != 0) && state < 0 ? p.Checker.Count(TimingRule.MotorPhaseInvalid) == 1 : p.Checker.Count(TimingRule.MotorPhaseInvalid) == 0, $"levels {levels}: invalid");
            long expected = state >= 0 && (d == 1 || d == -1) ? d : 0;
            Assert.True(expected == p.Motor.PositionSteps, $"levels {levels}: position {p.Motor.PositionSteps}, expected {expected}");
            Assert.True((state > 0 && d != 1 && d != -1 ? 1 : 0) == p.Motor.MissedSteps, $"levels {levels}: missed steps");
        }
    }
}
