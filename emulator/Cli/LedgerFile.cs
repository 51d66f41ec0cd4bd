using Microsoft.Data.Sqlite;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// Tells a ledger file from any other file before a command that only reads it opens it: opening an
/// <see cref="Acquirer.AcquirerLedger"/> creates its tables, which would write into a file that is not a ledger.
/// </summary>
public static class LedgerFile
{
    /// <summary>The tables every ledger has (AcquirerLedger creates them all at once).</summary>
    private static readonly string[] Tables = { "terminals", "sales", "entries", "settlements", "uploads", "events", "counters" };

    /// <summary>True if the file is an SQLite database holding the ledger's tables; otherwise says why. Opens it read-only.</summary>
    public static bool IsLedger(string path, out string why)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        try
        {
            using var db = new SqliteConnection(builder.ToString());
            db.Open();
            using var query = db.CreateCommand();
            query.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            var found = new HashSet<string>();
            using (var reader = query.ExecuteReader())
            {
                while (reader.Read())
                {
                    found.Add(reader.GetString(0));
                }
            }
            foreach (string table in Tables)
            {
                if (!found.Contains(table))
                {
                    why = found.Count == 0 ? "an empty database, not a ledger" : $"an SQLite database without the ledger's table '{table}'";
                    return false;
                }
            }
            why = "";
            return true;
        }
        catch (SqliteException e)
        {
            why = e.Message;
            return false;
        }
    }
}
