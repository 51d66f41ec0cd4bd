using System.Text;
using PosFirmware.Scanner;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// A payment-code table file through PaymentCodeTableFile. Contract: a table or an error naming why; a
/// table holds 1..MaxCodeRules rules with 1 &lt;= MinLength &lt;= MaxLength &lt;= MaxLineBytes and prefix
/// bounds that fit their digit count; writing the rules back as "rule =" lines parses to the same rules.
/// </summary>
public sealed class CodeTableTarget : FuzzTarget
{
    private static readonly ScannerConfig Config = new();

    /// <inheritdoc />
    public override string Name => "code-table";

    /// <inheritdoc />
    public override string Summary => "PaymentCodeTableFile.TryParse on a code table file, write and parse again";

    /// <inheritdoc />
    public override IReadOnlyList<string> SeedFiles => ["drivers/Scanner/Profiles/*.table"];

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        var reader = PaymentCodeTableFile.CreateReader(Config);
        if (!PaymentCodeTableFile.TryParse(reader, Config, input, 0, input.Length, out PaymentCodeTable table))
        {
            Require(!string.IsNullOrEmpty(reader.Message), "rejected without a reason");
            return;
        }
        Require(table.Count >= 1 && table.Count <= Config.MaxCodeRules, table.Count + " rules");
        var text = new StringBuilder();
        for (int i = 0; i < table.Count; i++)
        {
            PaymentCodeRule rule = table.Rule(i);
            Require(rule.MinLength >= 1 && rule.MinLength <= rule.MaxLength && rule.MaxLength <= Config.MaxLineBytes, $"rule {i}: lengths {rule.MinLength}-{rule.MaxLength}");
            Require(rule.PrefixDigits >= 1 && rule.PrefixDigits <= 6 && rule.PrefixDigits <= rule.MinLength, $"rule {i}: {rule.PrefixDigits} prefix digits");
            Require(rule.PrefixLow >= 0 && rule.PrefixLow <= rule.PrefixHigh && rule.PrefixHigh < Pow10(rule.PrefixDigits), $"rule {i}: prefixes {rule.PrefixLow}-{rule.PrefixHigh}");
            string digits = "D" + rule.PrefixDigits;
            text.Append("rule = ").Append(PaymentSchemeNames.Name(rule.Scheme)).Append(' ').Append(rule.MinLength).Append('-').Append(rule.MaxLength)
                .Append(' ').Append(rule.PrefixLow.ToString(digits)).Append('-').Append(rule.PrefixHigh.ToString(digits)).Append('\n');
        }
        byte[] written = Encoding.UTF8.GetBytes(text.ToString());
        bool parsed = PaymentCodeTableFile.TryParse(reader, Config, written, 0, written.Length, out PaymentCodeTable again);
        Require(parsed && again != null, "the table written back does not parse: " + reader.Message);
        Require(again!.Count == table.Count, "written back: " + again.Count + " rules, not " + table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            PaymentCodeRule a = table.Rule(i);
            PaymentCodeRule b = again.Rule(i);
            Require(a.Scheme == b.Scheme && a.MinLength == b.MinLength && a.MaxLength == b.MaxLength && a.PrefixDigits == b.PrefixDigits
                && a.PrefixLow == b.PrefixLow && a.PrefixHigh == b.PrefixHigh, $"rule {i} changed when written back");
        }
    }

    private static long Pow10(int digits)
    {
        long p = 1;
        for (int i = 0; i < digits; i++)
        {
            p *= 10;
        }
        return p;
    }
}
