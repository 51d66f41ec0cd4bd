namespace PosFirmware.Emulator.PrintHead;

/// <summary>One broken rule, with the virtual time it happened and what was measured against what was required.</summary>
public sealed record TimingViolation(long AtNanos, TimingRule Rule, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{AtNanos / 1000.0:F3} us {Rule}: {Detail}";
}
