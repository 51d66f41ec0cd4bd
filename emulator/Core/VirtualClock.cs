using PosFirmware.Hal;

namespace PosFirmware.Emulator.Core;

/// <summary>
/// The discrete-event heart of the emulator: virtual time in nanoseconds and a queue of actions due at
/// given times. Firmware sees it as its IClock: a firmware wait is the moment the rest of the board runs.
/// Actions due at the same instant run in the order they were scheduled, so a run is reproducible.
/// </summary>
public sealed class VirtualClock : IClock
{
    // Actions due within FarNanos of the time they were scheduled, and those due later, each queue in the order
    // they run; the clock runs the first of the two heads. The board's edges are all near and nearly always join
    // their queue at an end; the far ones (a power cut, timeouts, key presses) would otherwise sit at the end of
    // the one queue, where every edge scheduled before them had to be placed between, moving them.
    private const long FarNanos = 2_000_000;
    private readonly ActionQueue _queue = new();
    private readonly ActionQueue _far = new();
    // When the far queue's first action is due, or long.MaxValue while it is empty: one look per action run.
    private long _farFirstAtNanos = long.MaxValue;
    private long _sequence;
    private long _runLimitNanos = long.MaxValue;

    // The time in both units, each set only where time moves (in RunUntil): the firmware reads the microseconds
    // several times for every action the clock runs, so the division is done when the time changes, not per read.
    private long _nowNanos;
    private long _nowMicros;

    /// <summary>Virtual nanoseconds since power-on.</summary>
    public long NowNanos => _nowNanos;

    /// <summary>Virtual microseconds since power-on, as the firmware sees them (the nanoseconds over 1000, rounded down).</summary>
    public long NowMicros => _nowMicros;

    /// <summary>Number of actions run so far (for emulator speed figures).</summary>
    public long ActionsRun { get; private set; }

    /// <summary>
    /// Actions that had to be placed between others already queued (each moving some of them), not at an end of
    /// the queue: the board's edges, sent in the order they fall due, need none.
    /// </summary>
    public long ActionsPlacedBetween => _queue.PlacedBetween + _far.PlacedBetween;

    /// <summary>Actions still waiting.</summary>
    public int PendingCount => _queue.Count + _far.Count;

