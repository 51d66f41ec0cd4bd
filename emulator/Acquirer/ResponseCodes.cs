namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// Every F39 the simulated acquirer answers with, by meaning: the fixed ones here, the ones an acquirer
/// chooses from <see cref="AcquirerConfig"/>. Handlers name a code only through this class.
/// </summary>
public sealed class ResponseCodes(AcquirerConfig config)
{
    /// <summary>Approved, or done.</summary>
    public const string Approved = "00";

    /// <summary>The original of a reversal was declined (docs/acquirer-protocol.md: "original declined -> 01").</summary>
    public const string OriginalDeclined = "01";

    /// <summary>No such record: not found, already reversed, closed, or not this sale.</summary>
    public const string NoSuchRecord = "25";

    /// <summary>The amount differs from the original's.</summary>
    public const string AmountMismatch = "64";

    /// <summary>The customer is still confirming the payment.</summary>
    public string UserPaying => config.UserPayingResponseCode;

    /// <summary>A query's order was cancelled, declined or reversed.</summary>
    public string Closed => config.ClosedResponseCode;

    /// <summary>The MAC does not verify, or is missing.</summary>
    public string BadMac => config.BadMacResponseCode;

    /// <summary>The terminal holds no working keys.</summary>
    public string NotSignedIn => config.NotSignedInResponseCode;

    /// <summary>A repeated trace carries a different request.</summary>
    public string DuplicateMismatch => config.DuplicateMismatchResponseCode;

    /// <summary>The frame or a field is malformed.</summary>
    public string FormatError => config.FormatErrorResponseCode;
}
