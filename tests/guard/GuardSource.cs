namespace PosFirmware.Tests.Guard;

/// <summary>One C# source text to check, with the path that violations are reported against.</summary>
public sealed record GuardSource(string Path, string Text);
