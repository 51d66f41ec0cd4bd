using PosFirmware.Hal;

namespace PosFirmware.Emulator.Core;

/// <summary>
/// The discrete-event heart of the emulator: virtual time in nanoseconds and a queue of actions due at
/// given times. Firmware sees it as its IClock: a firmware wait is the moment the rest of the board runs.
/// Actions due at the same instant run in the order they were scheduled, so a run is reproducible.
/// An action scheduled for the present instant (a model settling what several writes at one instant did)
/// skips the heap: it goes to a first-in first-out queue of its own, and the two are merged by scheduling
/// order as they run.
/// </summary>
public sealed class VirtualClock : IClock
{
    private readonly ActionHeap _queue = new();
    // Every action here is due at NowNanos: time moves on only once everything due up to the new time has
    // run, and these are due now.
    private readonly ActionRing _now = new();
    private long _sequence;
    private long _runLimitNanos = long.MaxValue;

    /// <summary>Virtual nanoseconds since power-on.</summary>
    public long NowNanos { get; private set; }

    /// <summary>Virtual microseconds since power-on, as the firmware sees them.</summary>
    public long NowMicros => NowNanos / 1000;

    /// <summary>Number of actions run so far (for emulator speed figures).</summary>
    public long ActionsRun { get; private set; }

    /// <summary>Actions still waiting.</summary>
    public int PendingCount => _queue.Count + _now.Count;

    /// <summary>When the next waiting action is due, or long.MaxValue if none is.</summary>
    public long NextDueNanos => _now.Count > 0 ? NowNanos : _queue.Count > 0 ? _queue.Peek().AtNanos : long.MaxValue;

    /// <summary>
    /// When set, a firmware wait that would pass this virtual time throws <see cref="VirtualTimeLimitException"/>:
    /// the bound that stops a firmware loop which never ends.
    /// </summary>
    public long RunLimitNanos
    {
        get => _runLimitNanos;
        set => _runLimitNanos = value;
    }

    /// <summary>
    /// Schedules an action at an absolute virtual time (not earlier than now). Nothing is allocated here: a
    /// model that schedules often passes a delegate it keeps, and the handle returned is a value.
    /// </summary>
    public ScheduledAction ScheduleAt(long atNanos, Action action)
    {
        if (atNanos < NowNanos)
        {
            throw new ArgumentOutOfRangeException(nameof(atNanos), $"cannot schedule in the past ({atNanos} < {NowNanos})");
        }
        long sequence = _sequence++;
        if (atNanos == NowNanos)
        {
            _now.Enqueue(new QueuedAction(atNanos, sequence, action));
        }
        else
        {
            _queue.Push(new QueuedAction(atNanos, sequence, action));
        }
        return new ScheduledAction(this, atNanos, sequence);
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
        while (true)
        {
            Action? action;
            if (_now.Count > 0)
            {
                // Due now; an action of the heap due now too and scheduled before it runs first.
                if (_queue.Count > 0 && _queue.Peek().RunsBefore(_now.Peek().AtNanos, _now.Peek().Sequence))
                {
                    action = _queue.Pop().Action;
                }
                else
                {
                    action = _now.Dequeue();
                }
            }
            else if (_queue.Count > 0 && _queue.Peek().AtNanos <= targetNanos)
            {
                var next = _queue.Pop();
                action = next.Action;
                if (action == null)
                {
                    continue;
                }
                NowNanos = next.AtNanos;
            }
            else
            {
                break;
            }
            if (action == null)
            {
                continue;
            }
            ActionsRun++;
            action();
        }
        NowNanos = targetNanos;
    }

    // A cancelled action stays queued, only emptied, so it still counts as pending and as the next due until its
    // time passes, as it always has (waits that jump to the next due time stop there all the same).
    internal void Cancel(long atNanos, long sequence)
    {
        if (!_now.Empty(atNanos, sequence))
        {
            _queue.Empty(atNanos, sequence);
        }
    }

    /// <summary>Runs actions until the queue is empty or the limit is reached; returns the time reached.</summary>
    public long RunAll(long limitNanos)
    {
        while (PendingCount > 0 && NextDueNanos <= limitNanos)
        {
            RunUntil(NextDueNanos);
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

/// <summary>An action on the virtual clock's queue; cancel it to skip it. A default handle cancels nothing.</summary>
public readonly struct ScheduledAction
{
    private readonly VirtualClock? _clock;

    internal ScheduledAction(VirtualClock clock, long atNanos, long sequence)
    {
        _clock = clock;
        AtNanos = atNanos;
        Sequence = sequence;
    }

    /// <summary>When it is due.</summary>
    public long AtNanos { get; }

    /// <summary>Order of scheduling: of two actions due at the same instant, the earlier scheduled runs first.</summary>
    internal long Sequence { get; }

    /// <summary>Prevents the action from running; nothing happens if it has run already.</summary>
    public void Cancel() => _clock?.Cancel(AtNanos, Sequence);
}

/// <summary>One entry of the clock's queue, held by value; a null action is a cancelled one.</summary>
internal struct QueuedAction
{
    public readonly long AtNanos;
    public readonly long Sequence;
    public Action? Action;

    public QueuedAction(long atNanos, long sequence, Action? action)
    {
        AtNanos = atNanos;
        Sequence = sequence;
        Action = action;
    }
}

/// <summary>
/// The clock's queue: a binary min-heap of the actions by due time, then scheduling order (the pair is
/// unique, so the order of runs does not depend on the heap's shape). The heap moves keys that hold no
/// reference (time, order, slot), and each action waits in a slot of its own until it runs: moving an entry
/// with a delegate in it would cost the collector's write barrier at every level of every push and pop.
/// Nothing is allocated once the arrays have grown to the board's needs.
/// </summary>
internal sealed class ActionHeap
{
    private HeapKey[] _items = new HeapKey[64];
    private Action?[] _slots = new Action?[64];
    private int[] _freeSlots = new int[64];
    private int _freeCount;
    private int _slotsUsed;

    /// <summary>Actions held.</summary>
    public int Count { get; private set; }

    /// <summary>The first action due's time and order; the heap must not be empty.</summary>
    public ref readonly HeapKey Peek() => ref _items[0];

    /// <summary>Adds an action.</summary>
    public void Push(in QueuedAction action)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        int slot = TakeSlot();
        _slots[slot] = action.Action;
        var key = new HeapKey(action.AtNanos, action.Sequence, slot);
        var items = _items;
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!key.RunsBefore(items[parent]))
            {
                break;
            }
            items[i] = items[parent];
            i = parent;
        }
        items[i] = key;
    }

