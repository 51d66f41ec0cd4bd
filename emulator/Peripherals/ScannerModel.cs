using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Scanner;

namespace PosFirmware.Emulator.Peripherals;

/// <summary>
/// A GM65-class scan engine on a virtual UART. It listens for the profile's trigger and stop commands
/// (exact byte sequences; anything else is ignored, as the GM65 manual says of unknown commands), answers
/// each with the profile's acknowledgement, and after a decode delay sends the next presented item with
/// 8N1 byte timing at the baud rate. In continuous mode items are sent when presented, no trigger needed.
/// Faults come from the script (ScanItem) or, when RandomFaultChance is set, from its own SimRandom stream.
/// </summary>
public sealed class ScannerModel
{
    private readonly VirtualSerialPort _port;
    private readonly VirtualClock _clock;
    private readonly ScannerProfile _profile;
    private readonly SimRandom _random;
    private readonly Queue<ScanItem> _presented = new();
    private readonly List<byte> _received = new();
    private ScheduledAction? _pendingDecode;

    /// <summary>Connects the model to the device side of port.</summary>
    public ScannerModel(VirtualSerialPort port, VirtualClock clock, ScannerProfile profile, SimRandom random)
    {
        _port = port;
        _clock = clock;
        _profile = profile;
        _random = random;
        port.ConnectDevice(OnByteFromHost);
    }

    /// <summary>
    /// Time from the trigger to the first byte of the code. UNCONFIRMED: the GM65 manual quotes decode
    /// speed only loosely; 150 ms is typical of phone-screen codes and is a setting here.
    /// </summary>
    public long DecodeDelayNanos { get; set; } = 150_000_000;

    /// <summary>Time from the end of a command to its acknowledgement (UNCONFIRMED; a setting).</summary>
    public long AckDelayNanos { get; set; } = 2_000_000;

    /// <summary>
    /// How long a trigger that found nothing in front of the engine keeps reading: an item presented in that
    /// time is read then, as a person holding a phone up to a scanner already lit expects. UNCONFIRMED: the
    /// GM65's read time per trigger is a setting of the engine; 0 (the default here) reads only what is
    /// presented at the trigger, which the tests and the soak script around.
    /// </summary>
    public long ReadSessionNanos { get; set; }

    private long _sessionEndsNanos;

    /// <summary>Chance that a clean scripted read gets a random fault (noise, dropped bytes, truncation, no read).</summary>
    public double RandomFaultChance { get; set; }

    /// <summary>Trigger commands recognised.</summary>
    public int TriggersReceived { get; private set; }

    /// <summary>Stop commands recognised.</summary>
    public int StopsReceived { get; private set; }

    /// <summary>True between a trigger and the end of its read (or a stop).</summary>
    // A cancelled read is always forgotten at once (set to null or replaced), so the one held is live.
    public bool Reading => _pendingDecode is { } decode && decode.AtNanos >= _clock.NowNanos;

    /// <summary>What the model did, with virtual times, for tests and the demo.</summary>
    public List<string> Log { get; } = new();

    /// <summary>
    /// Every transmission in order: the fault it carried and the exact bytes put on the wire. Tests use it
    /// to tell what the driver could have caught from what no check on the bytes can see.
    /// </summary>
    public List<(ScanFault Fault, byte[] Bytes)> Sent { get; } = new();

    /// <summary>Items waiting for a trigger.</summary>
    public int PresentedCount => _presented.Count;

    /// <summary>Puts an item in front of the engine: the next trigger reads it (continuous mode: sent now).</summary>
    public void Present(ScanItem item)
    {
        if (_profile.Mode == ScanMode.Continuous)
        {
            Emit(item);
            return;
        }
        _presented.Enqueue(item);
        if (_pendingDecode == null && _clock.NowNanos < _sessionEndsNanos)
        {
            StartRead();
        }
    }

    /// <summary>Presents an item at a virtual time.</summary>
    public void PresentAt(long atNanos, ScanItem item) => _clock.ScheduleAt(atNanos, () => Present(item));

    /// <summary>Back to power-on state: nothing presented, no read running.</summary>
    public void Reset()
    {
        _presented.Clear();
        _received.Clear();
        _pendingDecode?.Cancel();
        _pendingDecode = null;
        _sessionEndsNanos = 0;
    }

