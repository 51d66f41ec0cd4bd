using System.Security.Cryptography;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Iso8583;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// The simulated acquirer's message handler, shared by the in-process (virtual network) and TCP
/// transports: one whole frame in, an <see cref="AcquirerReply"/> out. Every frame whose envelope and
/// message type can be read gets an answer: a format error (F39 30) when the header, the body or the
/// message type is wrong, otherwise the answer of the handler for its message type (sign-in, sale, query,
/// reversal, settlement, batch upload), after the MAC is verified with the host's own (.NET) DES. A frame
/// whose message type cannot be read asks the transport to close the connection. Each request's changes
/// land in one ledger transaction; what then happens to the answer on the wire (lost, late, doubled,
/// corrupted, cut) is <see cref="FaultedDelivery"/>'s alone. Calls are serialised; the transports may
/// call from several threads.
/// </summary>
public sealed class AcquirerHost
{
    private readonly object _gate = new();
    private readonly FieldTable _table;
    private readonly Iso8583Codec _codec;
    private readonly Iso8583Message _request;
    private readonly Iso8583Message _response;
    private readonly Iso8583Message _partial;
    private readonly FrameFormat _frame = new();
    private readonly int _macScheme;
    private readonly HostExchange _exchange;
    private readonly SignInHandler _signIn;
    private readonly SaleHandler _sale = new();
    private readonly QueryHandler _query = new();
    private readonly ReversalHandler _reversal = new();
    private readonly SettlementHandler _settlement = new();
    private readonly BatchUploadHandler _upload = new();
    private readonly bool _dialectHasSecondaryFields;
    private readonly FaultedDelivery _delivery;

    /// <summary>
    /// Creates a host with the shipped CUP POS field table (parsed once for the process: a host only reads
    /// its table), drawing keys and faults from random.
    /// </summary>
    public AcquirerHost(AcquirerConfig config, AcquirerLedger ledger, SimRandom random)
        : this(config, ledger, random, FieldTables.SharedDefault)
    {
    }

    /// <summary>Creates a host speaking the dialect of a field table (e.g. loaded with --fields).</summary>
    public AcquirerHost(AcquirerConfig config, AcquirerLedger ledger, SimRandom random, FieldTable table)
    {
        config.Validate(table);
        Config = config;
        Ledger = ledger;
        _table = table;
        _codec = new Iso8583Codec(_table);
        _request = new Iso8583Message(_table);
        _response = new Iso8583Message(_table);
        _partial = new Iso8583Message(_table);
        _signIn = new SignInHandler(random.Fork("acquirer-keys"));
        Faults = new AcquirerFaults(random.Fork("acquirer-faults"));
        foreach (var (name, p) in config.Faults)
        {
            Faults.SetProbability(AcquirerFaults.Parse(name), p);
        }
        Codes = new ResponseCodes(config);
        _delivery = new FaultedDelivery(config, ledger);
        _exchange = new HostExchange(config, Codes, ledger, Faults, _request, _response);
        _macScheme = config.MacSchemeId;
        _frame.TpduId = config.TpduId;
        _frame.DestinationFirst = config.TpduDestinationFirst;
        var header = Convert.FromHexString(config.HeaderHex);
        _frame.SetHeader(header, 0, header.Length);
        for (int field = 65; field <= FieldTable.MaxField; field++)
        {
            _dialectHasSecondaryFields |= _table.Get(field) != null;
        }
    }

    /// <summary>The configuration.</summary>
    public AcquirerConfig Config { get; }

    /// <summary>The response codes the host answers with.</summary>
    public ResponseCodes Codes { get; }

    /// <summary>The books.</summary>
    public AcquirerLedger Ledger { get; }

    /// <summary>The fault source (ForceNext for tests).</summary>
    public AcquirerFaults Faults { get; }

    /// <summary>The frame layout the host expects and sends.</summary>
    public FrameFormat Frame => _frame;

