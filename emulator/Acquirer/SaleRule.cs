using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>One approve/decline rule for new sales. Conditions that are set must all match.</summary>
public sealed class SaleRule
{
    /// <summary>Regular expression on the 12-digit F4 amount (e.g. "51$").</summary>
    public string? AmountPattern { get; set; }

    /// <summary>Prefix of the payment code.</summary>
    public string? CodePrefix { get; set; }

    /// <summary>Decline with this F39 (when set).</summary>
    public string? ResponseCode { get; set; }

    /// <summary>When set: answer "user paying" and settle after this many seconds.</summary>
    public double? UserPayingSeconds { get; set; }

    /// <summary>"paid" or "cancelled": how a user-paying order ends.</summary>
    public string? Outcome { get; set; }

    // Wall time, so generous: a 12-digit amount matches in microseconds, but a loaded machine can deschedule
    // the thread; the bound is only there to stop a pathological pattern.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Most amount patterns kept compiled for the process.</summary>
    public const int MaxKeptPatterns = 64;

    // Patterns compiled so far, shared by every rule (a Regex matches from any thread at once): each run of a
    // soak validates and matches the same default rules with a host of its own.
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    private Regex? _amountRegex;

    private static Regex Compile(string pattern)
    {
        if (Compiled.TryGetValue(pattern, out var regex))
        {
            return regex;
        }
        regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        if (Compiled.Count < MaxKeptPatterns)
        {
            Compiled.TryAdd(pattern, regex);
        }
        return regex;
    }

    // The compiled pattern, compiled again when the pattern was set anew since (the property can change
    // after a validation or a match, and a regex of the old pattern would answer for the new one).
    private Regex AmountRegex(string pattern)
    {
        var regex = _amountRegex;
        if (regex == null || !string.Equals(regex.ToString(), pattern, StringComparison.Ordinal))
        {
            regex = _amountRegex = Compile(pattern);
        }
        return regex;
    }

    /// <summary>True when every set condition matches.</summary>
    public bool Matches(string amount12, string code)
    {
        if (AmountPattern != null && !AmountRegex(AmountPattern).IsMatch(amount12))
        {
            return false;
        }
        return CodePrefix == null || code.StartsWith(CodePrefix, StringComparison.Ordinal);
    }

    internal void Validate(int index)
    {
        string where = $"rules[{index}]";
        if (AmountPattern == null && CodePrefix == null)
        {
            throw new AcquirerConfigException($"{where} needs amount-pattern or code-prefix");
        }
        if (AmountPattern != null)
        {
            try
            {
                _ = AmountRegex(AmountPattern);
            }
            catch (ArgumentException e)
            {
                throw new AcquirerConfigException($"{where} amount-pattern is not a valid regular expression: {e.Message}");
            }
        }
        bool declines = ResponseCode != null;
        bool waits = UserPayingSeconds != null;
        if (declines == waits)
        {
            throw new AcquirerConfigException($"{where} needs exactly one of response-code or user-paying-seconds");
        }
        if (declines && ResponseCode!.Length != 2)
        {
            throw new AcquirerConfigException($"{where} response-code must be 2 characters");
        }
        if (waits && (!(UserPayingSeconds >= 0 && UserPayingSeconds <= 86400) || Outcome is not ("paid" or "cancelled")))
        {
            throw new AcquirerConfigException($"{where} user-paying-seconds must be 0..86400 with outcome paid or cancelled");
        }
    }
}
