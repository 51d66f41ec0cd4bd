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

    [Fact]
    public void Many_actions_with_ties_and_cancels_run_in_time_then_schedule_order()
    {
        // A reference the heap cannot share: every action listed, sorted by (due time, order scheduled).
        var random = new Random(11);
        var clock = new VirtualClock();
        var ran = new List<int>();
        var expected = new List<(long At, int Id)>();
        var cancelled = new HashSet<int>();
        for (int id = 0; id < 5000; id++)
        {
            long at = random.Next(0, 400) * 1000L;
            int copy = id;
            var action = clock.ScheduleAt(at, () => ran.Add(copy));
            if (random.Next(10) == 0)
            {
                action.Cancel();
                cancelled.Add(id);
            }
            else
            {
                expected.Add((at, id));
            }
        }
        expected.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Id.CompareTo(b.Id));
        clock.RunUntil(200_000);
        int due = expected.Count(e => e.At <= 200_000);
        Assert.Equal(expected.Take(due).Select(e => e.Id), ran);
        // Actions scheduled while running join the queue in order too.
        clock.ScheduleAt(200_000, () => ran.Add(-1));
        clock.RunAll(long.MaxValue);
        Assert.Equal(expected.Take(due).Select(e => e.Id).Append(-1).Concat(expected.Skip(due).Select(e => e.Id)), ran);
        Assert.Equal(0, clock.PendingCount);
        Assert.DoesNotContain(ran, cancelled.Contains);
    }
}
