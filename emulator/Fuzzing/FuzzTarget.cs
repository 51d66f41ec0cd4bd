namespace PosFirmware.Emulator.Fuzzing;

/// <summary>
/// One parser that takes outside bytes, wrapped so a fuzzer can feed it one input at a time. Run checks the
/// parser's contract and throws <see cref="FuzzContractException"/> when it breaks; any other exception that
/// escapes is a parser bug too. A target is one small class: add it to <see cref="FuzzTargets.All"/>, give
/// it seed files from the repo and a dictionary in emulator/Fuzzing/Dictionaries/NAME.dict.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name on the command line (posemu fuzz NAME).</summary>
    public abstract string Name { get; }

    /// <summary>What is fed where, in one line.</summary>
    public abstract string Summary { get; }

    /// <summary>Repo-relative seed files; a name may end in "*.ext" to take every such file of a folder.</summary>
    public virtual IReadOnlyList<string> SeedFiles => [];

    /// <summary>Most bytes one input may make the parser allocate (the harness's own set-up included).</summary>
    public virtual long MaxAllocatedBytes => 32L << 20;

    /// <summary>Seeds built in code (valid messages and jobs), added to the seed files.</summary>
    public virtual IEnumerable<byte[]> BuiltSeeds() => [];

    /// <summary>Feeds one input to the parser and checks its contract.</summary>
    public abstract void Run(byte[] input);

    /// <summary>Throws a contract failure unless condition holds.</summary>
    protected static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new FuzzContractException(what);
        }
    }
}