    /// <summary>When the next waiting action is due, or long.MaxValue if none is.</summary>
    public long NextDueNanos => Math.Min(_queue.Count > 0 ? _queue.FirstAtNanos : long.MaxValue, _farFirstAtNanos);

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
    /// <remarks>
    /// Inlined where it is called: an action due near and not before the last one queued (the board's edges,
    /// nearly always) is put at the queue's end right there, one unsigned comparison telling "not past and not
    /// far"; every other case is placed out of line. A caller that drops the handle builds none.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ScheduledAction ScheduleAt(long atNanos, Action action)
    {
        long sequence = _sequence;
        if ((ulong)(atNanos - _nowNanos) > FarNanos || !_queue.TryPushAtEnd(atNanos, sequence, action))
        {
            return ScheduleAtElsewhere(atNanos, action);
        }
        _sequence = sequence + 1;
        return new ScheduledAction(this, atNanos, sequence);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private ScheduledAction ScheduleAtElsewhere(long atNanos, Action action)
    {
        if (atNanos < _nowNanos)
        {
            ThrowPast(atNanos);
        }
        long sequence = _sequence++;
        if (atNanos - _nowNanos <= FarNanos)
        {
            _queue.Push(atNanos, sequence, action);
        }
        else
        {
            PushFar(atNanos, sequence, action);
        }
        return new ScheduledAction(this, atNanos, sequence);
    }

    // Out of line: scheduling near is what the board does at nearly every event.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void PushFar(long atNanos, long sequence, Action action)
    {
        _far.Push(atNanos, sequence, action);
        _farFirstAtNanos = _far.FirstAtNanos;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowPast(long atNanos) =>
        throw new ArgumentOutOfRangeException(nameof(atNanos), $"cannot schedule in the past ({atNanos} < {NowNanos})");

    /// <summary>Schedules an action after a delay from now.</summary>
    public ScheduledAction ScheduleIn(long delayNanos, Action action) => ScheduleAt(NowNanos + Math.Max(0, delayNanos), action);

    /// <summary>Runs every action due up to and including targetNanos, then sets the time to targetNanos.</summary>
    public void RunUntil(long targetNanos)
    {
        if (targetNanos < NowNanos)
        {
            return;
        }
        var queue = _queue;
        while (true)
        {
            long atNanos;
            Action? action;
            if (_farFirstAtNanos <= targetNanos && FarRunsFirst())
            {
                _far.TakeDue(targetNanos, out atNanos, out action);
                _farFirstAtNanos = _far.Count > 0 ? _far.FirstAtNanos : long.MaxValue;
            }
            else if (!queue.TakeDue(targetNanos, out atNanos, out action))
            {
                break;
            }
            if (action == null)
            {
                continue;
            }
            MoveTo(atNanos);
            ActionsRun++;
            action();
        }
        MoveTo(targetNanos);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void MoveTo(long atNanos)
    {
        if (atNanos != _nowNanos)
        {
            _nowNanos = atNanos;
            _nowMicros = atNanos / 1000;
        }
    }

    // Of the two queues' first actions, the one due first, or scheduled first of two due at one instant.
    private bool FarRunsFirst()
    {
        var near = _queue;
        if (near.Count == 0)
        {
            return true;
        }
        long nearAt = near.FirstAtNanos;
        return _farFirstAtNanos < nearAt || (_farFirstAtNanos == nearAt && _far.FirstSequence < near.FirstSequence);
    }

    // A cancelled action stays queued, only emptied, so it still counts as pending and as the next due until its
    // time passes, as it always has (waits that jump to the next due time stop there all the same).
    internal void Cancel(long atNanos, long sequence)
    {
        if (!_queue.Empty(atNanos, sequence))
        {
            _far.Empty(atNanos, sequence);
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

/// <summary>
/// The clock's queue: the actions in the order they run, by due time, then scheduling order, in one array
/// between a head and a tail. An action scheduled now has the latest scheduling order of all, so its place
/// is behind every action due at or before its time: on the board that is nearly always the end (an edge due
/// after the ones already sent) or the front (a model settling at the present instant), and the entries
/// between the place and the nearer end move by one. The first action due is taken from the head with no
/// reordering. The keys (time, order) sit in an array that holds no reference and the delegates in one of
/// their own beside it, place for place: the keys are what the placing reads and moves, and a delegate is
/// written once where it goes (it moves only in the rare placing between the ends, where the collector's
/// write barrier is paid). Nothing is allocated once the arrays have grown to the board's needs.
/// </summary>
internal sealed class ActionQueue
{
    // Long enough that the entries (about five on the board) drift from the middle to an end only every
    // hundred actions or so, where MakeRoom moves them back.
    private const int FirstLength = 256;
    private QueuedKey[] _keys = new QueuedKey[FirstLength];
    private Action?[] _actions = new Action?[FirstLength];
    // Entries run from _head up to, not including, _tail; room is kept on both sides.
    private int _head = FirstLength / 2;
    private int _tail = FirstLength / 2;

    /// <summary>Actions held.</summary>
    public int Count => _tail - _head;

    /// <summary>Actions placed between two held, not at an end.</summary>
    public long PlacedBetween { get; private set; }

    /// <summary>When the first action is due; the queue must not be empty.</summary>
    public long FirstAtNanos => _keys[_head].AtNanos;

    /// <summary>The first action's order of scheduling; the queue must not be empty.</summary>
    public long FirstSequence => _keys[_head].Sequence;

    /// <summary>
    /// Adds an action scheduled after every one held at the end, if it is due at or after the last one and the end
    /// has room (true); false, adding nothing, otherwise.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool TryPushAtEnd(long atNanos, long sequence, Action action)
    {
        var keys = _keys;
        int tail = _tail;
        if ((uint)tail < (uint)keys.Length && (tail == _head || keys[tail - 1].AtNanos <= atNanos))
        {
            keys[tail] = new QueuedKey(atNanos, sequence);
            _actions[tail] = action;
            _tail = tail + 1;
            return true;
        }
        return false;
    }

    /// <summary>Adds an action scheduled after every one held (its sequence is the highest yet).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Push(long atNanos, long sequence, Action action)
    {
        if (TryPushAtEnd(atNanos, sequence, action))
        {
            return;
        }
        var keys = _keys;
        int tail = _tail;
        int head = _head;
        if (head != tail && (uint)(head - 1) < (uint)keys.Length && atNanos < keys[head].AtNanos)
        {
            keys[head - 1] = new QueuedKey(atNanos, sequence);
            _actions[head - 1] = action;
            _head = head - 1;
        }
        else if ((uint)tail < (uint)keys.Length && tail - head >= 2 && keys[tail - 2].AtNanos <= atNanos)
        {
            // Just before the last one (not after it: the end was tried first): the place a pulse's rise takes when
            // it is sent for the instant another pulse rose at, ahead of that one's later fall. The last moves up.
            var actions = _actions;
            PlacedBetween++;
            keys[tail] = keys[tail - 1];
            actions[tail] = actions[tail - 1];
            keys[tail - 1] = new QueuedKey(atNanos, sequence);
            actions[tail - 1] = action;
            _tail = tail + 1;
        }
        else
        {
            PushBetween(atNanos, sequence, action);
        }
    }

    // The place is between the ends (or an end has no room).
    private void PushBetween(long atNanos, long sequence, Action action)
    {
        if (_tail == _keys.Length)
        {
            MakeRoom();
        }
        var keys = _keys;
        var actions = _actions;
        int tail = _tail;
        int head = _head;
        // Behind every action due at or before its time: a few steps from the end, where the place nearly always
        // is, then by halving, so that actions queued far ahead (key presses, timeouts) cost no walk past them all.
        int place = tail;
        int walkedTo = Math.Max(head, tail - 4);
        while (place > walkedTo && keys[place - 1].AtNanos > atNanos)
        {
            place--;
        }
        if (place == walkedTo && place > head && keys[place - 1].AtNanos > atNanos)
        {
            int low = head;
            int high = place - 1;
            while (low < high)
            {
                int middle = (low + high) >>> 1;
                if (keys[middle].AtNanos > atNanos)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }
            place = low;
        }
        if (place < tail)
        {
            PlacedBetween++;
        }
        if (head > 0 && place - head < tail - place)
        {
            for (int i = head; i < place; i++)
            {
                keys[i - 1] = keys[i];
                actions[i - 1] = actions[i];
            }
            place--;
            _head = head - 1;
        }
        else
        {
            for (int i = tail; i > place; i--)
            {
                keys[i] = keys[i - 1];
                actions[i] = actions[i - 1];
            }
            _tail = tail + 1;
        }
        keys[place] = new QueuedKey(atNanos, sequence);
        actions[place] = action;
    }

    /// <summary>
    /// Takes the first action if it is due by targetNanos: its delegate (null when it was cancelled) and its
    /// time; false, taking nothing, when none is due by then.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool TakeDue(long targetNanos, out long atNanos, out Action? action)
    {
        int head = _head;
        var keys = _keys;
        if (head == _tail || (uint)head >= (uint)keys.Length || keys[head].AtNanos > targetNanos)
        {
            atNanos = 0;
            action = null;
            return false;
        }
        atNanos = keys[head].AtNanos;
        ref var held = ref _actions[head];
        action = held;
        held = null;
        _head = head + 1;
        return true;
    }

    // The entries moved to the middle of the arrays, grown to four times their count at least, so that both
    // ends have room again.
    private void MakeRoom()
    {
        int count = Count;
        int length = _keys.Length;
        while (length < count * 4)
        {
            length *= 2;
        }
        int head = (length - count) / 2;
        if (length == _keys.Length)
        {
            Array.Copy(_keys, _head, _keys, head, count);
            Array.Copy(_actions, _head, _actions, head, count);
            // What the move left behind would keep delegates alive: the old places the new ones do not cover
            // (every other place outside the entries is empty already, as taking an action empties its place).
            int oldEnd = _head + count;
            int newEnd = head + count;
            if (oldEnd <= head || _head >= newEnd)
            {
                Array.Clear(_actions, _head, count);
            }
            else if (_head > head)
            {
                Array.Clear(_actions, newEnd, oldEnd - newEnd);
            }
            else
            {
                Array.Clear(_actions, _head, head - _head);
            }
        }
        else
        {
            var keys = new QueuedKey[length];
            var actions = new Action?[length];
            Array.Copy(_keys, _head, keys, head, count);
            Array.Copy(_actions, _head, actions, head, count);
            _keys = keys;
            _actions = actions;
        }
        _head = head;
        _tail = head + count;
    }

    /// <summary>
    /// Empties the action due at atNanos with the given sequence, if it is still queued (true); the entry keeps its
    /// place. A look through the whole queue: cancelling is rare and the queue is short.
    /// </summary>
    public bool Empty(long atNanos, long sequence)
    {
        var keys = _keys;
        for (int i = _head; i < _tail; i++)
        {
            if (keys[i].Sequence == sequence && keys[i].AtNanos == atNanos)
            {
                _actions[i] = null;
                return true;
            }
        }
        return false;
    }
}

/// <summary>A place in the clock's queue: when the action is due and its order of scheduling.</summary>
internal readonly struct QueuedKey
{
    public readonly long AtNanos;
    public readonly long Sequence;

    public QueuedKey(long atNanos, long sequence)
    {
        AtNanos = atNanos;
        Sequence = sequence;
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
