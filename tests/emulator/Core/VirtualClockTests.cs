using PosFirmware.Emulator.Core;
using Xunit;

namespace PosFirmware.Tests.Emulator.Core;

public class VirtualClockTests
{
    [Fact]
    public void Actions_run_in_time_order_and_ties_in_schedule_order()
    {
        var clock = new VirtualClock();
        var order = new List<string>();
        clock.ScheduleAt(300, () => order.Add("c"));
        clock.ScheduleAt(100, () => order.Add("a1"));
        clock.ScheduleAt(100, () => order.Add("a2"));
        clock.ScheduleAt(200, () => order.Add("b"));
        clock.RunUntil(250);
        Assert.Equal(new[] { "a1", "a2", "b" }, order);
        Assert.Equal(250, clock.NowNanos);
        clock.RunUntil(300);
        Assert.Equal("c", order[^1]);
    }

    [Fact]
    public void An_action_due_one_tick_after_the_target_does_not_run()
    {
        var clock = new VirtualClock();
        bool ran = false;
        clock.ScheduleAt(1001, () => ran = true);
        clock.DelayMicros(1);
        Assert.False(ran);
        clock.RunUntil(1001);
        Assert.True(ran);
    }
}
