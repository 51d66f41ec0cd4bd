using System.Security.Cryptography;
using PosFirmware.Emulator.Core;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// The simulated acquirer's message handler, shared by the in-process (virtual network) and TCP
/// transports: one whole frame in, an <see cref="AcquirerReply"/> out. It checks framing, parses with
/// the firmware's codec, verifies the MAC with its own (.NET) DES, applies the host rules
/// (docs/acquirer-protocol.md, a sale and its reversal) to the SQLite ledger in one transaction per request, and then applies the fault
/// drawn for this exchange. Calls are serialised; the transports may call from several threads.
/// </summary>
public sealed class AcquirerHost
{
    private readonly object _gate = new();
    private readonly FieldTable _table = CupFieldTable.Create();
    private readonly Iso8583Codec _codec;
    private readonly Iso8583Message _request;
    private readonly Iso8583Message _response;
    private readonly FrameFormat _frame = new();
    private readonly SimRandom _keyRandom;
    private readonly int _macScheme;

    /// <summary>Creates a host on a ledger, drawing keys and faults from random.</summary>
    public AcquirerHost(AcquirerConfig config, AcquirerLedger ledger, SimRandom random)
    {
        config.Validate();
        Config = config;
        Ledger = ledger;
        _codec = new Iso8583Codec(_table);
        _request = new Iso8583Message(_table);
        _response = new Iso8583Message(_table);
        _keyRandom = random.Fork("acquirer-keys");
        Faults = new AcquirerFaults(random.Fork("acquirer-faults"));
        foreach (var (name, p) in config.Faults)
        {
            Faults.SetProbability(AcquirerFaults.Parse(name), p);
        }
        _macScheme = config.MacSchemeId;
        _frame.TpduId = config.TpduId;
        _frame.DestinationFirst = config.TpduDestinationFirst;
        var header = Convert.FromHexString(config.HeaderHex);
        _frame.SetHeader(header, 0, header.Length);
    }

    /// <summary>The configuration.</summary>
    public AcquirerConfig Config { get; }

    /// <summary>The books.</summary>
    public AcquirerLedger Ledger { get; }

    /// <summary>The fault source (ForceNext for tests).</summary>
    public AcquirerFaults Faults { get; }

