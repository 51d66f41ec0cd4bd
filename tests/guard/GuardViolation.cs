namespace PosFirmware.Tests.Guard;

/// <summary>
/// One use of something nanoFramework 1.x lacks: where (1-based line and column), what (a documentation
/// comment ID such as "M:System.String.Replace(System.String,System.String)", or a construct such as
/// "lock statement"), and why.
/// </summary>
public sealed record GuardViolation(string Path, int Line, int Column, string Subject, string Reason)
{
    public override string ToString() => $"{Path}:{Line}:{Column}: {Subject}: {Reason}";
}
