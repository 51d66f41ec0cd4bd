using PosFirmware.Emulator.Scenarios;
using Xunit;

namespace PosFirmware.Tests.Emulator.Scenarios;

/// <summary>
/// A run is stepped to a time and stops there: the firmware's idle sleep (up to a second) must not carry the
/// virtual clock past it, or a screen paced to the wall clock runs ahead of it and a scan window closes early.
/// </summary>
public class ScenarioRunPacingTests
{
    [Fact]
    public void Short_steps_on_an_idle_terminal_keep_to_the_times_asked()
    {
        using var run = new ScenarioRun(1);
        run.Rig.Boot();
        run.ApplyEnvironment();
        long start = run.NowNanos;
        long worstOvershoot = 0;
        for (int i = 1; i <= 100; i++)
        {
            long target = start + i * 50_000_000L;
            run.RunTo(target);
            worstOvershoot = Math.Max(worstOvershoot, run.NowNanos - target);
        }
        // 100 steps of 50 ms: 5 virtual seconds, each step ending within a loop pass of its time.
        Assert.InRange(run.NowNanos - start, 5_000_000_000L, 5_000_000_000L + 2_000_000L);
        Assert.True(worstOvershoot <= 2_000_000L, $"a step ran {worstOvershoot / 1e6:F1} ms past its time");
    }
}
