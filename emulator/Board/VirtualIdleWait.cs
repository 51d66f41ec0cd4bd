using PosFirmware.Emulator.Core;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Board;

/// <summary>
/// The firmware's idle sleep on the virtual board: the clock runs from one scheduled action to the next
/// until the deadline or until an action signals an input event, so a sleep costs only the events inside
/// it. A board with an input that raises no event on the virtual clock (a real TCP socket, which moves in
/// wall time) gives a poll bound, and no sleep is longer than that.
/// </summary>
public sealed class VirtualIdleWait : IIdleWait
{
    private readonly VirtualClock _clock;
    private readonly WakeSignal _wake;
    private readonly long _pollBoundMicros;
    private readonly Func<bool> _woken;

    /// <summary>Creates the wait on a clock and its board's event line; pollBoundMicros caps each sleep (long.MaxValue: none).</summary>
    public VirtualIdleWait(VirtualClock clock, WakeSignal wake, long pollBoundMicros = long.MaxValue)
    {
        if (pollBoundMicros <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pollBoundMicros), "the poll bound must be positive");
        }
        _clock = clock;
        _wake = wake;
        _pollBoundMicros = pollBoundMicros;
        _woken = wake.Take;
    }

    /// <inheritdoc />
    public bool WaitForEvent(long untilMicros)
    {
        long nowMicros = _clock.NowMicros;
        if (untilMicros - nowMicros > _pollBoundMicros)
        {
            untilMicros = nowMicros + _pollBoundMicros;
        }
        return _clock.WaitUntil(_woken, untilMicros * 1000);
    }
}
