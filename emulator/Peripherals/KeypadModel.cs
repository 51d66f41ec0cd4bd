using PosFirmware.Emulator.Core;
using PosFirmware.Hal;

namespace PosFirmware.Emulator.Peripherals;

/// <summary>
/// The operator keypad: scripted presses land at virtual times in a bounded queue, as a matrix-keypad
/// scanner would queue debounced keys; the firmware takes them with ReadKey. Presses that find the queue
/// full are lost and counted, as on the device.
/// </summary>
public sealed class KeypadModel : IKeypad
{
    private readonly VirtualClock _clock;
    private readonly KeyCode[] _queue;
    private readonly WakeSignal? _wake;
    private int _head;
    private int _count;

    /// <summary>Creates a keypad whose queue holds capacity presses; wake, when given, is signalled by each press.</summary>
    public KeypadModel(VirtualClock clock, int capacity = 16, WakeSignal? wake = null)
    {
        _wake = wake;
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }
        _clock = clock;
        _queue = new KeyCode[capacity];
    }

    /// <summary>Presses lost to a full queue.</summary>
    public long Overflows { get; private set; }

    /// <summary>Every press as (virtual time, key), for logs.</summary>
    public List<(long AtNanos, KeyCode Key)> Pressed { get; } = new();

    /// <summary>Presses a key now.</summary>
    public void Press(KeyCode key)
    {
        Pressed.Add((_clock.NowNanos, key));
        _wake?.Signal();
        if (_count == _queue.Length)
        {
            Overflows++;
            return;
        }
        _queue[(_head + _count) % _queue.Length] = key;
        _count++;
    }

    /// <summary>Presses a key at a virtual time.</summary>
    public void PressAt(long atNanos, KeyCode key) => _clock.ScheduleAt(atNanos, () => Press(key));

    /// <summary>
    /// Types a key script starting at startNanos, one key every gapNanos; returns the time of the last press.
    /// Script letters: 0-9 digits, E enter, X cancel, B backspace, C clear, M menu, U up, D down; spaces are skipped.
    /// </summary>
    public long Type(string script, long startNanos, long gapNanos)
    {
        long at = startNanos;
        long last = startNanos;
        foreach (KeyCode key in ParseScript(script))
        {
            PressAt(at, key);
            last = at;
            at += gapNanos;
        }
        return last;
    }

    /// <summary>The keys a script names (see Type); throws on an unknown letter.</summary>
    public static KeyCode[] ParseScript(string script)
    {
        var keys = new List<KeyCode>();
        foreach (char c in script)
        {
            if (c == ' ')
            {
                continue;
            }
            keys.Add(c switch
            {
                >= '0' and <= '9' => KeyCode.Digit0 + (c - '0'),
                'E' => KeyCode.Enter,
                'X' => KeyCode.Cancel,
                'B' => KeyCode.Backspace,
                'C' => KeyCode.Clear,
                'M' => KeyCode.Menu,
                'U' => KeyCode.Up,
                'D' => KeyCode.Down,
                _ => throw new FormatException($"unknown key '{c}' in key script (use 0-9 E X B C M U D)"),
            });
        }
        return keys.ToArray();
    }

    /// <inheritdoc />
    public KeyCode ReadKey()
    {
        if (_count == 0)
        {
            return KeyCode.None;
        }
        KeyCode key = _queue[_head];
        _head = (_head + 1) % _queue.Length;
        _count--;
        return key;
    }

    /// <summary>Empties the queue (a reboot).</summary>
    public void Reset()
    {
        _head = 0;
        _count = 0;
    }
}
