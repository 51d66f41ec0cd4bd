using Spectre.Console;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// How a long command (demo, run, soak) talks while it works: a progress bar drawn only on a terminal (a
/// CI log or a redirected output gets no escape codes and no redraws), and a summary table at the end,
/// always, as plain text wherever the output is not a terminal.
/// </summary>
public static class LongRun
{
    /// <summary>Widest a summary table is drawn where the output is not a terminal (a log file has no width).</summary>
    public const int LogWidth = 200;

    /// <summary>True when the output is the console and the console is a terminal.</summary>
    public static bool OnTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>
    /// Runs work with a progress bar on a terminal. The work adds its tasks through the function it is
    /// given (a name and the value that means done) and reports each task's value through the setter that
    /// returns; off a terminal the setters do nothing.
    /// </summary>
    public static void WithProgress(TextWriter output, Action<Func<string, double, Action<double>>> work)
    {
        if (!OnTerminal(output))
        {
            work((_, _) => _ => { });
            return;
        }
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => work((name, max) =>
            {
                var task = context.AddTask(Markup.Escape(name), maxValue: max);
                return value => task.Value = Math.Min(max, value);
            }));
    }

    /// <summary>Writes a summary table: in colour on a terminal, as plain text (no escape codes) anywhere else.</summary>
    public static void WriteTable(Table table, TextWriter output)
    {
        bool terminal = OnTerminal(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = terminal ? console.Profile.Width : LogWidth;
        console.Write(table);
    }

    /// <summary>A two-column table of figures, the way every long command ends.</summary>
    public static Table Figures(string title, IEnumerable<(string Name, string Value)> rows)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in rows)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }
        return table;
    }
}
