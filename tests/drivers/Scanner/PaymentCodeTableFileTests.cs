using System.Text;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Drivers.Scanner;

public class PaymentCodeTableFileTests
{
    private static readonly PaymentCodeTable Default = ScannerProfiles.LoadTable();

    private static string Classify(PaymentCodeTable table, string code)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(code);
        bool fits = table.TryClassify(bytes, 0, bytes.Length, out int rule, out CodeMismatch why);
        Assert.Equal(fits, why == CodeMismatch.None);
        return why switch
        {
            CodeMismatch.NotDigits => "not digits",
            CodeMismatch.NoRule => "no rule",
            _ => PaymentSchemeNames.Name(table.Rule(rule).Scheme),
        };
    }

    private static string Digits(string prefix, int length) => prefix + new string('7', length - prefix.Length);

    [Theory]
    // WeChat: exactly 18 digits, prefix 10..15.
    [InlineData("10", 18, "WeChat")]
    [InlineData("15", 18, "WeChat")]
    [InlineData("09", 18, "no rule")]
    [InlineData("16", 18, "no rule")]
    [InlineData("13", 17, "no rule")]
    [InlineData("13", 19, "no rule")]
    // Alipay: 16..24 digits, prefix 25..30.
    [InlineData("25", 16, "Alipay")]
    [InlineData("30", 24, "Alipay")]
    [InlineData("28", 18, "Alipay")]
    [InlineData("25", 15, "no rule")]
    [InlineData("30", 25, "no rule")]
    [InlineData("24", 18, "no rule")]
    [InlineData("31", 18, "no rule")]
    // UnionPay QR: 19 digits, prefix 62.
    [InlineData("62", 19, "UnionPay")]
    [InlineData("62", 18, "no rule")]
    [InlineData("62", 20, "no rule")]
    [InlineData("61", 19, "no rule")]
    [InlineData("63", 19, "no rule")]
    public void The_shipped_table_draws_each_edge_of_length_and_prefix(string prefix, int length, string expected)
    {
        Assert.Equal(expected, Classify(Default, Digits(prefix, length)));
    }

    [Theory]
    [InlineData("13456789012345678A")]
    [InlineData(" 134567890123456789")]
    [InlineData("1345678901234567-9")]
    [InlineData("https://qr.alipay.com/x")]
    [InlineData("")]
    public void Anything_but_digits_is_not_a_payment_code(string line)
    {
        Assert.Equal("not digits", Classify(Default, line));
    }

    private static PaymentCodeTable? Parse(string text, out string? error, ScannerConfig? config = null)
    {
        config ??= new ScannerConfig();
        var reader = PaymentCodeTableFile.CreateReader(config);
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        bool ok = PaymentCodeTableFile.TryParse(reader, config, bytes, 0, bytes.Length, out PaymentCodeTable table);
        error = reader.Message;
        return ok ? table : null;
    }

    [Fact]
    public void The_shipped_table_file_holds_the_three_wallets_in_order()
    {
        Assert.Equal(3, Default.Count);
        Assert.Equal(new[] { "WeChat", "Alipay", "UnionPay" }, Enumerable.Range(0, Default.Count).Select(i => PaymentSchemeNames.Name(Default.Rule(i).Scheme)));
    }

    [Fact]
    public void A_table_file_can_add_rules_and_rules_are_tried_in_order()
    {
        PaymentCodeTable table = Parse("rule = UnionPay 18 88\nrule = Alipay 10-20 1-9 # any single leading digit\n", out _)!;
        Assert.Equal("UnionPay", Classify(table, Digits("88", 18)));
        Assert.Equal("Alipay", Classify(table, Digits("5", 12)));
        Assert.Equal("no rule", Classify(table, Digits("0", 12)));
    }

    [Theory]
    [InlineData("rule = WeChat 18\n", "line 1, key rule: needs three fields")]
    [InlineData("# c\nrule = WeChat 18 10-15 x\n", "line 2, key rule: needs three fields")]
    [InlineData("rule = WeChat 0 10\n", "line 1, key rule: lengths '0'")]
    [InlineData("rule = WeChat 20-18 10\n", "line 1, key rule: lengths '20-18'")]
    [InlineData("rule = WeChat 18-40 10\n", "line 1, key rule: lengths '18-40'")]
    [InlineData("rule = WeChat 18 1-15\n", "line 1, key rule: prefixes '1-15'")]
    [InlineData("rule = WeChat 18 15-10\n", "line 1, key rule: prefixes '15-10'")]
    [InlineData("rule = WeChat 18 fp\n", "line 1, key rule: prefixes 'fp'")]
    [InlineData("rule = WeChat 18 +1\n", "line 1, key rule: prefixes '+1'")]
    [InlineData("rule = WeChat 2 123\n", "line 1, key rule: prefixes '123'")]
    [InlineData("rule = WeChat 18 10\nrule = Alipay 19 1x\n", "line 2, key rule: prefixes '1x'")]
    [InlineData("rule = WeChat 18 10\nrule = PayPal 18 11\n", "line 2, key rule: unknown scheme 'PayPal' (WeChat, Alipay, UnionPay)")]
    [InlineData("rule = wechat 18 10\n", "line 1, key rule: unknown scheme 'wechat'")]
    [InlineData("scheme = WeChat 18 10-15\n", "line 1, key scheme: unknown key")]
    [InlineData("rule WeChat 18 10-15\n", "line 1: expected key = value")]
    [InlineData("\n\n# only comments\n", "the file has no key = value line")]
    public void A_bad_table_file_is_refused_with_the_line_and_the_reason(string text, string expectedStart)
    {
        Assert.Null(Parse(text, out string? error));
        Assert.StartsWith(expectedStart, error);
    }

    [Fact]
    public void Every_scheme_name_maps_to_its_value_and_back()
    {
        for (int i = 0; i < PaymentSchemeNames.Count; i++)
        {
            var scheme = (PaymentScheme)i;
            Assert.True(PaymentSchemeNames.TryParse(PaymentSchemeNames.Name(scheme), out PaymentScheme back));
            Assert.Equal(scheme, back);
        }
        Assert.Equal(PaymentSchemeNames.Count, Enum.GetValues<PaymentScheme>().Length);
        Assert.False(PaymentSchemeNames.TryParse("", out _));
        Assert.False(PaymentSchemeNames.TryParse(null!, out _));
    }

    [Fact]
    public void More_rules_than_the_table_holds_is_an_error_naming_the_line()
    {
        Assert.Null(Parse("rule = A 18 10\nrule = B 18 11\nrule = C 18 12\n", out string? error, new ScannerConfig { MaxCodeRules = 2 }));
        Assert.Equal("line 3, key rule: given more than 2 times", error);
    }
}