    /// <summary>The frame layout the host expects and sends.</summary>
    public FrameFormat Frame => _frame;

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
            if (reply.Fault == AcquirerFault.DropRequest)
            {
                Ledger.AddEvent(nowMicros, "fault", "drop-request: request lost before processing");
                reply.Summary = "request dropped";
                return reply;
            }
            int status = Iso8583Frame.Check(_frame, frame, 0, frame.Length);
            int bodyAt = Iso8583Frame.BodyOffset(_frame);
            if (status == CodecStatus.Ok)
            {
                status = _codec.Unpack(frame, bodyAt, frame.Length - bodyAt, _request);
            }
            if (status != CodecStatus.Ok)
            {
                string reason = status == _codec.LastStatus ? _codec.DescribeLastError() : CodecStatus.Describe(status);
                Ledger.AddEvent(nowMicros, "rejected", "unparseable frame: " + reason);
                reply.Summary = "no answer: " + reason;
                return reply;
            }
            SettleDue(nowMicros);
            bool hasMac;
            byte[]? key;
            string summary;
            (hasMac, key, summary) = Ledger.InTransaction(() => Dispatch(frame, bodyAt, nowMicros));
            reply.Summary = summary;
            if (_response.MessageType == 0)
            {
                Ledger.AddEvent(nowMicros, "rejected", summary);
                return reply;
            }
            byte[] answer = PackResponse(frame, key, hasMac);
            Ledger.AddEvent(nowMicros, "answer", summary);
            ApplyFault(reply, answer, nowMicros);
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
            foreach (var sale in Ledger.DueUserPaying(nowMicros))
            {
                sale.State = sale.PendingOutcome;
                if (sale.State == SaleRecord.Paid)
                {
                    sale.Rrn = NextRrn();
                    sale.AuthCode = NextAuthCode();
                    Ledger.AddEntry(sale.Id, AcquirerLedger.Debit, sale.AmountFen, sale.SettleAtMicros);
                }
                Ledger.UpdateSale(sale);
                Ledger.AddEvent(sale.SettleAtMicros, "settled", $"sale #{sale.Id} trace {sale.Trace:D6}: customer {(sale.State == SaleRecord.Paid ? "paid" : "did not pay")}");
            }
        }
    }

    private (bool HasMac, byte[]? Key, string Summary) Dispatch(byte[] frame, int bodyAt, long nowMicros)
    {
        _response.Clear();
        int mti = _request.MessageType;
        string mid = _request.GetText(42) ?? "";
        string tid = _request.GetText(41) ?? "";
        if (mti == MessageTypes.SignIn)
        {
            return (false, null, SignIn(mid, tid, nowMicros));
        }
        if (mti != MessageTypes.Financial && mti != MessageTypes.Reversal && mti != MessageTypes.Settlement && mti != MessageTypes.BatchUpload)
        {
            return (false, null, $"message type {mti:D4} not handled: no answer");
        }
        StartResponse(mti, nowMicros);
        byte[]? key = Ledger.TerminalKey(mid, tid);
        if (key == null)
        {
            _response.SetText(39, Config.NotSignedInResponseCode);
            return (false, null, $"{mti:D4} from {mid}/{tid}: not signed in -> {Config.NotSignedInResponseCode}");
        }
        if (!_request.Has(64) || _request.HighestField() != 64)
        {
            _response.SetText(39, Config.BadMacResponseCode);
            return (true, key, $"{mti:D4} trace {_request.GetText(11)}: no MAC -> {Config.BadMacResponseCode}");
        }
        int bodyBytes = frame.Length - bodyAt;
        var expected = HostCrypto.Mac(_macScheme, key, frame.AsSpan(bodyAt, bodyBytes - 8));
        if (!CryptographicOperations.FixedTimeEquals(expected, frame.AsSpan(frame.Length - 8, 8)))
        {
            _response.SetText(39, Config.BadMacResponseCode);
            return (true, key, $"{mti:D4} trace {_request.GetText(11)}: MAC mismatch -> {Config.BadMacResponseCode}");
        }
        string summary = mti switch
        {
            MessageTypes.Financial when _request.TextEquals(3, Config.QueryProcessingCode) => Query(mid, tid),
            MessageTypes.Financial => Sale(mid, tid, nowMicros),
            MessageTypes.Reversal => Reversal(mid, tid, nowMicros),
            MessageTypes.Settlement => Settlement(mid, tid, nowMicros),
            _ => BatchUpload(mid, tid),
        };
        return (true, key, summary);
    }

    private string SignIn(string mid, string tid, long nowMicros)
    {
        if (mid.Length != 15 || tid.Length != 8)
        {
            return "0800 without F41/F42: no answer";
        }
        StartResponse(MessageTypes.SignIn, nowMicros);
        byte[] pin = NewKey(Config.PinKeyBytes);
        byte[] mac = NewKey(Config.MacKeyBytes);
        byte[] master = Config.MasterKey();
        var field62 = new List<byte>();
        if (pin.Length > 0)
        {
            field62.AddRange(HostCrypto.EncryptEcb(master, pin));
            field62.AddRange(HostCrypto.CheckValue(pin, Config.CheckValueBytes));
        }
        field62.AddRange(HostCrypto.EncryptEcb(master, mac));
        field62.AddRange(HostCrypto.CheckValue(mac, Config.CheckValueBytes));
        var value = field62.ToArray();
        _response.Set(62, value, 0, value.Length);
        _response.SetText(39, "00");
        Ledger.SaveTerminalKey(mid, tid, mac, nowMicros);
        return $"0800 sign-in {mid}/{tid}: working keys issued -> 00";
    }

    private string Sale(string mid, string tid, long nowMicros)
    {
        long batch = CupMessages.BatchOf(_request);
        long trace = _request.GetNumber(11);
        long amount = _request.GetNumber(4);
        string? code = _request.GetText(Config.PaymentCodeField);
        if (batch < 0 || trace < 1 || amount < 1 || string.IsNullOrEmpty(code) || !_request.Has(3))
        {
            _response.SetText(39, Config.FormatErrorResponseCode);
            return $"0200 trace {trace}: missing F3/F4/F11/F60 or payment code -> {Config.FormatErrorResponseCode}";
        }
        string hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(code)));
        var sale = Ledger.FindSale(mid, tid, (int)batch, (int)trace);
        if (sale != null)
        {
            if (sale.AmountFen != amount || sale.CodeHash != hash || sale.ProcessingCode != _request.GetText(3))
            {
                _response.SetText(39, Config.DuplicateMismatchResponseCode);
                return $"0200 trace {trace:D6}: repeated trace with a different request -> {Config.DuplicateMismatchResponseCode}";
            }
            AnswerFor(sale);
            return $"0200 trace {trace:D6}: repeat of sale #{sale.Id} ({sale.State}), no new debit -> {_response.GetText(39)}";
        }
        string amount12 = amount.ToString("D12");
        var rule = Config.Rules.FirstOrDefault(r => r.Matches(amount12, code));
        sale = new SaleRecord
        {
            MerchantId = mid, TerminalId = tid, Batch = (int)batch, Trace = (int)trace, AmountFen = amount,
            ProcessingCode = _request.GetText(3)!, CodeMasked = Mask(code), CodeHash = hash, CreatedMicros = nowMicros,
            Rrn = NextRrn(),
        };
        // A rule answering 00 approves: recording it as declined would tell the terminal "approved" with no debit.
        if (rule?.ResponseCode != null && rule.ResponseCode != "00")
        {
            sale.State = SaleRecord.Declined;
            sale.ResponseCode = rule.ResponseCode;
        }
        else if (rule?.UserPayingSeconds != null)
        {
            sale.State = SaleRecord.UserPaying;
            sale.ResponseCode = Config.UserPayingResponseCode;
            sale.SettleAtMicros = nowMicros + (long)(rule.UserPayingSeconds.Value * 1_000_000);
            sale.PendingOutcome = rule.Outcome == "paid" ? SaleRecord.Paid : SaleRecord.Cancelled;
        }
        else
        {
            sale.State = SaleRecord.Paid;
            sale.ResponseCode = "00";
            sale.AuthCode = NextAuthCode();
        }
        Ledger.InsertSale(sale);
        if (sale.State == SaleRecord.Paid)
        {
            Ledger.AddEntry(sale.Id, AcquirerLedger.Debit, amount, nowMicros);
        }
        AnswerFor(sale);
        return $"0200 sale #{sale.Id} trace {trace:D6} {amount} fen code {sale.CodeMasked}: {sale.State} -> {sale.ResponseCode}";
    }

    private string Query(string mid, string tid)
    {
        long originalBatch = _request.ParseDigits(61, 0, 6);
        long originalTrace = _request.ParseDigits(61, 6, 6);
        if (originalBatch < 0 || originalTrace < 0)
        {
            _response.SetText(39, Config.FormatErrorResponseCode);
            return $"0200 query without F61 original batch+trace -> {Config.FormatErrorResponseCode}";
        }
        CopyFromRequest(61);
        var sale = Ledger.FindSale(mid, tid, (int)originalBatch, (int)originalTrace);
        if (sale == null || sale.State == SaleRecord.Void)
        {
            _response.SetText(39, "25");
            _response.SetText(63, "NOTFOUND");
            return $"0200 query batch {originalBatch:D6} trace {originalTrace:D6}: not found -> 25";
        }
        AnswerFor(sale);
        _response.SetText(63, sale.State);
        if (sale.State == SaleRecord.Paid)
        {
            _response.SetNumber(4, sale.AmountFen, 12);
        }
        return $"0200 query sale #{sale.Id} trace {sale.Trace:D6}: {sale.State} -> {_response.GetText(39)}";
    }

    // Host reversal rules, docs/acquirer-protocol.md, a sale and its reversal (posp_server Pub_OrgDealMatch.reverseMatch): match on F42 +
    // F41 + the original transaction (F3) + F60.2 batch + F11 trace; already reversed or not in a normal
    // state -> 25; amount mismatch -> 64; original declined -> 01; original not found -> 00 (so the
    // terminal stops resending). The cross-day rule is not modelled (the simulator has no business day).
    private string Reversal(string mid, string tid, long nowMicros)
    {
        long batch = CupMessages.BatchOf(_request);
        long trace = _request.GetNumber(11);
        long amount = _request.GetNumber(4);
        string reason = _request.GetText(39) ?? "??";
        if (batch < 0 || trace < 1)
        {
            _response.SetText(39, Config.FormatErrorResponseCode);
            return $"0400 without F11/F60 -> {Config.FormatErrorResponseCode}";
        }
        _response.Remove(38);
        var sale = Ledger.FindSale(mid, tid, (int)batch, (int)trace);
        string where = $"0400 (reason {reason}) batch {batch:D6} trace {trace:D6}";
        if (sale == null)
        {
            // Remember the reversal, so the original, should it arrive late, is refused rather than debited.
            string? code = _request.GetText(Config.PaymentCodeField);
            Ledger.InsertSale(new SaleRecord
            {
                MerchantId = mid, TerminalId = tid, Batch = (int)batch, Trace = (int)trace, AmountFen = Math.Max(0, amount),
                ProcessingCode = _request.GetText(3) ?? "", CodeMasked = code == null ? "" : Mask(code),
                CodeHash = code == null ? "" : Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(code))),
                State = SaleRecord.Void, ResponseCode = "00", CreatedMicros = nowMicros,
            });
            _response.SetText(39, "00");
            return $"{where}: original not found, recorded as void -> 00";
        }
        if (sale.ProcessingCode != _request.GetText(3))
        {
            _response.SetText(39, "00");
            return $"{where}: no original of this transaction type -> 00";
        }
        if (sale.State is SaleRecord.Reversed or SaleRecord.Void)
        {
            _response.SetText(39, "25");
            return $"{where}: sale #{sale.Id} already reversed -> 25";
        }
        if (sale.State == SaleRecord.Cancelled)
        {
            _response.SetText(39, "25");
            return $"{where}: sale #{sale.Id} is closed (not in a normal state) -> 25";
        }
        if (sale.AmountFen != amount)
        {
            _response.SetText(39, "64");
            return $"{where}: amount {amount} differs from sale #{sale.Id} ({sale.AmountFen}) -> 64";
        }
        if (sale.State == SaleRecord.Declined)
        {
            _response.SetText(39, "01");
            return $"{where}: sale #{sale.Id} was declined -> 01";
        }
        string note = "";
        if (sale.State == SaleRecord.UserPaying)
        {
            if (Faults.TakeRace())
            {
                if (Faults.Coin())
                {
                    Ledger.AddEntry(sale.Id, AcquirerLedger.Debit, sale.AmountFen, nowMicros);
                    sale.State = SaleRecord.Paid;
                    note = "; race: the customer's payment landed first";
                }
                else
                {
                    note = "; race: the customer's payment landed after the cancel and was refused";
                    Ledger.AddEvent(nowMicros, "race", $"sale #{sale.Id}: payment refused, order already reversed");
                }
            }
            else
            {
                note = "; the customer had not paid yet, order cancelled";
            }
        }
        if (sale.State == SaleRecord.Paid)
        {
            Ledger.AddEntry(sale.Id, AcquirerLedger.Credit, sale.AmountFen, nowMicros);
        }
        sale.State = SaleRecord.Reversed;
        Ledger.UpdateSale(sale);
        _response.SetText(39, "00");
        return $"{where}: sale #{sale.Id} reversed{note} -> 00";
    }

    private string Settlement(string mid, string tid, long nowMicros)
    {
        long batch = CupMessages.BatchOf(_request);
        long debit = _request.ParseDigits(48, 0, 12);
        long debitCount = _request.ParseDigits(48, 12, 3);
        long credit = _request.ParseDigits(48, 15, 12);
        long creditCount = _request.ParseDigits(48, 27, 3);
        if (batch < 0 || debit < 0 || debitCount < 0 || credit < 0 || creditCount < 0 || _request.Length(48) <= 30)
        {
            _response.SetText(39, Config.FormatErrorResponseCode);
            return $"0500 with a malformed F48 or F60 -> {Config.FormatErrorResponseCode}";
        }
        var (hostDebit, hostCount) = Ledger.PaidTotals(mid, tid, (int)batch);
        bool balanced = hostDebit == debit && hostCount == debitCount && credit == 0 && creditCount == 0;
        var field48 = new byte[_request.Length(48)];
        Array.Copy(_request.ValueBuffer(48), field48, field48.Length);
        field48[30] = (byte)(balanced ? '1' : '2');
        _response.Set(48, field48, 0, field48.Length);
        _response.SetText(39, "00");
        Ledger.AddSettlement(new SettlementRecord(mid, tid, (int)batch, debit, (int)debitCount, hostDebit, hostCount, balanced, nowMicros));
        return $"0500 batch {batch:D6}: terminal {debit}/{debitCount}, host {hostDebit}/{hostCount} -> {(balanced ? "balanced" : "unbalanced")}";
    }

    private string BatchUpload(string mid, string tid)
    {
        long batch = CupMessages.BatchOf(_request);
        string networkCode = _request.Length(60) >= 11 ? _request.GetText(60)![8..11] : "";
        if (batch < 0 || networkCode.Length != 3)
        {
            _response.SetText(39, Config.FormatErrorResponseCode);
            return $"0320 with a malformed F60 -> {Config.FormatErrorResponseCode}";
        }
        long trace = _request.ParseDigits(61, 6, 6);
        long amount = _request.GetNumber(4);
        long count = _request.GetNumber(48);
        Ledger.AddUpload(new UploadRecord(mid, tid, (int)batch, networkCode, (int)Math.Max(0, trace), Math.Max(0, amount), (int)Math.Max(0, count)));
        _response.SetText(39, "00");
        return $"0320 batch {batch:D6} 60.3={networkCode}: recorded -> 00";
    }

    private void AnswerFor(SaleRecord sale)
    {
        string code = sale.State switch
        {
            SaleRecord.Paid => "00",
            SaleRecord.UserPaying => Config.UserPayingResponseCode,
            SaleRecord.Declined => sale.ResponseCode,
            _ => Config.ClosedResponseCode,
        };
        _response.SetText(39, code);
        if (sale.Rrn.Length == 12)
        {
            _response.SetText(37, sale.Rrn);
        }
        if (sale.State == SaleRecord.Paid && sale.AuthCode.Length == 6)
        {
            _response.SetText(38, sale.AuthCode);
        }
    }

    private void StartResponse(int requestType, long nowMicros)
    {
        _response.Clear();
        _response.MessageType = MessageTypes.ResponseTo(requestType);
        foreach (int field in new[] { 3, 4, 11, 25, 41, 42, 49, 60 })
        {
            CopyFromRequest(field);
        }
        var at = Epoch.AddTicks(nowMicros * 10);
        _response.SetText(12, at.ToString("HHmmss"));
        _response.SetText(13, at.ToString("MMdd"));
    }

    private void CopyFromRequest(int field)
    {
        if (_request.Has(field))
        {
            _response.Set(field, _request.ValueBuffer(field), 0, _request.Length(field));
        }
    }

    private byte[] PackResponse(byte[] requestFrame, byte[]? key, bool withMac)
    {
        if (withMac && key != null)
        {
            _response.Set(64, new byte[8], 0, 8);
        }
        int bodyAt = Iso8583Frame.BodyOffset(_frame);
        var buffer = new byte[bodyAt + 4096];
        int bodyBytes = _codec.Pack(_response, buffer, bodyAt, buffer.Length - bodyAt);
        if (bodyBytes < 0)
        {
            throw new InvalidOperationException("simulator built a response it cannot pack: " + _codec.DescribeLastError());
        }
        if (withMac && key != null)
        {
            var mac = HostCrypto.Mac(_macScheme, key, buffer.AsSpan(bodyAt, bodyBytes - 8));
            mac.CopyTo(buffer, bodyAt + bodyBytes - 8);
        }
        int destination = Iso8583Frame.TpduDestination(_frame, requestFrame, 0);
        int source = Iso8583Frame.TpduSource(_frame, requestFrame, 0);
        int frameBytes = Config.SwapTpduOnReply
            ? Iso8583Frame.Wrap(_frame, buffer, 0, bodyBytes, source, destination)
            : Iso8583Frame.Wrap(_frame, buffer, 0, bodyBytes, destination, source);
        return buffer[..frameBytes];
    }

    private void ApplyFault(AcquirerReply reply, byte[] answer, long nowMicros)
    {
        switch (reply.Fault)
        {
            case AcquirerFault.DropResponse:
                Ledger.AddEvent(nowMicros, "fault", "drop-response: processed, answer lost");
                break;
            case AcquirerFault.Late:
                reply.Sends.Add(new AcquirerSend(answer, Config.LateResponseMillis * 1000L, false));
                Ledger.AddEvent(nowMicros, "fault", $"late: answer held {Config.LateResponseMillis} ms");
                break;
            case AcquirerFault.Duplicate:
                reply.Sends.Add(new AcquirerSend(answer, 0, false));
                reply.Sends.Add(new AcquirerSend(answer, 0, false));
                Ledger.AddEvent(nowMicros, "fault", "duplicate: answer sent twice");
                break;
            case AcquirerFault.CorruptMac:
                answer[^1] ^= 0x5A;
                reply.Sends.Add(new AcquirerSend(answer, 0, false));
                Ledger.AddEvent(nowMicros, "fault", "corrupt-mac: last MAC byte changed");
                break;
            case AcquirerFault.ResetMidFrame:
                reply.Sends.Add(new AcquirerSend(answer[..(answer.Length / 2)], 0, true));
                Ledger.AddEvent(nowMicros, "fault", "reset-mid-frame: half the answer, then reset");
                break;
            default:
                reply.Sends.Add(new AcquirerSend(answer, 0, false));
                break;
        }
    }

    private byte[] NewKey(int bytes)
    {
        var key = new byte[bytes];
        do
        {
            _keyRandom.NextBytes(key, 0, bytes);
        }
        while (bytes > 0 && HostCrypto.IsWeak(key));
        return key;
    }

    private string NextRrn() => Ledger.NextCounter("rrn").ToString("D12");

    private string NextAuthCode() => (Ledger.NextCounter("auth") % 1_000_000).ToString("D6");

    private static string Mask(string code) => code.Length <= 8 ? new string('*', code.Length) : code[..4] + new string('*', code.Length - 8) + code[^4..];
}
