using PosFirmware.Emulator.Iso8583;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Firmware.Iso8583;

/// <summary>
/// The CI slice of the parser fuzz (a few seconds); `posemu iso8583 fuzz --seconds N --seed S` runs it long.
/// A failure message names the seed and iteration that replay it.
/// </summary>
public class CodecFuzzTests
{
    private readonly ITestOutputHelper _output;

    public CodecFuzzTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(1UL)]
    [InlineData(20261122UL)]
    public void RandomAndMutatedMessagesNeverThrowAndParsedOnesRepackStably(ulong seed)
    {
        var fuzzer = new Iso8583Fuzzer(seed);
        string? failure = fuzzer.Run(40_000);
        Assert.Null(failure);
        _output.WriteLine($"seed={seed} iterations={fuzzer.Iterations} accepted={fuzzer.Accepted} rejected={string.Join(",", fuzzer.RejectedByStatus.Select(kv => $"{kv.Key}:{kv.Value}"))}");
        // The mutations must reach both outcomes, or the fuzz is not exercising the parser.
        Assert.True(fuzzer.Accepted > 1000);
        Assert.True(fuzzer.RejectedByStatus.Count >= 6);
    }
}
