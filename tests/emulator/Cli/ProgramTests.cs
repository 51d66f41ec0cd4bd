using PosFirmware.Emulator.Cli;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

/// <summary>The command line as a user runs it: output files that cannot be written are one-line errors.</summary>
[Collection(ConsoleCapture.Name)]
public class ProgramTests
{
    [Fact]
    public void An_output_path_that_cannot_be_written_is_a_one_line_error_with_exit_code_1_not_a_stack_trace()
    {
        string notAFolder = Path.GetTempFileName();
        string input = Path.GetTempFileName();
        File.WriteAllText(input, "hello\n");
        var error = new StringWriter();
        var output = new StringWriter();
        var savedError = Console.Error;
        var savedOutput = Console.Out;
        int code;
        try
        {
            Console.SetError(error);
            Console.SetOut(output);
            code = Program.Main(["print", input, "--out", Path.Combine(notAFolder, "page.png")]);
        }
        finally
        {
            Console.SetError(savedError);
            Console.SetOut(savedOutput);
            File.Delete(notAFolder);
            File.Delete(input);
        }
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
        Assert.Single(error.ToString().Trim().Split('\n'));
    }
}

/// <summary>Tests that swap Console.Out/Error run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "console capture";
}
