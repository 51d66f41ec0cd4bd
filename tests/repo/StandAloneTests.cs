using System.Text.RegularExpressions;
using Xunit;

namespace PosFirmware.Tests.Repo;

/// <summary>The repository stands alone: nothing in it points at files a clone does not have, and what the README shows exists.</summary>
public class StandAloneTests
{
    private static readonly string Root = FindRoot();

    // Research notes kept outside the repository; written in two parts so this file does not name them itself.
    private static readonly string[] OutsideNames =
    {
        "shared" + "/reference", "../" + "shared", "payments" + ".md", "printhead" + ".md", "emulators" + ".md", "nanoframework" + ".md",
    };

    private static readonly string[] TextExtensions =
    {
        ".cs", ".md", ".profile", ".table", ".json", ".csproj", ".projitems", ".props", ".nfproj", ".scenario", ".yaml", ".txt", ".py", ".js", ".sln", ".config",
    };

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "PosFirmware.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("PosFirmware.sln not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> SourceFiles()
    {
        var pending = new Stack<string>();
        pending.Push(Root);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (string sub in Directory.GetDirectories(dir))
            {
                string name = Path.GetFileName(sub);
                if (name is not ("bin" or "obj" or "out" or "TestResults") && !name.StartsWith('.'))
                {
                    pending.Push(sub);
                }
            }
            foreach (string file in Directory.GetFiles(dir))
            {
                if (Array.IndexOf(TextExtensions, Path.GetExtension(file)) >= 0 || Path.GetFileName(file) is "posemu" or "run" or "install-tools")
                {
                    yield return file;
                }
            }
        }
        foreach (string file in Directory.GetFiles(Path.Combine(Root, ".ci")))
        {
            yield return file;
        }
    }

    [Fact]
    public void No_file_points_at_notes_outside_the_repository()
    {
        var found = new List<string>();
        foreach (string file in SourceFiles())
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (string name in OutsideNames)
                {
                    if (lines[i].Contains(name, StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add($"{Path.GetRelativePath(Root, file)}:{i + 1}: {name}");
                    }
                }
            }
        }
        Assert.True(found.Count == 0, "put the fact into docs/ and point there:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/README.md")]
    public void Every_link_and_picture_in_the_readme_exists(string readme)
    {
        string path = Path.Combine(Root, readme);
        string text = File.ReadAllText(path);
        var targets = Regex.Matches(text, @"\]\(([^)#\s]+)[^)]*\)|<img src=""([^""]+)""").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            .Where(t => !t.Contains("://", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(targets);
        foreach (string target in targets)
        {
            string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, target));
            Assert.True(File.Exists(full) || Directory.Exists(full), $"{readme} links {target}, which does not exist");
        }
    }

    [Fact]
    public void Every_file_a_readme_command_reads_exists()
    {
        // Inputs named in the README's commands (examples, scenarios, profiles); outputs go under out/ and are made by the commands.
        string text = File.ReadAllText(Path.Combine(Root, "README.md"));
        var inputs = Regex.Matches(text, @"(?<![\w/.-])((?:examples|emulator|drivers|firmware|tests|docs)/[\w./-]+\.(?:bin|yaml|scenario|profile|table|png|md))")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("examples/sale-receipt.bin", inputs);
        Assert.Contains("examples/acquirer.yaml", inputs);
        foreach (string input in inputs)
        {
            Assert.True(File.Exists(Path.Combine(Root, input)), $"README.md names {input}, which does not exist");
        }
    }

    [Fact]
    public void The_readme_leads_with_what_the_project_is_then_its_two_commands()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Root, "README.md"));
        Assert.Equal("# PosFirmware", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.StartsWith("Open firmware for an ESP32 payment terminal", lines[2]);
        int picture = Array.FindIndex(lines, l => l.Contains("docs/receipt.png", StringComparison.Ordinal) && l.StartsWith("<img", StringComparison.Ordinal));
        int commands = Array.IndexOf(lines, "```sh");
        Assert.InRange(picture, 3, commands - 1);
        Assert.StartsWith("dotnet run --project emulator -- demo", lines[commands + 1]);
        Assert.StartsWith("dotnet test PosFirmware.sln ", lines[commands + 2]);
        Assert.Equal("```", lines[commands + 3]);
        // CI runs exactly the README's test command.
        Assert.Contains("\ndotnet test PosFirmware.sln\n", File.ReadAllText(Path.Combine(Root, ".ci", "run")));
    }
}
