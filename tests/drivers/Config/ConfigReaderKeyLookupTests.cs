using System.Text;
using PosFirmware.Config;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Drivers.Config;

/// <summary>
/// The reader finds keys through a hash of their names: on random schemas (names that share their hash's
/// low bits, names given twice, up to 300 keys) and random files of known and unknown keys, it must take and
/// refuse what a walk of the schema, first name first, would. The seed is printed.
/// </summary>
public class ConfigReaderKeyLookupTests(ITestOutputHelper output)
{
    private static string Name(Random r)
    {
        const string letters = "abcxyz019._";
        var name = new StringBuilder();
        int length = r.Next(1, 7);
        for (int i = 0; i < length; i++)
        {
            name.Append(letters[r.Next(letters.Length)]);
        }
        return name.ToString();
    }

    [Fact]
    public void Keys_are_found_as_a_walk_of_the_schema_finds_them()
    {
        int seed = Environment.TickCount & 0xFFFF;
        output.WriteLine($"seed {seed}");
        var r = new Random(seed);
        for (int round = 0; round < 300; round++)
        {
            int keys = r.Next(1, 300);
            var names = new List<string>();
            for (int i = 0; i < keys; i++)
            {
                // Now and then a name already given: the first one counts.
                names.Add(names.Count > 0 && r.Next(10) == 0 ? names[r.Next(names.Count)] : Name(r));
            }
            var schema = names.Select(n => new ConfigKey(n, ConfigType.Text, 1, 20, "", false, 1000)).ToArray();
            var reader = new ConfigReader(schema, 1 << 16, 80, 4);
            var lines = new List<(string Key, string Value)>();
            int count = r.Next(1, 40);
            for (int i = 0; i < count; i++)
            {
                lines.Add((r.Next(4) > 0 ? names[r.Next(names.Count)] : Name(r), "v" + i));
            }
            byte[] text = Encoding.ASCII.GetBytes(string.Concat(lines.Select(l => l.Key + " = " + l.Value + "\n")));
            bool ok = reader.TryRead(text, 0, text.Length);
            // The walk: a key is known when some schema name equals it.
            int unknown = lines.FindIndex(l => !names.Contains(l.Key));
            string where = $"seed {seed}, round {round}";
            Assert.True(ok == (unknown < 0), $"{where}: read {ok}, first unknown line {unknown + 1}: {reader.Message}");
            if (!ok)
            {
                Assert.True(reader.Status == ConfigStatus.UnknownKey && reader.Key == lines[unknown].Key && reader.Line == unknown + 1, $"{where}: {reader.Message}");
                continue;
            }
            foreach (string name in names.Distinct())
            {
                var given = lines.Where(l => l.Key == name).Select(l => l.Value).ToList();
                Assert.True(given.Count == reader.Count(name), $"{where}: key {name} given {given.Count} times, read {reader.Count(name)}");
                for (int k = 0; k < given.Count; k++)
                {
                    Assert.True(reader.TryGetText(name, k, out string? value) && value == given[k], $"{where}: key {name} #{k}");
                }
            }
        }
    }
}