    private void OnByteFromHost(byte b, long atNanos)
    {
        _received.Add(b);
        int keep = Math.Max(_profile.TriggerCommand.Length, _profile.StopCommand.Length);
        if (_received.Count > keep)
        {
            _received.RemoveRange(0, _received.Count - keep);
        }
        if (EndsWith(_profile.TriggerCommand))
        {
            _received.Clear();
            TriggersReceived++;
            Acknowledge();
            StartRead();
        }
        else if (EndsWith(_profile.StopCommand))
        {
            _received.Clear();
            StopsReceived++;
            Acknowledge();
            _pendingDecode?.Cancel();
            _pendingDecode = null;
            _sessionEndsNanos = 0;
            Log.Add($"{Seconds()} stop");
        }
    }

    private void StartRead()
    {
        _pendingDecode?.Cancel();
        ScanItem? item = _presented.Count > 0 ? _presented.Dequeue() : null;
        Log.Add($"{Seconds()} trigger -> {(item == null ? "nothing presented" : item.ToString())}");
        if (item == null)
        {
            _pendingDecode = null;
            _sessionEndsNanos = _clock.NowNanos + ReadSessionNanos;
            return;
        }
        _sessionEndsNanos = 0;
        _pendingDecode = _clock.ScheduleIn(DecodeDelayNanos, () =>
        {
            _pendingDecode = null;
            Emit(item);
        });
    }

    private void Emit(ScanItem item)
    {
        if (item.Fault == ScanFault.None && RandomFaultChance > 0 && _random.Chance(RandomFaultChance))
        {
            item = RandomFault(item.Code);
            Log.Add($"{Seconds()} random fault: {item}");
        }
        byte[] bytes = Render(item);
        Sent.Add((item.Fault, bytes));
        if (bytes.Length > 0)
        {
            _port.DeviceSend(bytes, 0, bytes.Length);
        }
        Log.Add($"{Seconds()} sent {bytes.Length} bytes ({item})");
    }

    private ScanItem RandomFault(string code) => _random.Next(4) switch
    {
        0 => ScanItem.Noise(1 + _random.Next(16)),
        1 => ScanItem.Dropped(code, 1 + _random.Next(Math.Max(1, code.Length - 1))),
        2 => ScanItem.Truncated(code, _random.Next(Math.Max(1, code.Length))),
        _ => ScanItem.NoRead(),
    };

    private byte[] Render(ScanItem item)
    {
        var bytes = new List<byte>();
        switch (item.Fault)
        {
            case ScanFault.None:
                AddCodeId(bytes);
                bytes.AddRange(ScanItem.Ascii(item.Code));
                bytes.AddRange(_profile.Terminators);
                break;
            case ScanFault.Noise:
                var noise = new byte[item.Count];
                _random.NextBytes(noise, 0, noise.Length);
                bytes.AddRange(noise);
                break;
            case ScanFault.DroppedBytes:
                AddCodeId(bytes);
                bytes.AddRange(ScanItem.Ascii(item.Code));
                for (int i = 0; i < item.Count && bytes.Count > 0; i++)
                {
                    bytes.RemoveAt(_random.Next(bytes.Count));
                }
                bytes.AddRange(_profile.Terminators);
                break;
            case ScanFault.Truncated:
                AddCodeId(bytes);
                bytes.AddRange(ScanItem.Ascii(item.Code).Take(item.Count));
                break;
            case ScanFault.Raw:
                bytes.AddRange(item.Bytes!);
                break;
        }
        return bytes.ToArray();
    }

    // A decoded code carries the engine's code-type ID when the profile turns it on (QR's, the first listed);
    // noise and raw bytes do not.
    private void AddCodeId(List<byte> bytes)
    {
        if (_profile.CodeIds.Length > 0)
        {
            bytes.Add(_profile.CodeIds[0]);
        }
    }

    private void Acknowledge()
    {
        if (_profile.Ack.Length > 0)
        {
            _port.DeviceSendAt(_clock.NowNanos + AckDelayNanos, _profile.Ack, 0, _profile.Ack.Length);
        }
    }

    private bool EndsWith(byte[] command)
    {
        if (command.Length == 0 || _received.Count < command.Length)
        {
            return false;
        }
        int start = _received.Count - command.Length;
        for (int i = 0; i < command.Length; i++)
        {
            if (_received[start + i] != command[i])
            {
                return false;
            }
        }
        return true;
    }

    private string Seconds() => $"{_clock.NowNanos / 1e9:F3} s";
}
