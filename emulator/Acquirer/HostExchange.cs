using System.Security.Cryptography;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// One request in flight through the host: the parsed request, the answer being built, who sent it and
/// when, and the books. Handlers read and write only through this.
/// </summary>
internal sealed class HostExchange(AcquirerConfig config, ResponseCodes codes, AcquirerLedger ledger, AcquirerFaults faults, Iso8583Message request, Iso8583Message response)
{
    public AcquirerConfig Config { get; } = config;
    public ResponseCodes Codes { get; } = codes;
    public AcquirerLedger Ledger { get; } = ledger;
    public AcquirerFaults Faults { get; } = faults;
    public Iso8583Message Request { get; } = request;
    public Iso8583Message Response { get; } = response;
    public long NowMicros { get; private set; }
    public DateTime Epoch { get; set; }
    public string MerchantId { get; private set; } = "";
    public string TerminalId { get; private set; } = "";

    /// <summary>Starts on a freshly parsed request.</summary>
    public void Begin(long nowMicros)
    {
        NowMicros = nowMicros;
        MerchantId = Request.GetText(42) ?? "";
        TerminalId = Request.GetText(41) ?? "";
        Response.Clear();
    }

    /// <summary>Starts the answer to the request: its response type, the echoed fields, host time.</summary>
    public void StartResponse()
    {
        Response.Clear();
        Response.MessageType = MessageTypes.ResponseTo(Request.MessageType);
        foreach (int field in new[] { 3, 4, 11, 25, 41, 42, 49, 60 })
        {
            CopyFromRequest(field);
        }
        var at = Epoch.AddTicks(NowMicros * 10);
        Response.SetText(12, at.ToString("HHmmss"));
        Response.SetText(13, at.ToString("MMdd"));
    }

    /// <summary>Sets F39 and returns the summary with the code.</summary>
    public string Answer(string code, string summary)
    {
        Response.SetText(39, code);
        return summary + " -> " + code;
    }

    /// <summary>Echoes a request field into the answer, when present.</summary>
    public void CopyFromRequest(int field)
    {
        if (Request.Has(field))
        {
            Response.Set(field, Request.ValueBuffer(field), 0, Request.Length(field));
        }
    }

    /// <summary>The answer a sale's state gives (a repeat, a query): F39, F37 (stable for the sale's life) and F38 once paid.</summary>
    public void AnswerFor(SaleRecord sale)
    {
        string code = sale.State switch
        {
            SaleRecord.Paid => ResponseCodes.Approved,
            SaleRecord.UserPaying => Codes.UserPaying,
            SaleRecord.Declined => sale.ResponseCode,
            _ => Codes.Closed,
        };
        Response.SetText(39, code);
        if (sale.Rrn.Length == 12)
        {
            Response.SetText(37, sale.Rrn);
        }
        if (sale.State == SaleRecord.Paid && sale.AuthCode.Length == 6)
        {
            Response.SetText(38, sale.AuthCode);
        }
    }

    /// <summary>F60.2: true with it, or false when the request has none.</summary>
    public bool TryGetBatch(out long batch) => CupMessages.TryGetBatch(Request, out batch);

    /// <summary>The payment code in the configured field, or null.</summary>
    public string? PaymentCode => Request.GetText(Config.PaymentCodeField);

    public string NextRrn() => Ledger.NextCounter("rrn").ToString("D12");

    public string NextAuthCode() => (Ledger.NextCounter("auth") % 1_000_000).ToString("D6");

    /// <summary>The first and last four characters, the rest starred.</summary>
    public static string Mask(string code) => code.Length <= 8 ? new string('*', code.Length) : code[..4] + new string('*', code.Length - 8) + code[^4..];

    /// <summary>SHA-256 of a payment code, hex: tells a repeat from a different request without keeping the code.</summary>
    public static string Hash(string code) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(code)));
}
