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

    [Fact]
    public void Actions_scheduled_for_the_present_instant_run_after_those_already_due_then_in_schedule_order()
    {
        // Same-instant work (a model settling several writes) is held apart from the heap; the order is the same.
        var clock = new VirtualClock();
        var ran = new List<string>();
        clock.ScheduleAt(100, () =>
        {
            ran.Add("a");
            clock.ScheduleAt(100, () =>
            {
                ran.Add("now1");
                clock.ScheduleAt(100, () => ran.Add("now3"));
            });
            clock.ScheduleAt(100, () => ran.Add("now2"));
            clock.ScheduleAt(100, () => ran.Add("cancelled")).Cancel();
            Assert.Equal(100, clock.NextDueNanos);
        });
        clock.ScheduleAt(100, () => ran.Add("b"));
        clock.ScheduleAt(150, () => ran.Add("later"));
        clock.RunUntil(100);
        Assert.Equal(new[] { "a", "b", "now1", "now2", "now3" }, ran);
        Assert.Equal(1, clock.PendingCount);
        var held = clock.ScheduleAt(100, () => ran.Add("held"));
        Assert.Equal(100, clock.NextDueNanos);
        Assert.Equal(2, clock.PendingCount);
        held.Cancel();
        clock.RunAll(long.MaxValue);
        Assert.Equal(new[] { "a", "b", "now1", "now2", "now3", "later" }, ran);
        Assert.Equal(5 + 1, clock.ActionsRun);
    }

    [Fact]
    public void Actions_that_schedule_and_cancel_as_they_run_keep_the_order_of_a_plain_sorted_list()
    {
        // A reference with no split queues: every entry in one list, the first by (due time, order scheduled) runs.
        int seed = Environment.TickCount;
        try
        {
            var clock = new VirtualClock();
            var ran = new List<int>();
            var reference = new List<(long At, long Order, int Id)>();
            var referenceRan = new List<int>();
            long referenceNow = 0;
            long order = 0;
            var handles = new Dictionary<int, ScheduledAction>();
            var cancelledIds = new HashSet<int>();
            int nextId = 0;

            // What an action does when it runs, drawn from its id alone, so both sides do the same.
            List<(long Delay, int Id, bool CancelOne)> Children(int id)
            {
                var random = new Random(seed ^ (id * 7919));
                var children = new List<(long, int, bool)>();
                int n = id < 40 ? 3 : random.Next(3);
                for (int i = 0; i < n && nextId < 4000; i++)
                {
                    long delay = random.Next(3) switch { 0 => 0, 1 => random.Next(1, 4) * 100, _ => random.Next(0, 2) * 1000 };
                    children.Add((delay, nextId++, random.Next(8) == 0));
                }
                return children;
            }

            var plan = new Dictionary<int, List<(long Delay, int Id, bool CancelOne)>>();
            void Run(int id)
            {
                ran.Add(id);
                foreach (var (delay, child, cancel) in plan[id])
                {
                    int copy = child;
                    handles[child] = clock.ScheduleIn(delay, () => Run(copy));
                    if (cancel)
                    {
                        handles[child].Cancel();
                    }
                }
            }

            // The plan is fixed first (ids in order of drawing), then replayed on both sides.
            var pending = new Queue<int>();
            for (int i = 0; i < 8; i++)
            {
                pending.Enqueue(nextId++);
            }
            var roots = pending.ToList();
            while (pending.Count > 0)
            {
                int id = pending.Dequeue();
                plan[id] = Children(id);
                foreach (var child in plan[id])
                {
                    pending.Enqueue(child.Id);
                    if (child.CancelOne)
                    {
                        cancelledIds.Add(child.Id);
                    }
                }
            }

            foreach (int root in roots)
            {
                int copy = root;
                clock.ScheduleAt(root % 3 * 100, () => Run(copy));
                reference.Add((root % 3 * 100, order++, root));
            }
            while (reference.Count > 0)
            {
                var first = reference.MinBy(e => (e.At, e.Order));
                reference.Remove(first);
                referenceNow = first.At;
                if (cancelledIds.Contains(first.Id))
                {
                    continue;
                }
                referenceRan.Add(first.Id);
                foreach (var (delay, child, _) in plan[first.Id])
                {
                    reference.Add((referenceNow + delay, order++, child));
                }
            }

            clock.RunAll(long.MaxValue);

            Assert.True(referenceRan.Count > 100, $"seed {seed}");
            Assert.True(referenceRan.SequenceEqual(ran), $"seed {seed}: order differs from the sorted list");
            Assert.Equal(referenceRan.Count, clock.ActionsRun);
            Assert.Equal(0, clock.PendingCount);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"seed {seed}", e);
        }
    }

    [Fact]
    public void Actions_due_at_one_instant_run_in_schedule_order_however_far_ahead_each_was_scheduled()
    {
        // The clock keeps actions scheduled far ahead apart from the near ones: the order must still be one
        // sorted list, ties between the two in the order scheduled, and waits must see both.
        var clock = new VirtualClock();
        var ran = new List<string>();
        long at = 10_000_000;
        clock.ScheduleAt(at, () => ran.Add("far"));
        clock.ScheduleAt(at + 1, () => ran.Add("far, later"));
        var cancelled = clock.ScheduleAt(at + 2, () => ran.Add("cancelled"));
        clock.RunUntil(at - 1000);
        Assert.Equal(at, clock.NextDueNanos);
        clock.ScheduleAt(at, () => ran.Add("near, scheduled after far"));
        clock.ScheduleAt(at - 500, () => ran.Add("near, first"));
        clock.ScheduleAt(at + 1, () => ran.Add("near, after far, later"));
        cancelled.Cancel();
        Assert.Equal(at - 500, clock.NextDueNanos);
        Assert.Equal(6, clock.PendingCount);
        clock.RunUntil(at + 1);
        Assert.Equal(new[] { "near, first", "far", "near, scheduled after far", "far, later", "near, after far, later" }, ran);
        Assert.Equal(at + 2, clock.NextDueNanos);
        clock.RunUntil(at + 2);
        Assert.Equal(5, ran.Count);
        Assert.Equal(0, clock.PendingCount);
        Assert.Equal(long.MaxValue, clock.NextDueNanos);
    }

    [Fact]
    public void A_cancelled_action_keeps_its_place_until_its_time_and_never_runs()
    {
        // Waits jump to the next due time, so a cancelled action must still be seen there, as before handles were values.
        var clock = new VirtualClock();
        var ran = new List<string>();
        var early = clock.ScheduleAt(100, () => ran.Add("early"));
        clock.ScheduleAt(100, () => ran.Add("tie"));
        clock.ScheduleAt(500, () => ran.Add("late"));
        early.Cancel();
        Assert.Equal(3, clock.PendingCount);
        Assert.Equal(100, clock.NextDueNanos);
        clock.RunUntil(100);
        Assert.Equal(new[] { "tie" }, ran);
        Assert.Equal(1, clock.ActionsRun);
        Assert.Equal(500, clock.NextDueNanos);
    }

    [Fact]
    public void Cancelling_after_the_run_or_through_a_default_handle_touches_nothing_else()
    {
        var clock = new VirtualClock();
        var ran = new List<string>();
        var first = clock.ScheduleAt(100, () => ran.Add("first"));
        clock.RunUntil(100);
        // Scheduled at the same instant after the first ran: a handle that matched on time alone would cancel it.
        clock.ScheduleAt(100, () => ran.Add("second"));
        first.Cancel();
        default(ScheduledAction).Cancel();
        ScheduledAction? none = null;
        none?.Cancel();
        clock.RunUntil(200);
        Assert.Equal(new[] { "first", "second" }, ran);
    }

    [Fact]
    public void One_kept_delegate_queued_many_times_runs_each_time_in_its_place()
    {
        // Models pass the same delegate for every edge; each queued entry is its own, in time then schedule order.
        var clock = new VirtualClock();
        var ran = new List<string>();
        int kept = 0;
        Action edge = () => ran.Add("edge" + kept++);
        clock.ScheduleAt(200, edge);
        clock.ScheduleAt(100, () => ran.Add("a"));
        var cancelled = clock.ScheduleAt(100, edge);
        clock.ScheduleAt(100, edge);
        clock.ScheduleAt(200, () => ran.Add("b"));
        cancelled.Cancel();
        clock.RunAll(long.MaxValue);
        Assert.Equal(new[] { "a", "edge0", "edge1", "b" }, ran);
    }

    [Fact]
    public void Scheduling_and_running_a_kept_delegate_allocates_nothing()
    {
        var clock = new VirtualClock();
        long count = 0;
        Action tick = () => count++;
        void Cycle()
        {
            for (int i = 0; i < 1000; i++)
            {
                clock.ScheduleIn(1000 + (i % 7) * 10, tick);
                clock.ScheduleIn(5, tick).Cancel();
                clock.Advance(500);
            }
            clock.RunAll(long.MaxValue);
        }
        Cycle(); // the queue grows to its size and the code is compiled
        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(2000, count);
    }

    [Fact]
    public void Actions_queued_at_the_front_the_end_and_between_run_in_the_order_of_a_sorted_list()
    {
        // The queue places an action by scanning from its ends and moving the entries on the nearer side: bursts
        // that make it grow, queues drained to empty, actions due now ahead of later ones, far ones that stay at the
        // end, ties and cancels, each checked against one list sorted by (due time, order scheduled).
        int seed = Environment.TickCount;
        var random = new Random(seed);
        var clock = new VirtualClock();
        var ran = new List<int>();
        var reference = new List<(long At, int Id)>();
        var handles = new List<(ScheduledAction Handle, int Id)>();
        var cancelled = new HashSet<int>();
        var expected = new List<int>();
        int nextId = 0;
        void Schedule(long at)
        {
            int id = nextId++;
            handles.Add((clock.ScheduleAt(at, () => ran.Add(id)), id));
            reference.Add((at, id));
        }
        for (int round = 0; round < 3000; round++)
        {
            long now = clock.NowNanos;
            int burst = random.Next(10) == 0 ? random.Next(50, 300) : random.Next(1, 6);
            for (int i = 0; i < burst; i++)
            {
                long at = random.Next(6) switch
                {
                    0 => now,
                    1 => now + random.Next(1, 5) * 1000,
                    2 => reference.Count > 0 ? reference[random.Next(reference.Count)].At : now,
                    3 => now + 1_000_000_000L + random.Next(1000),
                    _ => now + random.Next(0, 50_000),
                };
                Schedule(Math.Max(at, now));
            }
            if (handles.Count > 0 && random.Next(4) == 0)
            {
                var (handle, id) = handles[random.Next(handles.Count)];
                handle.Cancel();
                cancelled.Add(id);
            }
            long target = random.Next(8) == 0 ? now + 2_000_000_000L : now + random.Next(0, 20_000);
            // A stable sort by due time keeps the order scheduled among ties (ids rise with it).
            var due = reference.Where(e => e.At <= target).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
            reference.RemoveAll(e => e.At <= target);
            expected.AddRange(due.Where(e => !cancelled.Contains(e.Id)).Select(e => e.Id));
            clock.RunUntil(target);
            Assert.True(expected.Count == ran.Count && expected.SequenceEqual(ran), $"seed {seed}: round {round} runs out of order");
            Assert.Equal(reference.Count, clock.PendingCount);
            Assert.Equal(reference.Count == 0 ? long.MaxValue : reference.Min(e => e.At), clock.NextDueNanos);
            if (handles.Count > 500)
            {
                handles.RemoveRange(0, 250);
            }
        }
        Assert.True(ran.Count > 10_000, $"seed {seed}");
    }

    [Fact]
    public void A_queue_drained_wherever_its_entries_ended_takes_actions_due_now_and_later_in_order()
    {
        // Runs of actions in time order move the queue's entries along its array; drained, it must take an
        // action due now and one due later wherever they ended, the end of the array included.
        var clock = new VirtualClock();
        var ran = new List<int>();
        for (int n = 1; n <= 300; n++)
        {
            long now = clock.NowNanos;
            for (int i = 0; i < n; i++)
            {
                int id = i;
                clock.ScheduleAt(now + 10 + i, () => ran.Add(id));
            }
            clock.RunUntil(now + 10 + n);
            Assert.Equal(Enumerable.Range(0, n), ran);
            ran.Clear();
            clock.ScheduleAt(clock.NowNanos + 5, () => ran.Add(2));
            clock.ScheduleAt(clock.NowNanos, () => ran.Add(1));
            clock.ScheduleAt(clock.NowNanos, () => ran.Add(-1)).Cancel();
            clock.RunUntil(clock.NowNanos + 5);
            Assert.Equal(new[] { 1, 2 }, ran);
            Assert.Equal(0, clock.PendingCount);
            ran.Clear();
        }
    }

    [Fact]
    public void An_action_that_ran_after_the_queue_was_moved_is_not_kept_alive()
    {
        var clock = new VirtualClock();
        var weak = ScheduleHolding(clock, 1_000_000_000);
        // Actions pushed at the end and taken at the head walk the entries to the array's end again and again,
        // so the one queued far ahead is moved back many times, each move leaving its old place behind.
        Action tick = () => { };
        for (long at = 1; at <= 20_000; at++)
        {
            clock.ScheduleAt(at * 1000, tick);
            clock.ScheduleAt(at * 1000 + 1, tick);
            clock.RunUntil(at * 1000 + 1);
        }
        clock.RunUntil(1_000_000_000);
        Assert.Equal(0, clock.PendingCount);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.IsAlive, "a place the queue moved an action from still holds it after it ran");
    }

    [Fact]
    public void The_microseconds_read_anywhere_are_the_nanoseconds_over_a_thousand_rounded_down()
    {
        // Times on both sides of whole microseconds, several actions at one instant, time moving with no action
        // run, and waits that start and end between microseconds: every read, inside an action or between runs,
        // must give what the nanoseconds give.
        var clock = new VirtualClock();
        var seen = new List<(long Nanos, long Micros)>();
        Action look = () => seen.Add((clock.NowNanos, clock.NowMicros));
        foreach (long at in new long[] { 0, 1, 999, 1000, 1000, 1001, 1999, 2000, 2000, 2000, 5_432_109, 5_432_999 })
        {
            clock.ScheduleAt(at, look);
        }
        clock.ScheduleAt(1500, () => clock.ScheduleAt(clock.NowNanos, look));
        var rng = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            long target = clock.NowNanos + rng.Next(0, 3000);
            clock.RunUntil(target);
            look();
            clock.DelayMicros(rng.Next(0, 3));
            look();
        }
        clock.RunUntil(6_000_001);
        look();
        Assert.Equal(6000, clock.NowMicros);
        Assert.True(seen.Count > 400);
        foreach (var (nanos, micros) in seen)
        {
            Assert.Equal(nanos / 1000, micros);
        }
        Assert.Contains(seen, s => s.Nanos == 999 && s.Micros == 0);
        Assert.Contains(seen, s => s.Nanos == 1999 && s.Micros == 1);
        Assert.Contains(seen, s => s.Nanos == 5_432_999 && s.Micros == 5432);
    }

    [Fact]
    public void Actions_scheduled_at_the_edges_of_near_and_far_and_of_the_present_run_in_the_order_of_a_sorted_list()
    {
        // The queue's end takes an action due near and not before the last one queued; every other case (the
        // present or later but before the last, just past the near horizon, in the past) goes elsewhere. Offsets
        // straddle each of those edges, with the time moved to odd instants between rounds.
        var clock = new VirtualClock();
        var expected = new List<(long At, int Order)>();
        var ran = new List<(long At, int Order)>();
        long[] offsets = { 0, 1, 999, 1_999_999, 2_000_000, 2_000_001, 2_000_002, 5_000_000, 3, 0, 1_999_998 };
        int order = 0;
        var rng = new Random(11);
        for (int round = 0; round < 300; round++)
        {
            for (int i = 0; i < 4; i++)
            {
                long at = clock.NowNanos + offsets[rng.Next(offsets.Length)];
                int mine = order++;
                clock.ScheduleAt(at, () => ran.Add((clock.NowNanos, mine)));
                expected.Add((at, mine));
            }
            int pending = clock.PendingCount;
            Assert.Throws<ArgumentOutOfRangeException>(() => clock.ScheduleAt(clock.NowNanos - 1, () => ran.Add((-1, -1))));
            Assert.Equal(pending, clock.PendingCount);
            clock.RunUntil(clock.NowNanos + rng.Next(0, 2_500_000));
        }
        clock.RunUntil(clock.NowNanos + 10_000_000);
        Assert.Equal(0, clock.PendingCount);
        // In the past with nothing queued, and with only actions due earlier still queued: refused all the same.
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.ScheduleAt(clock.NowNanos - 1, () => ran.Add((-1, -1))));
        clock.ScheduleAt(clock.NowNanos, () => { });
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.ScheduleAt(clock.NowNanos - 1, () => ran.Add((-1, -1))));
        clock.RunUntil(clock.NowNanos);
        Assert.Equal(0, clock.PendingCount);
        expected.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Order.CompareTo(b.Order));
        Assert.Equal(expected, ran);
    }

    [Fact]
    public void Pulses_sent_ahead_for_one_instant_with_their_falls_apart_run_in_the_order_of_a_sorted_list()
    {
        // As the strobes are sent: each pulse's rise at the group's instant (the first at the end, the others just
        // before the fall queued last, or further in), its fall at its own width (equal widths too), with a latch
        // edge queued between groups; rises due before the one last queued but not the last must go further in.
        var clock = new VirtualClock();
        var expected = new List<(long At, int Order)>();
        var ran = new List<(long At, int Order)>();
        int order = 0;
        var rng = new Random(23);
        void Schedule(long at)
        {
            int mine = order++;
            clock.ScheduleAt(at, () => ran.Add((clock.NowNanos, mine)));
            expected.Add((at, mine));
        }
        for (int group = 0; group < 400; group++)
        {
            long rise = clock.NowNanos + rng.Next(0, 3) * 1000;
            Schedule(rise + 700_000); // the next latch edge, sent first
            int pulses = rng.Next(1, 6);
            for (int p = 0; p < pulses; p++)
            {
                Schedule(rise + rng.Next(0, 3) * 500);
                Schedule(rise + 100_000 + rng.Next(0, 4) * 20_000);
            }
            clock.RunUntil(rise + rng.Next(0, 800_000));
        }
        clock.RunUntil(clock.NowNanos + 2_000_000);
        expected.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Order.CompareTo(b.Order));
        Assert.Equal(expected, ran);
    }

    // Schedules an action holding a large object, in a frame of its own so that nothing here keeps it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference ScheduleHolding(VirtualClock clock, long atNanos)
    {
        var held = new byte[1 << 16];
        clock.ScheduleAt(atNanos, () => held[0]++);
        return new WeakReference(held);
    }
}
