namespace PosFirmware.Tests.Guard;

/// <summary>
/// One allowlist line: a documentation comment ID, the "# source:" header it sits under (where in the
/// nanoFramework sources the member is declared), its line in the file, and its trailing note if any
/// ("# UNCONFIRMED ...").
/// </summary>
public sealed record AllowlistEntry(string Id, string? Source, int LineNumber, string? Note);
