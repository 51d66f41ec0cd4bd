namespace PosFirmware.Emulator.Fuzzing;

/// <summary>A parser broke its contract on a fuzz input (a wrong result, not a crash of its own).</summary>
public sealed class FuzzContractException : Exception
{
    /// <summary>Creates the failure with what went wrong.</summary>
    public FuzzContractException(string message)
        : base(message)
    {
    }
}
