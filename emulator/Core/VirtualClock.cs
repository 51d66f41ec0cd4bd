using PosFirmware.Hal;

namespace PosFirmware.Emulator.Core;

/// <summary>
/// The discrete-event heart of the emulator: virtual time in nanoseconds and a queue of actions due at
/// given times. Firmware sees it as its IClock: a firmware wait is the moment the rest of the board runs.
/// Actions due at the same instant run in the order they were scheduled, so a run is reproducible.
/// </summary>
public sealed class VirtualClock : IClock
{
    private readonly PriorityQueue<ScheduledAction, (long AtNanos, long Sequence)> _queue = new();
    private long _sequence;
    private long _runLimitNanos = long.MaxValue;

    /// <summary>Virtual nanoseconds since power-on.</summary>
    public long NowNanos { get; private set; }

    /// <summary>Virtual microseconds since power-on, as the firmware sees them.</summary>
    public long NowMicros => NowNanos / 1000;

    /// <summary>Number of actions run so far (for emulator speed figures).</summary>
    public long ActionsRun { get; private set; }

    /// <summary>Actions still waiting.</summary>
    public int PendingCount => _queue.Count;

    /// <summary>When the next waiting action is due, or long.MaxValue if none is.</summary>
    public long NextDueNanos => _queue.TryPeek(out _, out var key) ? key.AtNanos : long.MaxValue;

    /// <summary>
    /// When set, a firmware wait that would pass this virtual time throws <see cref="VirtualTimeLimitException"/>:
    /// the bound that stops a firmware loop which never ends.
    /// </summary>
    public long RunLimitNanos
    {
        get => _runLimitNanos;
        set => _runLimitNanos = value;
    }

    /// <summary>Schedules an action at an absolute virtual time (not earlier than now).</summary>
    public ScheduledAction ScheduleAt(long atNanos, Action action)
    {
        if (atNanos < NowNanos)
        {
            throw new ArgumentOutOfRangeException(nameof(atNanos), $"cannot schedule in the past ({atNanos} < {NowNanos})");
        }
        var scheduled = new ScheduledAction(action, atNanos);
        _queue.Enqueue(scheduled, (atNanos, _sequence++));
        return scheduled;
    }

    /// <summary>Schedules an action after a delay from now.</summary>
    public ScheduledAction ScheduleIn(long delayNanos, Action action) => ScheduleAt(NowNanos + Math.Max(0, delayNanos), action);

    /// <summary>Runs every action due up to and including targetNanos, then sets the time to targetNanos.</summary>
    public void RunUntil(long targetNanos)
    {
        if (targetNanos < NowNanos)
        {
            return;
        }
        while (_queue.TryPeek(out var next, out var key) && key.AtNanos <= targetNanos)
        {
            _queue.Dequeue();
            if (next.Cancelled)
            {
                continue;
            }
            NowNanos = key.AtNanos;
            ActionsRun++;
            next.Run();
        }
        NowNanos = targetNanos;
    }

    /// <summary>Runs actions until the queue is empty or the limit is reached; returns the time reached.</summary>
    public long RunAll(long limitNanos)
    {
        while (_queue.TryPeek(out _, out var key) && key.AtNanos <= limitNanos)
        {
            RunUntil(key.AtNanos);
        }
        return NowNanos;
    }

    /// <summary>
    /// Runs the board until condition holds or deadlineNanos passes, whichever comes first; returns the
    /// condition's final value. Time jumps from event to event, so waiting costs nothing when idle.
    /// </summary>
    public bool WaitUntil(Func<bool> condition, long deadlineNanos)
    {
        while (!condition())
        {
            if (NowNanos >= deadlineNanos)
            {
                return false;
            }
            long step = Math.Min(NextDueNanos, deadlineNanos);
            if (step > _runLimitNanos)
            {
                RunUntil(_runLimitNanos);
                throw new VirtualTimeLimitException(_runLimitNanos);
            }
            RunUntil(Math.Max(step, NowNanos));
        }
        return true;
    }

    /// <summary>Advances time by delayNanos, running what falls due.</summary>
    public void Advance(long delayNanos) => RunUntil(NowNanos + Math.Max(0, delayNanos));

    /// <inheritdoc />
    public void DelayMicros(long micros)
    {
        if (micros <= 0)
        {
            return;
        }
        long target = NowNanos + micros * 1000;
        if (target > _runLimitNanos)
        {
            RunUntil(_runLimitNanos);
            throw new VirtualTimeLimitException(_runLimitNanos);
        }
        RunUntil(target);
    }
}

/// <summary>An action on the virtual clock's queue; cancel it to skip it.</summary>
public sealed class ScheduledAction
{
    private readonly Action _action;

    internal ScheduledAction(Action action, long atNanos)
    {
        _action = action;
        AtNanos = atNanos;
    }

    /// <summary>When it is due.</summary>
    public long AtNanos { get; }

    /// <summary>True once cancelled; a cancelled action never runs.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>Prevents the action from running.</summary>
    public void Cancel() => Cancelled = true;

    internal void Run() => _action();
}

/// <summary>Thrown into the firmware when a run reaches its virtual time limit.</summary>
public sealed class VirtualTimeLimitException : Exception
{
    /// <summary>Creates the exception for the limit reached.</summary>
    public VirtualTimeLimitException(long limitNanos)
        : base($"virtual time limit reached at {limitNanos} ns")
    {
        LimitNanos = limitNanos;
    }

    /// <summary>The limit that was reached.</summary>
    public long LimitNanos { get; }
}
