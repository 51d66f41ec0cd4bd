using System.CommandLine;

namespace PosFirmware.Emulator.Cli;

/// <summary>The emulator's command line: `posemu &lt;command&gt;`.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("PosFirmware emulator: runs the terminal firmware on a virtual board in virtual time");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(PrintCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(AcquirerCommand.Create());
        root.Subcommands.Add(Iso8583Command.Create());
        return root.Parse(args).Invoke();
    }
}
