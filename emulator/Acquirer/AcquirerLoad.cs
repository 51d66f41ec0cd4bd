using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PosFirmware.Crypto;
using PosFirmware.Emulator.Iso8583;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>What `posemu acquirer load` runs: how many terminals, for how long, against which simulator.</summary>
public sealed class AcquirerLoadOptions
{
    /// <summary>Most connections one run opens.</summary>
    public const int MaxConnections = 512;

    /// <summary>Longest run.</summary>
    public const double MaxSeconds = 600;

    /// <summary>The simulator (loopback only).</summary>
    public required IPEndPoint Target { get; init; }

    /// <summary>Terminals, one connection each, each sending its next sale when the last is answered.</summary>
    public int Connections { get; init; } = 8;

    /// <summary>How long to send sales.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>F60.2 of every sale; a fresh batch per run makes every sale new to the ledger.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>The terminal master key the simulator sends working keys under.</summary>
    public string MasterKeyHex { get; init; } = new AcquirerConfig().MasterKeyHex;

    /// <summary>F4 of each sale (approved by the default rules).</summary>
    public long AmountFen { get; init; } = 100;

    /// <summary>The field table the terminals speak (null: the shipped CUP POS file).</summary>
    public FieldTable? Table { get; init; }

    /// <summary>How long one answer may take before the run counts it lost and that terminal stops.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The reason the options cannot be run, or null.</summary>
    public string? Check()
    {
        if (!IPAddress.IsLoopback(Target.Address))
        {
            return "--target must be a loopback address (the load tool drives the local simulator only)";
        }
        if (Connections is < 1 or > MaxConnections)
        {
            return $"--connections must be 1..{MaxConnections}";
        }
        if (!(Seconds > 0 && Seconds <= MaxSeconds))
        {
            return $"--seconds must be in (0, {MaxSeconds}]";
        }
        if (Batch is < 1 or > CupMessages.MaxBatch)
        {
            return $"--batch must be 1..{CupMessages.MaxBatch}";
        }
        return null;
    }
}

/// <summary>What a load run measured.</summary>
public sealed class AcquirerLoadResult
{
    /// <summary>Sales answered.</summary>
    public long Sales { get; set; }

    /// <summary>Sales answered 00.</summary>
    public long Approved { get; set; }

    /// <summary>Answers by F39 other than 00, and failures by kind (timeout, closed, bad MAC, ...).</summary>
    public SortedDictionary<string, long> Other { get; } = new(StringComparer.Ordinal);

    /// <summary>Wall seconds the sales were sent over.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>Round-trip times of the answered sales, ascending, in milliseconds.</summary>
    public double[] LatenciesMillis { get; set; } = [];

    /// <summary>Sales answered per wall second.</summary>
    public double SalesPerSecond => ElapsedSeconds > 0 ? Sales / ElapsedSeconds : 0;

    /// <summary>The latency at or below which a fraction p (0..1) of the answers came (nearest rank).</summary>
    public double Percentile(double p)
    {
        if (LatenciesMillis.Length == 0)
        {
            return double.NaN;
        }
        int rank = (int)Math.Ceiling(p * LatenciesMillis.Length);
        return LatenciesMillis[Math.Clamp(rank - 1, 0, LatenciesMillis.Length - 1)];
    }
}

/// <summary>
/// Drives a running simulator with many terminals at once, each over its own TCP connection: sign in,
/// then sales back to back, built, MAC'd and checked with the firmware's own codec, MAC and key code. A
/// measuring tool (wall clock), bounded in connections and time.
/// </summary>
public static class AcquirerLoad
{
    /// <summary>Merchant id the load's terminals use (LOAD0001, LOAD0002, ...).</summary>
    public const string MerchantId = "898310048990009";

    /// <summary>Runs the load; options that fail Check (not loopback, out of bounds) are refused with ArgumentException.</summary>
    public static async Task<AcquirerLoadResult> Run(AcquirerLoadOptions options, CancellationToken cancel)
    {
        string? refusal = options.Check();
        if (refusal != null)
        {
            throw new ArgumentException(refusal, nameof(options));
        }
        var table = options.Table ?? FieldTables.Default();
        var start = Stopwatch.GetTimestamp();
        var until = start + (long)(options.Seconds * Stopwatch.Frequency);
        var workers = new List<Task<Worker>>();
        for (int i = 0; i < options.Connections; i++)
        {
            var worker = new Worker(options, table, "LOAD" + (i + 1).ToString("D4"));
            workers.Add(worker.Run(until, cancel));
        }
        var done = await Task.WhenAll(workers);
        var result = new AcquirerLoadResult { ElapsedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds };
        var latencies = new List<double>();
        foreach (var worker in done)
        {
            result.Sales += worker.Answered;
            result.Approved += worker.Approved;
            latencies.AddRange(worker.LatenciesMillis);
            foreach (var (kind, count) in worker.Other)
            {
                result.Other[kind] = result.Other.GetValueOrDefault(kind) + count;
            }
        }
        latencies.Sort();
        result.LatenciesMillis = [.. latencies];
        return result;
    }