    /// <summary>Removes the first action due and returns it (its action null when cancelled); the heap must not be empty.</summary>
    public QueuedAction Pop()
    {
        var items = _items;
        var first = items[0];
        int count = --Count;
        var last = items[count];
        if (count > 0)
        {
            int i = 0;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= count)
                {
                    break;
                }
                if (child + 1 < count && items[child + 1].RunsBefore(items[child]))
                {
                    child++;
                }
                if (!items[child].RunsBefore(last))
                {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
        }
        var action = _slots[first.Slot];
        _slots[first.Slot] = null;
        _freeSlots[_freeCount++] = first.Slot;
        return new QueuedAction(first.AtNanos, first.Sequence, action);
    }

    private int TakeSlot()
    {
        if (_freeCount > 0)
        {
            return _freeSlots[--_freeCount];
        }
        if (_slotsUsed == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _freeSlots, _freeSlots.Length * 2);
        }
        return _slotsUsed++;
    }

    /// <summary>
    /// Empties the action due at atNanos with the given sequence, if it is still queued; the entry keeps its
    /// place. A look through the whole heap: cancelling is rare and the queue is short.
    /// </summary>
    public void Empty(long atNanos, long sequence)
    {
        var items = _items;
        for (int i = 0; i < Count; i++)
        {
            if (items[i].Sequence == sequence && items[i].AtNanos == atNanos)
            {
                _slots[items[i].Slot] = null;
                return;
            }
        }
    }
}

/// <summary>A place in the clock's heap: when the action is due, its order of scheduling, and the slot that holds it.</summary>
internal readonly struct HeapKey
{
    public readonly long AtNanos;
    public readonly long Sequence;
    public readonly int Slot;

    public HeapKey(long atNanos, long sequence, int slot)
    {
        AtNanos = atNanos;
        Sequence = sequence;
        Slot = slot;
    }

    /// <summary>True when this entry runs before the other.</summary>
    public bool RunsBefore(in HeapKey other) =>
        AtNanos < other.AtNanos || (AtNanos == other.AtNanos && Sequence < other.Sequence);

    /// <summary>True when this entry runs before an action due at atNanos scheduled as sequence.</summary>
    public bool RunsBefore(long atNanos, long sequence) =>
        AtNanos < atNanos || (AtNanos == atNanos && Sequence < sequence);
}

/// <summary>
/// The actions due at the present instant, in scheduling order: a ring of values that grows to the board's
/// needs and then allocates nothing.
/// </summary>
internal sealed class ActionRing
{
    private QueuedAction[] _items = new QueuedAction[16];
    private int _head;

    /// <summary>Actions held.</summary>
    public int Count { get; private set; }

    /// <summary>The first action in; the ring must not be empty.</summary>
    public ref readonly QueuedAction Peek() => ref _items[_head];

    /// <summary>Adds an action at the end.</summary>
    public void Enqueue(in QueuedAction action)
    {
        if (Count == _items.Length)
        {
            var grown = new QueuedAction[_items.Length * 2];
            for (int i = 0; i < Count; i++)
            {
                grown[i] = _items[(_head + i) & (_items.Length - 1)];
            }
            _items = grown;
            _head = 0;
        }
        _items[(_head + Count) & (_items.Length - 1)] = action;
        Count++;
    }

    /// <summary>Removes the first action in and returns its delegate (null when it was cancelled); the ring must not be empty.</summary>
    public Action? Dequeue()
    {
        ref var first = ref _items[_head];
        var action = first.Action;
        first = default;
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        return action;
    }

    /// <summary>Empties the action with the given time and sequence if it is held; true when it was.</summary>
    public bool Empty(long atNanos, long sequence)
    {
        for (int i = 0; i < Count; i++)
        {
            ref var item = ref _items[(_head + i) & (_items.Length - 1)];
            if (item.Sequence == sequence && item.AtNanos == atNanos)
            {
                item.Action = null;
                return true;
            }
        }
        return false;
    }
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
