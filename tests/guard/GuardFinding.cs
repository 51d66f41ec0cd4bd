namespace PosFirmware.Tests.Guard;

/// <summary>What is wrong with one symbol or construct, before it is given a place in a file.</summary>
public readonly record struct GuardFinding(string Subject, string Reason);
