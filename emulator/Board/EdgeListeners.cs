namespace PosFirmware.Emulator.Board;

/// <summary>
/// The models wired to an output, told of each edge with its virtual time in ns. An array, not a list:
/// every edge goes through it, and the wiring is fixed once the board is built.
/// </summary>
internal struct EdgeListeners
{
    private Action<bool, long>[]? _all;

    /// <summary>Wires one more model.</summary>
    public void Add(Action<bool, long> onChange)
    {
        _all ??= [];
        Array.Resize(ref _all, _all.Length + 1);
        _all[^1] = onChange;
    }

    /// <summary>Tells every model wired, in the order wired, of an edge.</summary>
    public readonly void Tell(bool high, long atNanos)
    {
        var all = _all;
        if (all == null)
        {
            return;
        }
        for (int i = 0; i < all.Length; i++)
        {
            all[i](high, atNanos);
        }
    }
}