    /// <summary>The field table the host parses and packs with.</summary>
    public FieldTable Table => _table;

    /// <summary>Calendar time at host micros 0, for F12/F13 (the virtual clock's start, or the Unix epoch for TCP).</summary>
    public DateTime Epoch { get; set; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Frames handled.</summary>
    public long FramesHandled { get; private set; }

    /// <summary>Handles one whole frame (length prefix included) that arrived at nowMicros.</summary>
    public AcquirerReply Handle(byte[] frame, long nowMicros)
    {
        lock (_gate)
        {
            FramesHandled++;
            var reply = new AcquirerReply { Fault = Faults.Draw() };
            if (_delivery.LosesRequest(reply, nowMicros))
            {
                return reply;
            }
            int mti = ReadMessageType(frame, out string? unreadable);
            if (unreadable != null)
            {
                Ledger.AddEvent(nowMicros, "rejected", $"unreadable frame ({unreadable}): connection closed");
                reply.Summary = "closed: " + unreadable;
                reply.Close = true;
                return reply;
            }
            _exchange.Epoch = Epoch;
            byte[] answer;
            (answer, reply.Summary) = Ledger.InTransaction(() =>
            {
                string? refusal = ParseRequest(frame, mti);
                byte[]? key = null;
                string summary;
                if (refusal != null)
                {
                    Ledger.AddEvent(nowMicros, "rejected", refusal);
                    summary = FormatError(frame, mti, refusal);
                }
                else
                {
                    SettleDueAt(nowMicros);
                    (key, summary) = Dispatch(frame, nowMicros);
                }
                var packed = PackResponse(frame, key);
                Ledger.AddEvent(nowMicros, "answer", summary);
                return (packed, summary);
            });
            _delivery.Plan(reply, answer, nowMicros);
            return reply;
        }
    }

    /// <summary>Appends to the event log, serialised with request handling (the ledger's connection is not thread-safe).</summary>
    public void Note(long nowMicros, string kind, string detail)
    {
        lock (_gate)
        {
            Ledger.AddEvent(nowMicros, kind, detail);
        }
    }

    /// <summary>The ledger's contents, read between requests.</summary>
    public LedgerSnapshot Snapshot()
    {
        lock (_gate)
        {
            return Ledger.Snapshot();
        }
    }

    /// <summary>Settles every user-paying order whose time has come (paid: debit; cancelled: closed).</summary>
    public void SettleDue(long nowMicros)
    {
        lock (_gate)
        {
            Ledger.InTransaction(() =>
            {
                SettleDueAt(nowMicros);
                return 0;
            });
        }
    }

    /// <summary>The response type for any message type: a request's answer (+10), a response's own type.</summary>
    public static int ResponseTypeFor(int messageType) => (messageType / 10) % 2 == 0 ? messageType + 10 : messageType;

    // The order keeps the retrieval reference number it was given when it was first answered, so the
    // "user paying" answer and the paid one name the same order.
    private void SettleDueAt(long nowMicros)
    {
        foreach (var sale in Ledger.DueUserPaying(nowMicros))
        {
            sale.State = sale.PendingOutcome;
            if (sale.State == SaleRecord.Paid)
            {
                sale.AuthCode = _exchange.NextAuthCode();
                Ledger.AddEntry(sale.Id, AcquirerLedger.Debit, sale.AmountFen, sale.SettleAtMicros);
            }
            Ledger.UpdateSale(sale);
            Ledger.AddEvent(sale.SettleAtMicros, "settled", $"sale #{sale.Id} trace {sale.Trace:D6}: customer {(sale.State == SaleRecord.Paid ? "paid" : "did not pay")}");
        }
    }

    // The envelope (length, TPDU) and the BCD message type: without them there is nothing to answer.
    private int ReadMessageType(byte[] frame, out string? unreadable)
    {
        unreadable = null;
        CodecStatus status = Iso8583Frame.Check(_frame, frame, 0, frame.Length);
        int bodyAt = Iso8583Frame.BodyOffset(_frame);
        if (status != CodecStatus.Ok)
        {
            unreadable = CodecStatusText.Describe(status);
            return -1;
        }
        if (frame.Length < bodyAt + Iso8583Codec.MessageTypeBytes)
        {
            unreadable = "no message type after the header";
            return -1;
        }
        int mti = 0;
        for (int i = 0; i < Iso8583Codec.MessageTypeBytes; i++)
        {
            int high = frame[bodyAt + i] >> 4;
            int low = frame[bodyAt + i] & 0xF;
            if (high > 9 || low > 9)
            {
                unreadable = $"message type {Convert.ToHexString(frame, bodyAt, 2)} is not 4 BCD digits";
                return -1;
            }
            mti = mti * 100 + high * 10 + low;
        }
        return mti;
    }

    // Everything after the message type; null when the request is one a handler takes.
    private string? ParseRequest(byte[] frame, int mti)
    {
        int bodyAt = Iso8583Frame.BodyOffset(_frame);
        CodecStatus status = _codec.Unpack(frame, bodyAt, frame.Length - bodyAt, _request);
        if (status != CodecStatus.Ok)
        {
            return $"{mti:D4}: unparseable body: {_codec.DescribeLastError()}";
        }
        int headerAt = FrameFormat.LengthPrefixBytes + FrameFormat.TpduBytes;
        if (!frame.AsSpan(headerAt, _frame.HeaderBytes).SequenceEqual(_frame.Header.AsSpan(0, _frame.HeaderBytes)))
        {
            return $"{mti:D4}: header {Convert.ToHexString(frame, headerAt, _frame.HeaderBytes)} is not {Convert.ToHexString(_frame.Header, 0, _frame.HeaderBytes)}";
        }
        if ((frame[bodyAt + Iso8583Codec.MessageTypeBytes] & 0x80) != 0 && !_dialectHasSecondaryFields)
        {
            return $"{mti:D4}: secondary bitmap, but the field table has no field above 64";
        }
        if (mti is not (MessageTypes.SignIn or MessageTypes.Financial or MessageTypes.Reversal or MessageTypes.Settlement or MessageTypes.BatchUpload))
        {
            return $"{mti:D4}: not a request this host handles (0800, 0200, 0400, 0500, 0320)";
        }
        return null;
    }

    // The answer to a request that cannot be taken: its response type, F39 format error, and the fields
    // that tell the terminal which request it was, when the body could be read.
    private string FormatError(byte[] frame, int mti, string reason)
    {
        bool parsed = _request.MessageType == mti && _request.HighestField() > 0;
        _response.Clear();
        _response.MessageType = ResponseTypeFor(mti);
        if (parsed)
        {
            foreach (int field in new[] { 11, 41, 42 })
            {
                _exchange.CopyFromRequest(field);
            }
        }
        else if (ReadTraceAheadOfTheDamage(frame))
        {
            _response.Set(11, _partial.ValueBuffer(11), 0, _partial.Length(11));
        }
        _response.SetText(39, Codes.FormatError);
        return $"{reason} -> {Codes.FormatError}";
    }

    // A body damaged after field 11 still tells which request it was: parse just the fields up to 11 (the
    // bitmap cut down to them) over the shortest prefix that holds them, so the terminal can match the
    // format-error answer to its request by trace. Best effort: damage before field 11 leaves F11 out.
    private bool ReadTraceAheadOfTheDamage(byte[] frame)
    {
        const int maxBytesBeforeField12 = 64;
        int bodyAt = Iso8583Frame.BodyOffset(_frame);
        int bitmapAt = bodyAt + Iso8583Codec.MessageTypeBytes;
        int headBytes = Iso8583Codec.MessageTypeBytes + Iso8583Codec.BitmapBytes;
        if (frame.Length - bodyAt <= headBytes || (frame[bitmapAt] & 0x80) != 0 || (frame[bitmapAt + 1] & 0x20) == 0)
        {
            return false;
        }
        byte[] head = frame[bodyAt..Math.Min(frame.Length, bodyAt + headBytes + maxBytesBeforeField12)];
        // Fields 9-16 are the second bitmap byte: keep 9, 10 and 11; clear everything after.
        head[Iso8583Codec.MessageTypeBytes + 1] &= 0xE0;
        Array.Clear(head, Iso8583Codec.MessageTypeBytes + 2, Iso8583Codec.BitmapBytes - 2);
        for (int end = headBytes + 1; end <= head.Length; end++)
        {
            if (_codec.Unpack(head, 0, end, _partial) == CodecStatus.Ok)
            {
                return _partial.Has(11);
            }
        }
        return false;
    }

    private (byte[]? Key, string Summary) Dispatch(byte[] frame, long nowMicros)
    {
        var x = _exchange;
        x.Begin(nowMicros);
        int mti = _request.MessageType;
        if (mti == MessageTypes.SignIn)
        {
            return (null, _signIn.Handle(x));
        }
        x.StartResponse();
        byte[]? key = SignInHandler.StoredMacKey(x);
        if (key == null)
        {
            return (null, x.Answer(Codes.NotSignedIn, $"{mti:D4} from {x.MerchantId}/{x.TerminalId}: not signed in"));
        }
        if (!_request.Has(64) || _request.HighestField() != 64)
        {
            return (key, x.Answer(Codes.BadMac, $"{mti:D4} trace {_request.GetText(11)}: no MAC"));
        }
        int bodyAt = Iso8583Frame.BodyOffset(_frame);
        var expected = HostCrypto.Mac(_macScheme, key, frame.AsSpan(bodyAt, frame.Length - bodyAt - 8));
        if (!CryptographicOperations.FixedTimeEquals(expected, frame.AsSpan(frame.Length - 8, 8)))
        {
            return (key, x.Answer(Codes.BadMac, $"{mti:D4} trace {_request.GetText(11)}: MAC mismatch"));
        }
        IMessageHandler handler = mti switch
        {
            MessageTypes.Financial when _request.TextEquals(3, Config.QueryProcessingCode) => _query,
            MessageTypes.Financial => _sale,
            MessageTypes.Reversal => _reversal,
            MessageTypes.Settlement => _settlement,
            _ => _upload,
        };
        return (key, handler.Handle(x));
    }

    private byte[] PackResponse(byte[] requestFrame, byte[]? key)
    {
        if (key != null)
        {
            _response.Set(64, new byte[8], 0, 8);
        }
        int bodyAt = Iso8583Frame.BodyOffset(_frame);
        var buffer = new byte[bodyAt + 4096];
        if (!_codec.TryPack(_response, buffer, bodyAt, buffer.Length - bodyAt, out int bodyBytes))
        {
            throw new InvalidOperationException("simulator built a response it cannot pack: " + _codec.DescribeLastError());
        }
        if (key != null)
        {
            var mac = HostCrypto.Mac(_macScheme, key, buffer.AsSpan(bodyAt, bodyBytes - 8));
            mac.CopyTo(buffer, bodyAt + bodyBytes - 8);
        }
        int destination = Iso8583Frame.TpduDestination(_frame, requestFrame, 0);
        int source = Iso8583Frame.TpduSource(_frame, requestFrame, 0);
        bool wrapped = Config.SwapTpduOnReply
            ? Iso8583Frame.TryWrap(_frame, buffer, 0, bodyBytes, source, destination, out int frameBytes)
            : Iso8583Frame.TryWrap(_frame, buffer, 0, bodyBytes, destination, source, out frameBytes);
        if (!wrapped)
        {
            throw new InvalidOperationException("simulator built a response too long for one frame");
        }
        return buffer[..frameBytes];
    }
}
