using System.Globalization;
using System.Text.Json;

namespace PosFirmware.Emulator.Bench;

/// <summary>
/// The benchmark's figures as a list of named rows, printed as a table and written as JSON. Each part of the
/// bench adds its own rows, so a new part needs no change here.
/// </summary>
public sealed class BenchReport
{
    private readonly List<BenchRow> _rows = new();

    /// <summary>Rows in the order they were added.</summary>
    public IReadOnlyList<BenchRow> Rows => _rows;

    /// <summary>Adds a row.</summary>
    public void Add(BenchRow row) => _rows.Add(row);

    /// <summary>Writes the table.</summary>
    public void WriteTable(TextWriter output)
    {
        int group = Math.Max(5, _rows.Count == 0 ? 0 : _rows.Max(r => r.Group.Length));
        int name = Math.Max(6, _rows.Count == 0 ? 0 : _rows.Max(r => r.Name.Length));
        output.WriteLine($"{"group".PadRight(group)}  {"figure".PadRight(name)}  {"value",12}  {"unit",-8}  {"goal",-10}  met  note");
        foreach (var r in _rows)
        {
            string met = r.Met == null ? "   " : (r.Met.Value ? "yes" : "NO ");
            output.WriteLine($"{r.Group.PadRight(group)}  {r.Name.PadRight(name)}  {Format(r.Value),12}  {r.Unit,-8}  {r.Goal ?? "",-10}  {met}  {r.Note ?? ""}");
        }
    }

    /// <summary>Writes the rows as JSON: {"rows": [{group, name, value, unit, goal, met, note}, ...]}.</summary>
    public void WriteJson(string path)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        File.WriteAllText(path, JsonSerializer.Serialize(new { rows = _rows }, options) + "\n");
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("F0", CultureInfo.InvariantCulture) : value.ToString("F3", CultureInfo.InvariantCulture);
}
