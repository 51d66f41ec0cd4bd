using Microsoft.Data.Sqlite;
using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Cli;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

/// <summary>`acquirer dump` reads ledgers only: any other file is refused and left byte for byte as it was.</summary>
public class LedgerFileTests
{
    [Fact]
    public void An_empty_file_is_refused_and_stays_empty()
    {
        string path = Path.GetTempFileName();
        var output = new StringWriter();
        Assert.Equal(2, AcquirerCommand.Dump(path, false, output));
        Assert.Contains("an empty database, not a ledger; nothing was written to it", output.ToString());
        Assert.Equal(0, new FileInfo(path).Length);
        File.Delete(path);
    }

    [Fact]
    public void Another_programs_database_is_refused_and_not_changed()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("ledger").FullName, "other.db");
        using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            db.Open();
            using var create = db.CreateCommand();
            create.CommandText = "CREATE TABLE sales (x INTEGER); INSERT INTO sales VALUES (7);";
            create.ExecuteNonQuery();
        }
        byte[] before = File.ReadAllBytes(path);
        var output = new StringWriter();
        Assert.Equal(2, AcquirerCommand.Dump(path, true, output));
        Assert.Contains("without the ledger's table 'terminals'", output.ToString());
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_ledger_the_simulator_made_is_recognised()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("ledger").FullName, "acquirer.db");
        new AcquirerLedger(path).Dispose();
        Assert.True(LedgerFile.IsLedger(path, out string why), why);
        Assert.Equal(0, AcquirerCommand.Dump(path, false, new StringWriter()));
    }
}
