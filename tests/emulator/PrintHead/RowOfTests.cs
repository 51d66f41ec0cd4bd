using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// The head model carries the paper's row from one step to the next instead of dividing at every step: the
/// rows it gives, and the steps into a new firing window it reports under a strobe, are the floor divisions
/// worked out straight, on random walks of the paper forward, back and jumping.
/// </summary>
public class RowOfTests
{
    private static long Floor(long value, long divisor) => value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_row_of_every_position_is_the_floor_division_worked_out_straight(int seed)
    {
        var random = new Random(seed);
        var profile = Profiles.Seiko();
        var head = PrinterRig.Make(profile).Head;
        long stepsPerRow = profile.StepsPerDotLine;
        long position = random.Next(-50, 50);
        for (int i = 0; i < 50_000; i++)
        {
            int roll = random.Next(100);
            position += roll < 60 ? 1 : roll < 90 ? -1 : roll < 95 ? 0 : random.Next(-1000, 1000);
            long row = head.RowOf(position);
            Assert.True(Floor(position - 1, stepsPerRow) == row, $"seed {seed}, look-up {i}: row {row} at {position} steps, straight {Floor(position - 1, stepsPerRow)}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Steps_into_a_new_firing_window_under_a_strobe_are_reported_where_the_division_says(int seed)
    {
        // The motor steps forward and back at a start step's pace, some steps under a long strobe: each step
        // under it whose position begins a window (floor((p - 1) / StepsPerHeat) changes) is reported, no other.
        var random = new Random(seed);
        var profile = Profiles.Seiko();
        var p = PrinterRig.Make(profile);
        var clock = p.Board.Clock;
        var expected = new List<long>();
        int n = profile.ExcitationStates;
        int state = 0;
        p.MotorPort.Write(Levels(profile, state));
        clock.Advance(20_000_000);
        for (int pulse = 0; pulse < 40; pulse++)
        {
            p.Strobes[0].PulseAt(-1, 40_000);
            for (int step = 0; step < 6; step++)
            {
                clock.Advance(6_000_000);
                bool on = p.Strobes[0].Level;
                long before = p.Motor.PositionSteps;
                state = (state + (random.Next(3) == 0 ? n - 1 : 1)) % n;
                p.MotorPort.Write(Levels(profile, state));
                long after = p.Motor.PositionSteps;
                Assert.True(Math.Abs(after - before) == 1, $"seed {seed}: the motor stepped from {before} to {after}");
                if (on && Floor(after - 1, profile.StepsPerHeat) != Floor(after - 2, profile.StepsPerHeat))
                {
                    expected.Add(after);
                }
            }
            clock.Advance(10_000_000);
        }
        var reported = p.Violations.Where(v => v.Rule == TimingRule.HeatIntoNextWindow)
            .Select(v => long.Parse(v.Detail[(v.Detail.LastIndexOf('(') + 1)..v.Detail.LastIndexOf(" steps", StringComparison.Ordinal)]))
            .ToList();
        Assert.True(expected.Count > 10, $"seed {seed}: {expected.Count} steps into a new window under the strobe");
        Assert.Equal(expected, reported);
    }

    private static int Levels(MechanismProfile p, int state)
    {
        int a = p.ExcitationCoilA[state], b = p.ExcitationCoilB[state];
        return (a > 0 ? 1 : 0) | (b > 0 ? 2 : 0) | (a < 0 ? 4 : 0) | (b < 0 ? 8 : 0);
    }
}
