using System.CommandLine;

namespace PosFirmware.Emulator.Cli;

/// <summary>The emulator's command line: `posemu &lt;command&gt;`.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        // The process afl-fuzz runs: instrumented code must not run before SharpFuzz maps AFL's shared
        // memory, so it starts before any command is built.
        if (args.Length == 3 && args[0] == "fuzz" && args[2] == "--child")
        {
            return FuzzCommand.Child(args[1]);
        }
        var root = new RootCommand("PosFirmware emulator: runs the terminal firmware on a virtual board in virtual time");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(PrintCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(AcquirerCommand.Create());
        root.Subcommands.Add(Iso8583Command.Create());
        root.Subcommands.Add(FuzzCommand.Create());
        root.Subcommands.Add(SoakCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(InteractiveCommand.Create());
        // A file the user named that cannot be read or written is their error, not a crash: say so in one
        // line and exit 1. Anything else is a bug and keeps the default handler's stack trace.
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Out.Flush();
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (Exception e)
        {
            Console.Out.Flush();
            Console.Error.WriteLine($"Unhandled exception: {e}");
            return 1;
        }
    }
}
