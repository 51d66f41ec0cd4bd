namespace PosFirmware.Emulator.Bench;

/// <summary>One named figure of the benchmark: its value, unit, the goal it is held to (if any) and a note.</summary>
public sealed record BenchRow(string Group, string Name, double Value, string Unit, string? Goal = null, bool? Met = null, string? Note = null);