    private sealed class Worker(AcquirerLoadOptions options, FieldTable table, string terminalId)
    {
        private static readonly byte[] Code = "134567890123456789"u8.ToArray();
        private readonly Iso8583Codec _codec = new(table);
        private readonly Iso8583Message _request = new(table);
        private readonly Iso8583Message _response = new(table);
        private readonly CupMessages _builder = new(new CupDialect());
        private readonly MessageMac _mac = new();
        private readonly FrameFormat _format = new();
        private readonly WorkingKeys _keys = new(16, 8, 4, MacScheme.CupEcb);
        private readonly byte[] _out = new byte[2048];
        private readonly byte[] _in = new byte[VirtualAcquirer.MaxFrameBytes];

        public long Answered { get; private set; }
        public long Approved { get; private set; }
        public List<double> LatenciesMillis { get; } = [];
        public Dictionary<string, long> Other { get; } = [];

        public async Task<Worker> Run(long untilTimestamp, CancellationToken cancel)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancel))
                {
                    connectTimeout.CancelAfter(options.AnswerTimeout);
                    await socket.ConnectAsync(options.Target, connectTimeout.Token);
                }
                if (!await SignIn(socket, cancel))
                {
                    return this;
                }
                int trace = 1;
                while (Stopwatch.GetTimestamp() < untilTimestamp && !cancel.IsCancellationRequested)
                {
                    trace = trace % CupMessages.MaxTrace + 1;
                    _builder.Sale(_request, trace, options.Batch, terminalId, MerchantId, options.AmountFen, Code, 0, Code.Length);
                    int bodyAt = Iso8583Frame.BodyOffset(_format);
                    int frame = Frame(_mac.TryPack(_codec, _request, _keys.Mac, _out, bodyAt, _out.Length - bodyAt, out int body), body);
                    long sent = Stopwatch.GetTimestamp();
                    string? failure = await Exchange(socket, frame, cancel);
                    if (failure != null)
                    {
                        Count(failure);
                        return this;
                    }
                    LatenciesMillis.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    Answered++;
                    if (CupMessages.IsApproved(_response))
                    {
                        Approved++;
                    }
                    else
                    {
                        Count("F39 " + (_response.GetText(39) ?? "missing"));
                    }
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
            {
                Count(e is OperationCanceledException ? "timeout" : "socket: " + e.Message);
            }
            return this;
        }

        // A request this load generator built itself always packs and fits: anything else is its own bug.
        private int Frame(bool packed, int bodyBytes)
        {
            if (!packed || !Iso8583Frame.TryWrap(_format, _out, 0, bodyBytes, _format.HostAddress, _format.TerminalAddress, out int frameBytes))
            {
                throw new InvalidOperationException("load request not packed: " + _codec.DescribeLastError());
            }
            return frameBytes;
        }

        private async Task<bool> SignIn(Socket socket, CancellationToken cancel)
        {
            _builder.SignIn(_request, 1, options.Batch, terminalId, MerchantId);
            int bodyAt = Iso8583Frame.BodyOffset(_format);
            int frame = Frame(_codec.TryPack(_request, _out, bodyAt, _out.Length - bodyAt, out int body), body);
            string? failure = await Exchange(socket, frame, cancel, verifyMac: false);
            if (failure == null && !CupMessages.IsApproved(_response))
            {
                failure = "sign-in F39 " + _response.GetText(39);
            }
            var master = new TripleDes();
            var masterKey = Convert.FromHexString(options.MasterKeyHex);
            master.SetKey(masterKey, 0, masterKey.Length);
            if (failure == null && _keys.Load(master, _response.ValueBuffer(62), 0, _response.Length(62)) != KeyLoadStatus.Ok)
            {
                failure = "sign-in keys do not load (master key?)";
            }
            if (failure != null)
            {
                Count(failure);
                return false;
            }
            return true;
        }

        // Sends the frame in _out and parses the answer into _response; null, or why it failed.
        private async Task<string?> Exchange(Socket socket, int frameBytes, CancellationToken cancel, bool verifyMac = true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(options.AnswerTimeout);
            await socket.SendAsync(_out.AsMemory(0, frameBytes), SocketFlags.None, timeout.Token);
            if (!await ReadExactly(socket, 0, FrameFormat.LengthPrefixBytes, timeout.Token))
            {
                return "closed";
            }
            int length = (_in[0] << 8) | _in[1];
            if (length + FrameFormat.LengthPrefixBytes > _in.Length)
            {
                return "oversized answer";
            }
            if (!await ReadExactly(socket, FrameFormat.LengthPrefixBytes, length, timeout.Token))
            {
                return "closed";
            }
            int total = FrameFormat.LengthPrefixBytes + length;
            int bodyAt = Iso8583Frame.BodyOffset(_format);
            if (Iso8583Frame.Check(_format, _in, 0, total) != CodecStatus.Ok || _codec.Unpack(_in, bodyAt, total - bodyAt, _response) != CodecStatus.Ok)
            {
                return "unparseable answer";
            }
            if (verifyMac && _response.Has(MessageMac.MacField) && _mac.Verify(_response, _keys.Mac, _in, bodyAt, total - bodyAt) != CodecStatus.Ok)
            {
                return "answer MAC does not verify";
            }
            return null;
        }

        private async Task<bool> ReadExactly(Socket socket, int offset, int count, CancellationToken cancel)
        {
            while (count > 0)
            {
                int n = await socket.ReceiveAsync(_in.AsMemory(offset, count), SocketFlags.None, cancel);
                if (n == 0)
                {
                    return false;
                }
                offset += n;
                count -= n;
            }
            return true;
        }

        private void Count(string kind) => Other[kind] = Other.GetValueOrDefault(kind) + 1;
    }
}
