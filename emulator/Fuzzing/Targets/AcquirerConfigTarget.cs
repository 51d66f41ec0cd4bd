using System.Text;
using PosFirmware.Emulator.Acquirer;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// An acquirer simulator config (YAML or JSON) through AcquirerConfig.Parse, and a host built on what it
/// accepts answering a sign-in and a sale. Contract: a config or an AcquirerConfigException, nothing else;
/// a config that validates builds a host that answers without throwing.
/// </summary>
public sealed class AcquirerConfigTarget : FuzzTarget
{
    private static readonly List<byte[]> Requests = FuzzMessages.Requests();

    /// <inheritdoc />
    public override string Name => "acquirer-config";

    /// <inheritdoc />
    public override string Summary => "AcquirerConfig.Parse on YAML/JSON, then a host on it answering requests";

    /// <inheritdoc />
    public override IEnumerable<byte[]> BuiltSeeds()
    {
        yield return Encoding.UTF8.GetBytes("""
            master-key-hex: 0123456789ABCDEFFEDCBA9876543210
            mac-scheme: x919
            mac-key-bytes: 16
            pin-key-bytes: 16
            check-value-bytes: 4
            tpdu-id: 96
            tpdu-destination-first: true
            header-hex: "603100310000"
            payment-code-field: 57
            rules:
              - amount-pattern: "^0+1$"
                response-code: "05"
              - code-prefix: "28"
                user-paying-seconds: 5
                outcome: paid
            faults:
              late: 0.25
              drop-request: 0.1
            """);
        yield return Encoding.UTF8.GetBytes("""{"payment-code-field": 63, "late-response-millis": 1000, "rules": [{"code-prefix": "28", "user-paying-seconds": 5, "outcome": "cancelled"}]}""");
    }

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        AcquirerConfig config;
        try
        {
            config = AcquirerConfig.Parse(Encoding.UTF8.GetString(input));
        }
        catch (AcquirerConfigException e)
        {
            Require(e.Message.Trim().Length > 0, "rejected without a reason");
            return;
        }
        using var ledger = new AcquirerLedger(":memory:");
        var host = new AcquirerHost(config, ledger, new Core.SimRandom(1));
        long now = 0;
        foreach (byte[] request in Requests.Take(2))
        {
            now += 1_000_000;
            host.Handle((byte[])request.Clone(), now);
        }
    }
}
