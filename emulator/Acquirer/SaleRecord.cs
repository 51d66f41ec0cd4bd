namespace PosFirmware.Emulator.Acquirer;

/// <summary>One sale as the acquirer's ledger holds it, keyed by merchant, terminal, batch and trace.</summary>
public sealed class SaleRecord
{
    /// <summary>Paid: the customer was debited.</summary>
    public const string Paid = "PAID";

    /// <summary>The customer is still confirming; settles to Paid or Cancelled at SettleAtMicros.</summary>
    public const string UserPaying = "USERPAYING";

    /// <summary>The customer never paid (closed by the wallet), or the order was cancelled before payment.</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>Declined by a rule.</summary>
    public const string Declined = "DECLINED";

    /// <summary>Paid, then reversed: debited and credited back.</summary>
    public const string Reversed = "REVERSED";

    /// <summary>A reversal arrived before its sale: the sale is refused if it ever comes.</summary>
    public const string Void = "VOID";

    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>F42.</summary>
    public string MerchantId { get; set; } = "";

    /// <summary>F41.</summary>
    public string TerminalId { get; set; } = "";

    /// <summary>F60.2.</summary>
    public int Batch { get; set; }

    /// <summary>F11 of the sale.</summary>
    public int Trace { get; set; }

    /// <summary>F4 in fen.</summary>
    public long AmountFen { get; set; }

    /// <summary>F3.</summary>
    public string ProcessingCode { get; set; } = "";

    /// <summary>The payment code masked for display (first 4 and last 4 digits).</summary>
    public string CodeMasked { get; set; } = "";

    /// <summary>SHA-256 of the payment code, to tell a repeat from a different request.</summary>
    public string CodeHash { get; set; } = "";

    /// <summary>One of the state constants.</summary>
    public string State { get; set; } = "";

    /// <summary>F39 of the first answer.</summary>
    public string ResponseCode { get; set; } = "";

    /// <summary>F37.</summary>
    public string Rrn { get; set; } = "";

    /// <summary>F38 ("" unless paid).</summary>
    public string AuthCode { get; set; } = "";

    /// <summary>When a user-paying order settles (host micros).</summary>
    public long SettleAtMicros { get; set; }

    /// <summary>Paid or Cancelled: how a user-paying order settles.</summary>
    public string PendingOutcome { get; set; } = "";

    /// <summary>When the sale arrived (host micros).</summary>
    public long CreatedMicros { get; set; }
}
