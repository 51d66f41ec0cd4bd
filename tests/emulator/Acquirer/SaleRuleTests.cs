using System.Text.RegularExpressions;
using PosFirmware.Emulator.Acquirer;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// Rules share compiled amount patterns across the process: whatever pattern a rule was given, before or
/// after others filled the shared store past its bound, it matches as a fresh Regex of that pattern does.
/// </summary>
public class SaleRuleTests(ITestOutputHelper output)
{
    [Fact]
    public void Rules_match_as_a_fresh_regex_of_their_own_pattern_however_many_patterns_were_seen()
    {
        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        string[] endings = ["51$", "61$", "88$", "77$", "^0+1$", "[02468]$", "^00000000", "5.$", "(1|2)0$", "9{2}$"];
        for (int n = 0; n < 3 * SaleRule.MaxKeptPatterns; n++)
        {
            // Known patterns again and again, and new ones (a different literal each) past the bound.
            string pattern = random.Next(2) == 0 ? endings[random.Next(endings.Length)] : $"{random.Next(1000):D3}$|^{n:D4}";
            var rule = new SaleRule { AmountPattern = pattern, ResponseCode = "05" };
            if (random.Next(2) == 0)
            {
                new AcquirerConfig { Rules = [rule] }.Validate();
            }
            for (int k = 0; k < 20; k++)
            {
                string amount = random.Next(3) == 0 ? $"{n:D4}{random.Next(100_000_000):D8}" : $"{random.NextInt64(1_000_000_000_000):D12}";
                bool expected = new Regex(pattern, RegexOptions.CultureInvariant).IsMatch(amount);
                Assert.True(expected == rule.Matches(amount, "281234"), $"seed {seed}: pattern {pattern} on {amount}");
            }
        }
    }

    [Fact]
    public void A_pattern_set_anew_after_a_match_is_the_one_matched()
    {
        var rule = new SaleRule { AmountPattern = "51$", ResponseCode = "05" };
        new AcquirerConfig { Rules = [rule] }.Validate();
        Assert.True(rule.Matches("000000000051", "281234"));
        rule.AmountPattern = "61$";
        Assert.False(rule.Matches("000000000051", "281234"));
        Assert.True(rule.Matches("000000000061", "281234"));
    }

    [Fact]
    public void A_bad_pattern_is_refused_each_time_it_is_given()
    {
        for (int i = 0; i < 2; i++)
        {
            var config = new AcquirerConfig { Rules = [new SaleRule { AmountPattern = "(", ResponseCode = "05" }] };
            var e = Assert.Throws<AcquirerConfigException>(() => config.Validate());
            Assert.Contains("regular expression", e.Message);
        }
    }
}
