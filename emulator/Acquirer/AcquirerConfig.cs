using System.Text.RegularExpressions;
using PosFirmware.Crypto;
using PosFirmware.Iso8583;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// How the simulated acquirer behaves: keys, framing, response codes and the approve/decline rules.
/// Loaded from YAML or JSON (JSON is YAML); every value has a default, and a bad value is a
/// <see cref="AcquirerConfigException"/> naming it.
/// </summary>
public sealed class AcquirerConfig
{
    /// <summary>
    /// The terminal master key (TMK) the working keys are sent under, hex. A public test key by default;
    /// it is never printed or logged.
    /// </summary>
    public string MasterKeyHex { get; set; } = "0123456789ABCDEFFEDCBA9876543210";

    /// <summary>"cup-ecb" or "x919".</summary>
    public string MacScheme { get; set; } = "cup-ecb";

    /// <summary>Length in bytes of the MAC key sign-in hands out (8 for CUP ECB single DES, 16 for X9.19).</summary>
    public int MacKeyBytes { get; set; } = 8;

    /// <summary>Length in bytes of the PIN key sign-in hands out.</summary>
    public int PinKeyBytes { get; set; } = 16;

    /// <summary>Check value bytes after each key in field 62.</summary>
    public int CheckValueBytes { get; set; } = 4;

    /// <summary>TPDU id byte.</summary>
    public int TpduId { get; set; } = 0x60;

    /// <summary>True when the TPDU reads id, destination, source. [U]</summary>
    public bool TpduDestinationFirst { get; set; } = true;

    /// <summary>Swap the TPDU addresses in replies (the usual host behaviour).</summary>
    public bool SwapTpduOnReply { get; set; } = true;

    /// <summary>Header bytes the host sends, hex (and the header length it expects).</summary>
    public string HeaderHex { get; set; } = "603100310000";

    /// <summary>The field carrying the payment code. [U]</summary>
    public int PaymentCodeField { get; set; } = CupFieldTable.DefaultPaymentCodeField;

    /// <summary>F3 of a status query.</summary>
    public string QueryProcessingCode { get; set; } = "310000";

    /// <summary>F39 while the customer is still confirming the payment. [U] ISO 8583 "request in progress".</summary>
    public string UserPayingResponseCode { get; set; } = "09";

    /// <summary>F39 of a query whose order was cancelled, declined or reversed.</summary>
    public string ClosedResponseCode { get; set; } = "05";

    /// <summary>F39 when the MAC does not verify (docs/acquirer-protocol.md, MAC: A0).</summary>
    public string BadMacResponseCode { get; set; } = "A0";

    /// <summary>F39 when the terminal has not signed in (no working keys).</summary>
    public string NotSignedInResponseCode { get; set; } = "97";

    /// <summary>F39 when a repeated trace carries a different request.</summary>
    public string DuplicateMismatchResponseCode { get; set; } = "94";

    /// <summary>F39 for a malformed request that could still be parsed (missing payment code, bad F48).</summary>
    public string FormatErrorResponseCode { get; set; } = "30";

    /// <summary>How long a "late" fault holds the answer back (past the terminal's timeout, default 30 s).</summary>
    public int LateResponseMillis { get; set; } = 65_000;

    /// <summary>TCP: connections served at once; at the limit the oldest idle connection is shed for a new one.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>TCP: how long a frame may take to arrive once its first byte has (a stalled sender is closed).</summary>
    public int FrameDeadlineMillis { get; set; } = 5_000;

    /// <summary>TCP: how long a connection may stay silent between frames (the terminal's keep-alive).</summary>
    public int IdleTimeoutSeconds { get; set; } = 120;

    /// <summary>TCP: connections the operating system queues before the server accepts them.</summary>
    public int ListenBacklog { get; set; } = 1024;

    /// <summary>Rules tried in order for each new sale; the first match decides. No match approves.</summary>
    public List<SaleRule> Rules { get; set; } = DefaultRules();

