using System.Text.RegularExpressions;
using Xunit;

namespace PosFirmware.Tests.Repo;

/// <summary>Namespaces follow folders, so a type is found where its namespace says and no namespace spans two projects.</summary>
public class NamespaceLayoutTests
{
    // Folders whose files deliberately stand in other namespaces: the device APIs the guard compiles against
    // (System.*, nanoFramework.*) and the on-device test project, a separate nanoFramework assembly.
    private static readonly string[] OwnNamespaces = { "tests/guard/DeviceApi", "tests/firmware/Device/OnDevice" };

    private static readonly Regex NamespaceLine = new(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline);

    /// <summary>The namespace a file in a folder should declare: firmware/Print/Text is PosFirmware.Print.Text.</summary>
    public static string Expected(string relativeDirectory)
    {
        string[] parts = relativeDirectory.Split('/');
        var names = new List<string> { "PosFirmware" };
        int from = 1;
        switch (parts[0])
        {
            case "emulator":
                names.Add("Emulator");
                break;
            case "tests":
                names.Add("Tests");
                if (parts.Length > 1)
                {
                    names.Add(char.ToUpperInvariant(parts[1][0]) + parts[1][1..]);
                    from = 2;
                }
                break;
        }
        names.AddRange(parts.Skip(from));
        return string.Join('.', names);
    }

    [Theory]
    [InlineData("firmware/Print/Text", "PosFirmware.Print.Text")]
    [InlineData("drivers/Printing", "PosFirmware.Printing")]
    [InlineData("emulator/Fuzzing/Targets", "PosFirmware.Emulator.Fuzzing.Targets")]
    [InlineData("tests/firmware/Print/Receipts", "PosFirmware.Tests.Firmware.Print.Receipts")]
    [InlineData("tests/TestSupport", "PosFirmware.Tests.TestSupport")]
    public void The_expected_namespace_is_the_folder_path(string folder, string expected)
    {
        Assert.Equal(expected, Expected(folder));
    }

    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        string root = PosFirmware.Tests.Guard.SharedSources.FindRepositoryRoot();
        var wrong = new List<string>();
        int checkedFiles = 0;
        foreach (string top in new[] { "firmware", "drivers", "emulator", "tests" })
        {
            foreach (string relative in SourceFiles(root, top))
            {
                string directory = Path.GetDirectoryName(relative)!.Replace('\\', '/');
                if (OwnNamespaces.Any(o => directory.StartsWith(o, StringComparison.Ordinal)))
                {
                    continue;
                }
                checkedFiles++;
                string expected = Expected(directory);
                // The file's own namespace is its first; later ones are test inputs inside strings.
                Match m = NamespaceLine.Match(File.ReadAllText(Path.Combine(root, relative)));
                if (!m.Success || m.Groups[1].Value != expected)
                {
                    wrong.Add($"{relative}: namespace {(m.Success ? m.Groups[1].Value : "none")}, folder says {expected}");
                }
            }
        }
        Assert.True(checkedFiles > 400, $"only {checkedFiles} files found");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void A_test_named_for_a_source_file_sits_in_the_folder_mirroring_it()
    {
        string root = PosFirmware.Tests.Guard.SharedSources.FindRepositoryRoot();
        var sourceFolders = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string top in new[] { "firmware", "drivers", "emulator" })
        {
            foreach (string file in SourceFiles(root, top))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                if (!sourceFolders.TryGetValue(name, out var folders))
                {
                    sourceFolders[name] = folders = new List<string>();
                }
                folders.Add("tests/" + Path.GetDirectoryName(file)!.Replace('\\', '/'));
            }
        }
        var wrong = new List<string>();
        int named = 0;
        foreach (string file in SourceFiles(root, "tests"))
        {
            string fileName = Path.GetFileName(file);
            if (!fileName.EndsWith("Tests.cs", StringComparison.Ordinal)
                || !sourceFolders.TryGetValue(fileName[..^"Tests.cs".Length], out var mirrors))
            {
                continue;
            }
            named++;
            string folder = Path.GetDirectoryName(file)!.Replace('\\', '/');
            if (!mirrors.Contains(folder))
            {
                wrong.Add($"{file}: tests {fileName[..^"Tests.cs".Length]}, so it belongs in {string.Join(" or ", mirrors)}");
            }
        }
        Assert.True(named > 50, $"only {named} tests named for a source file");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    // Repo-relative paths with '/' of the .cs files under top, leaving out build output.
    private static IEnumerable<string> SourceFiles(string root, string top) =>
        Directory.EnumerateFiles(Path.Combine(root, top), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"));
}
