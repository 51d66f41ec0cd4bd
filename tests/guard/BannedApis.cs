namespace PosFirmware.Tests.Guard;

/// <summary>
/// Named rules on external APIs. Policy bans apply even where nanoFramework has the API (the shared code
/// must not read the wall clock or start threads). Absence hints only replace the generic "not in the
/// allowlist" reason with a clearer one for members people commonly reach for.
/// </summary>
public static class BannedApis
{
    private static readonly Dictionary<string, string> PolicyTypes = new(StringComparer.Ordinal)
    {
        ["T:System.Threading.Thread"] = GuardReasons.Threading,
        ["T:System.Threading.Timer"] = GuardReasons.Threading,
        ["T:System.Timers.Timer"] = GuardReasons.Threading,
        ["T:System.Threading.Monitor"] = GuardReasons.Lock,
        ["T:System.Random"] = GuardReasons.Random,
        ["T:System.Span`1"] = GuardReasons.Span,
        ["T:System.ReadOnlySpan`1"] = GuardReasons.Span,
        ["T:System.Memory`1"] = GuardReasons.Span,
        ["T:System.ReadOnlyMemory`1"] = GuardReasons.Span,
        ["T:System.Nullable`1"] = GuardReasons.Nullable,
        ["T:System.Index"] = GuardReasons.Ranges,
        ["T:System.Range"] = GuardReasons.Ranges,
    };

    private static readonly Dictionary<string, string> PolicyMembers = new(StringComparer.Ordinal)
    {
        ["P:System.DateTime.Now"] = GuardReasons.WallClock,
        ["P:System.DateTime.UtcNow"] = GuardReasons.WallClock,
        ["P:System.DateTime.Today"] = GuardReasons.WallClock,
        ["P:System.DateTimeOffset.Now"] = GuardReasons.WallClock,
        ["P:System.DateTimeOffset.UtcNow"] = GuardReasons.WallClock,
        ["M:System.Enum.ToString"] = GuardReasons.EnumMembers,
    };

    private static readonly (string Prefix, string Reason)[] AbsenceHints =
    {
        ("M:System.String.Replace(", GuardReasons.StringMissing),
        ("M:System.String.Join(", GuardReasons.StringMissing),
        ("M:System.String.IsNullOrWhiteSpace(", GuardReasons.StringMissing),
        ("M:System.Math.Max(", GuardReasons.MathMaxMin),
        ("M:System.Math.Min(", GuardReasons.MathMaxMin),
        ("M:System.Math.Abs(", GuardReasons.MathMaxMin),
        ("M:System.Enum.", GuardReasons.EnumMembers),
        ("M:System.Array.Sort(", GuardReasons.ArrayMissing),
        ("M:System.Array.Resize", GuardReasons.ArrayMissing),
        ("M:System.Array.Reverse(", GuardReasons.ArrayMissing),
        ("M:System.Array.Fill", GuardReasons.ArrayMissing),
        ("P:System.Text.Encoding.", GuardReasons.EncodingUtf8Only),
        ("M:System.Text.StringBuilder.AppendLine", GuardReasons.AppendLine),
        ("M:System.Diagnostics.Debug.Assert(", GuardReasons.DebugAssert),
    };

    /// <summary>A policy reason for a type's documentation ID, or null.</summary>
    public static string? PolicyForType(string id) => PolicyTypes.GetValueOrDefault(id);

    /// <summary>A policy reason for a member's documentation ID, or null.</summary>
    public static string? PolicyForMember(string id) => PolicyMembers.GetValueOrDefault(id);

    /// <summary>The reason an API missing from the allowlist is missing: a named hint or the general one.</summary>
    public static string ReasonForMissing(string id)
    {
        foreach (var (prefix, reason) in AbsenceHints)
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal))
            {
                return reason;
            }
        }
        return GuardReasons.NotInAllowlist;
    }
}
