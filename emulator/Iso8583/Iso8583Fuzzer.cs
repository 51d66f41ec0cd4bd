using PosFirmware.Crypto;
using PosFirmware.Emulator.Core;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Iso8583;

/// <summary>
/// Feeds the firmware's parser random and mutated messages: random bytes, valid messages with bytes
/// flipped, inserted, deleted or truncated, and valid messages with lengths and bitmaps tampered with.
/// Every input must give Ok or a CodecStatus without an exception; an input that parses must repack
/// to bytes that parse to the same message. Seeded: the seed and iteration replay any failure.
/// </summary>
public sealed class Iso8583Fuzzer
{
    private readonly SimRandom _random;
    private readonly FieldTable _table = FieldTables.Default();
    private readonly Iso8583Codec _codec;
    private readonly Iso8583Message _parsed;
    private readonly Iso8583Message _reparsed;
    private readonly MessageMac _mac = new();
    private readonly FrameFormat _frame = new();
    private readonly MacCalculator _macKey = new();
    private readonly List<byte[]> _seeds;
    private readonly byte[] _repack = new byte[8192];

    /// <summary>Creates a fuzzer from a seed.</summary>
    public Iso8583Fuzzer(ulong seed)
    {
        Seed = seed;
        _random = new SimRandom(seed).Fork("iso8583-fuzz");
        _codec = new Iso8583Codec(_table);
        _parsed = new Iso8583Message(_table);
        _reparsed = new Iso8583Message(_table);
        _macKey.SetKey(MacScheme.CupEcb, Convert.FromHexString("2222222222222222"), 0, 8);
        _seeds = SampleMessages.All(_table);
    }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>Inputs run so far.</summary>
    public long Iterations { get; private set; }

    /// <summary>Inputs that parsed.</summary>
    public long Accepted { get; private set; }

    /// <summary>Inputs rejected, counted by CodecStatus.</summary>
    public SortedDictionary<CodecStatus, long> RejectedByStatus { get; } = new();

    /// <summary>Runs count inputs; returns null on success, or a failure description naming seed and iteration.</summary>
    public string? Run(long count)
    {
        for (long i = 0; i < count; i++)
        {
            string? failure = RunOne();
            if (failure != null)
            {
                return failure;
            }
        }
        return null;
    }

    /// <summary>Runs one input.</summary>
    public string? RunOne()
    {
        long iteration = Iterations++;
        byte[] input = NextInput();
        try
        {
            // The framing check sees the same bytes as if they were a whole frame.
            Iso8583Frame.Check(_frame, input, 0, input.Length);
            CodecStatus status = _codec.Unpack(input, 0, input.Length, _parsed);
            if (status != CodecStatus.Ok)
            {
                RejectedByStatus[status] = RejectedByStatus.GetValueOrDefault(status) + 1;
                if (_parsed.HighestField() != 0)
                {
                    return Describe(iteration, input, "a rejected message left fields behind");
                }
                return null;
            }
            Accepted++;
            _mac.Verify(_parsed, _macKey, input, 0, input.Length);
            if (!_codec.TryPack(_parsed, _repack, 0, _repack.Length, out int repacked))
            {
                return Describe(iteration, input, "parsed but would not repack: " + _codec.DescribeLastError());
            }
            if (_codec.Unpack(_repack, 0, repacked, _reparsed) != CodecStatus.Ok)
            {
                return Describe(iteration, input, "repacked bytes do not parse: " + _codec.DescribeLastError());
            }
            if (_reparsed.MessageType != _parsed.MessageType)
            {
                return Describe(iteration, input, "message type changed on repack");
            }
            for (int field = 2; field <= FieldTable.MaxField; field++)
            {
                if (!_parsed.FieldEquals(field, _reparsed))
                {
                    return Describe(iteration, input, $"field {field} changed on repack");
                }
            }
            return null;
        }
        catch (Exception e)
        {
            return Describe(iteration, input, "exception: " + e.GetType().Name + ": " + e.Message);
        }
    }

    private string Describe(long iteration, byte[] input, string what) =>
        $"iso8583 fuzz failure (seed={Seed}, iteration={iteration}): {what}; input={Convert.ToHexString(input)}";

    private byte[] NextInput()
    {
        int kind = _random.Next(10);
        if (kind == 0)
        {
            var bytes = new byte[_random.Next(200)];
            _random.NextBytes(bytes, 0, bytes.Length);
            return bytes;
        }
        var seed = (byte[])_seeds[_random.Next(_seeds.Count)].Clone();
        if (kind == 1)
        {
            return seed;
        }
        var list = new List<byte>(seed);
        int mutations = 1 + _random.Next(4);
        for (int m = 0; m < mutations; m++)
        {
            int op = _random.Next(6);
            int at = list.Count == 0 ? 0 : _random.Next(list.Count);
            switch (op)
            {
                case 0 when list.Count > 0:
                    list[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when list.Count > 0:
                    list[at] = (byte)_random.Next(256);
                    break;
                case 2:
                    list.Insert(at, (byte)_random.Next(256));
                    break;
                case 3 when list.Count > 0:
                    list.RemoveAt(at);
                    break;
                case 4 when list.Count > 0:
                    list.RemoveRange(at, list.Count - at);
                    break;
                case 5 when list.Count > 10:
                    // Tamper with the bitmap, where a single bit changes how everything after it is read.
                    list[2 + _random.Next(8)] ^= (byte)(1 << _random.Next(8));
                    break;
            }
        }
        return list.ToArray();
    }
}