    /// <summary>Fault probabilities per request, by name (drop-request, drop-response, late, duplicate, corrupt-mac, reset-mid-frame, pay-during-reversal).</summary>
    public Dictionary<string, double> Faults { get; set; } = new();

    /// <summary>The default rules: amounts ending in 51 are declined 51, ending in 61 declined 61, codes starting 99 declined 14; amounts ending in 88 wait 10 s for the user then pay, ending in 77 wait then cancel.</summary>
    public static List<SaleRule> DefaultRules() =>
    [
        new() { AmountPattern = "51$", ResponseCode = "51" },
        new() { AmountPattern = "61$", ResponseCode = "61" },
        new() { CodePrefix = "99", ResponseCode = "14" },
        new() { AmountPattern = "88$", UserPayingSeconds = 10, Outcome = "paid" },
        new() { AmountPattern = "77$", UserPayingSeconds = 10, Outcome = "cancelled" },
    ];

    /// <summary>Reads a YAML or JSON file; throws AcquirerConfigException with the reason.</summary>
    public static AcquirerConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AcquirerConfigException($"cannot read config {path}: {e.Message}");
        }
        return Parse(text);
    }

    /// <summary>Parses YAML or JSON text; throws AcquirerConfigException with the reason.</summary>
    public static AcquirerConfig Parse(string text)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(HyphenatedNamingConvention.Instance).Build();
        AcquirerConfig? config;
        try
        {
            RequireMapping(text);
            config = deserializer.Deserialize<AcquirerConfig>(text);
        }
        catch (YamlException e)
        {
            throw new AcquirerConfigException($"config is not valid: {e.Message} {e.InnerException?.Message}".Trim());
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's parser throws these, not a YamlException, on some malformed documents (a scanner
            // left with tokens, a tag that is not a URI); only its code runs in this try.
            throw new AcquirerConfigException($"config is not valid YAML: {e.Message}");
        }
        config ??= new AcquirerConfig();
        config.Validate();
        return config;
    }

    // A document that is one scalar would be converted by calling Parse(string) above (YamlDotNet looks for
    // a static Parse on the target type), which recursed until the stack overflowed: only a mapping, or
    // nothing, is a config.
    private static void RequireMapping(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        if (parser.TryConsume<YamlDotNet.Core.Events.DocumentStart>(out _)
            && !parser.Accept<YamlDotNet.Core.Events.MappingStart>(out _)
            && !(parser.Accept<YamlDotNet.Core.Events.Scalar>(out var scalar) && scalar.Value.Length == 0))
        {
            throw new AcquirerConfigException("config is not valid: it must be a mapping of settings (key: value lines, or a JSON object)");
        }
    }

    /// <summary>The MacScheme constant for the configured name.</summary>
    public int MacSchemeId => MacScheme switch
    {
        "cup-ecb" => Crypto.MacScheme.CupEcb,
        "x919" => Crypto.MacScheme.X919,
        _ => 0,
    };

    /// <summary>The master key bytes.</summary>
    public byte[] MasterKey() => Convert.FromHexString(MasterKeyHex);

    /// <summary>Fields the host reads or writes besides the payment-code field; a field table must define them all.</summary>
    public static readonly int[] HostFields = [3, 4, 11, 12, 13, 37, 38, 39, 41, 42, 48, 60, 61, 62, 63, 64];

    /// <summary>Checks every value against the shipped CUP POS field table; throws AcquirerConfigException naming the first bad one.</summary>
    public void Validate() => Validate(CupFieldTable.Create());

    /// <summary>Checks every value against a field table; throws AcquirerConfigException naming the first bad one.</summary>
    public void Validate(FieldTable table)
    {
        // A key given no value ("faults:" alone) deserialises to null, not to an empty list.
        if (Rules == null || Rules.Contains(null!) || Faults == null)
        {
            throw new AcquirerConfigException("rules and faults need values when given (a list of rules, a map of fault: probability)");
        }
        if (!IsHex(MasterKeyHex) || !TripleDes.IsValidKeyLength(MasterKeyHex.Length / 2))
        {
            throw new AcquirerConfigException("master-key-hex must be 16, 32 or 48 hex digits");
        }
        if (MacSchemeId == 0)
        {
            throw new AcquirerConfigException("mac-scheme must be cup-ecb or x919");
        }
        if (MacSchemeId == Crypto.MacScheme.CupEcb ? !TripleDes.IsValidKeyLength(MacKeyBytes) : MacKeyBytes != 8 && MacKeyBytes != 16)
        {
            throw new AcquirerConfigException("mac-key-bytes must be 8, 16 or 24 for cup-ecb and 8 or 16 for x919");
        }
        if (PinKeyBytes != 0 && !TripleDes.IsValidKeyLength(PinKeyBytes))
        {
            throw new AcquirerConfigException("pin-key-bytes must be 0, 8, 16 or 24");
        }
        if (CheckValueBytes is < 0 or > 8)
        {
            throw new AcquirerConfigException("check-value-bytes must be 0..8");
        }
        if (TpduId is < 0 or > 255)
        {
            throw new AcquirerConfigException("tpdu-id must be a byte");
        }
        if (!IsHex(HeaderHex) || HeaderHex.Length / 2 > FrameFormat.MaxHeaderBytes)
        {
            throw new AcquirerConfigException("header-hex must be 0..16 bytes of hex");
        }
        if (table.Get(PaymentCodeField) == null)
        {
            throw new AcquirerConfigException($"payment-code-field {PaymentCodeField} is not in the field table");
        }
        foreach (int field in HostFields)
        {
            if (table.Get(field) == null)
            {
                throw new AcquirerConfigException($"the field table lacks field {field}, which the simulator reads or answers with");
            }
        }
        foreach (var (name, code) in new[] { ("user-paying-response-code", UserPayingResponseCode), ("closed-response-code", ClosedResponseCode), ("bad-mac-response-code", BadMacResponseCode), ("not-signed-in-response-code", NotSignedInResponseCode), ("duplicate-mismatch-response-code", DuplicateMismatchResponseCode), ("format-error-response-code", FormatErrorResponseCode) })
        {
            if (code is not { Length: 2 })
            {
                throw new AcquirerConfigException($"{name} must be 2 characters");
            }
        }
        if (QueryProcessingCode is not { Length: 6 } || !QueryProcessingCode.All(char.IsAsciiDigit))
        {
            throw new AcquirerConfigException("query-processing-code must be 6 digits");
        }
        if (MaxConnections is < 1 or > 100_000)
        {
            throw new AcquirerConfigException("max-connections must be 1..100000");
        }
        if (FrameDeadlineMillis is < 1 or > 600_000)
        {
            throw new AcquirerConfigException("frame-deadline-millis must be 1..600000");
        }
        if (IdleTimeoutSeconds is < 1 or > 86_400)
        {
            throw new AcquirerConfigException("idle-timeout-seconds must be 1..86400");
        }
        if (ListenBacklog is < 1 or > 65_535)
        {
            throw new AcquirerConfigException("listen-backlog must be 1..65535");
        }
        if (LateResponseMillis is < 0 or > 3_600_000)
        {
            throw new AcquirerConfigException("late-response-millis must be 0..3600000");
        }
        for (int i = 0; i < Rules.Count; i++)
        {
            Rules[i].Validate(i);
        }
        foreach (var (name, probability) in Faults)
        {
            if (AcquirerFaults.Parse(name) == AcquirerFault.None)
            {
                throw new AcquirerConfigException($"unknown fault '{name}' (known: {string.Join(", ", AcquirerFaults.Names)})");
            }
            if (probability is < 0 or > 1 || double.IsNaN(probability))
            {
                throw new AcquirerConfigException($"fault '{name}' probability must be in [0, 1]");
            }
        }
    }

    private static bool IsHex(string? text) => text != null && text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit);
}
