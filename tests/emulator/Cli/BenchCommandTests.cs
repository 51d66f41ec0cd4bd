using System.Text.Json;
using PosFirmware.Emulator.Cli;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

public class BenchCommandTests
{
    [Fact]
    public void The_bench_prints_a_table_and_writes_the_same_rows_as_json()
    {
        string json = Path.Combine(Directory.CreateTempSubdirectory("bench").FullName, "bench.json");
        var output = new StringWriter();
        Assert.Equal(0, BenchCommand.Run(1, json, output));
        string text = output.ToString();
        Assert.StartsWith("seed=1", text);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.True(rows.Count >= 30);
        foreach (var row in rows)
        {
            string group = row.GetProperty("group").GetString()!;
            string name = row.GetProperty("name").GetString()!;
            Assert.Contains(name, text);
            Assert.Contains(group, text);
            if (name == "timing violations")
            {
                Assert.Equal(0, row.GetProperty("value").GetDouble());
            }
            if (group.EndsWith(" energy"))
            {
                Assert.True(row.GetProperty("met").GetBoolean(), $"{group}: {row.GetProperty("value").GetDouble():F2} %");
            }
            if (name == "allocated per dot line")
            {
                Assert.Equal(0, row.GetProperty("value").GetDouble());
            }
        }
        Assert.Contains(rows, r => r.GetProperty("group").GetString() == "LTPD245C receipt" && r.GetProperty("name").GetString() == "speed / fixed-6-block" && r.GetProperty("value").GetDouble() > 2);
        Assert.Contains(rows, r => r.GetProperty("group").GetString() == "emulator");
    }
}
