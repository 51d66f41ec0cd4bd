using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PosFirmware.Emulator.Acquirer;

/// <summary>
/// The simulated acquirer's books in SQLite, so a restarted simulator remembers what it approved: sales,
/// money movements, settlements, batch uploads, an event log, and the terminals' working MAC keys (stored
/// encrypted under the terminal master key; Snapshot and the dumps leave them out). ":memory:" keeps it
/// in memory for in-process runs. Every query a request makes is an index lookup (the sale key, the due
/// user-paying orders, a batch's paid sales), so the time per request does not grow with the ledger; the
/// file is in WAL mode with synchronous=NORMAL: a commit survives the simulator being killed, and a power
/// cut of the machine may lose the last commits (this is a test ledger, not a bank's).
/// </summary>
public sealed class AcquirerLedger : IDisposable
{
    /// <summary>Entry kind: the customer paid.</summary>
    public const string Debit = "DEBIT";

    /// <summary>Entry kind: the payment was given back.</summary>
    public const string Credit = "CREDIT";

    /// <summary>Events kept in the log; adding one beyond drops the oldest.</summary>
    public int MaxEventsKept { get; init; } = 100_000;

    // The sales table's columns in the order ReadSale reads them (named, not *, so the order is this one
    // whatever the file's history).
    private const string SaleColumns = "id, merchant_id, terminal_id, batch, trace, amount, processing_code, code_masked, code_hash, state, response_code, rrn, auth_code, settle_at_micros, pending_outcome, created_micros";

    private const string FindSaleSql = "SELECT " + SaleColumns + " FROM sales WHERE merchant_id = $m AND terminal_id = $t AND batch = $b AND trace = $n";

    // An in-memory ledger's connection, with its schema and compiled statements, put by when the ledger is
    // disposed (emptied) for the next in-memory ledger on the same thread: a soak opens one per run, and
    // opening, creating the tables and compiling the statements cost more than a run's requests. At most
    // one is put by per thread.
    [ThreadStatic]
    private static (SqliteConnection Db, Dictionary<string, SqliteCommand> Commands)? _putBy;

    private readonly SqliteConnection _db;
    private readonly Dictionary<string, SqliteCommand> _commands;
    private bool _disposed;

    /// <summary>
    /// Opens (creating if needed) the ledger at path, or an in-memory one for ":memory:". An in-memory ledger
    /// starts empty; it may run on the connection of one disposed before it on the same thread, emptied
    /// (the same tables, and row ids from 1 again), so that its statements are already compiled.
    /// </summary>
    public AcquirerLedger(string path)
    {
        Path = path;
        if (path == ":memory:" && _putBy is { } kept)
        {
            _putBy = null;
            (_db, _commands) = kept;
            return;
        }
        _commands = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = path == ":memory:" ? SqliteOpenMode.Memory : SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _db = new SqliteConnection(builder.ToString());
        try
        {
            _db.Open();
            if (path != ":memory:")
            {
                ExecuteOnce("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            }
            CreateTables();
        }
        catch (SqliteException)
        {
            // Not a database, or a folder that is missing: close before the caller reports it.
            Dispose();
            throw;
        }
    }

    private void CreateTables()
    {
        ExecuteOnce("""
            CREATE TABLE IF NOT EXISTS terminals (merchant_id TEXT, terminal_id TEXT, mac_key BLOB, signed_in_micros INTEGER, PRIMARY KEY (merchant_id, terminal_id));
            CREATE TABLE IF NOT EXISTS sales (id INTEGER PRIMARY KEY, merchant_id TEXT, terminal_id TEXT, batch INTEGER, trace INTEGER,
                amount INTEGER, processing_code TEXT, code_masked TEXT, code_hash TEXT, state TEXT, response_code TEXT, rrn TEXT,
                auth_code TEXT, settle_at_micros INTEGER, pending_outcome TEXT, created_micros INTEGER,
                UNIQUE (merchant_id, terminal_id, batch, trace));
            CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, sale_id INTEGER, kind TEXT, amount INTEGER, at_micros INTEGER);
            CREATE TABLE IF NOT EXISTS settlements (id INTEGER PRIMARY KEY, merchant_id TEXT, terminal_id TEXT, batch INTEGER,
                terminal_debit INTEGER, terminal_count INTEGER, host_debit INTEGER, host_count INTEGER, balanced INTEGER, at_micros INTEGER);
            CREATE TABLE IF NOT EXISTS uploads (id INTEGER PRIMARY KEY, merchant_id TEXT, terminal_id TEXT, batch INTEGER, network_code TEXT,
                trace INTEGER, amount INTEGER, detail_count INTEGER, response_code TEXT NOT NULL DEFAULT '00');
            CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, at_micros INTEGER, kind TEXT, detail TEXT);
            CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER);
            CREATE INDEX IF NOT EXISTS sales_user_paying ON sales (settle_at_micros) WHERE state = 'USERPAYING';
            CREATE INDEX IF NOT EXISTS entries_by_sale ON entries (sale_id);
            """);
        // Ledgers written before uploads were compared with the books have no response_code column; a new
        // in-memory ledger was just made with it.
        if (Path == ":memory:")
        {
            return;
        }
        bool hasResponseCode = Query("SELECT name FROM pragma_table_info('uploads')", r => r.GetString(0)).Contains("response_code");
        if (!hasResponseCode)
        {
            Execute("ALTER TABLE uploads ADD COLUMN response_code TEXT NOT NULL DEFAULT '00'");
        }
    }

    /// <summary>Statements compiled and kept so far: one per distinct statement text, however many requests ran.</summary>
    public int PreparedStatements => _commands.Count;

    /// <summary>
    /// Questions SQLite has asked the authorizer since <see cref="CountCompilations"/>: it asks them only while
    /// compiling a statement, so statements kept compiled add none however often they run.
    /// </summary>
    public int CompileQuestions { get; private set; }

    // A connection with an authorizer set is not put by for another ledger.
    private bool _countingCompilations;

    /// <summary>
    /// Starts counting <see cref="CompileQuestions"/> (for tests: one callback into .NET per question). Setting
    /// the authorizer makes SQLite compile each kept statement once more, at its next run.
    /// </summary>
    public void CountCompilations()
    {
        _countingCompilations = true;
        CompileQuestions = 0;
        SQLitePCL.strdelegate_authorizer ask = (_, _, _, _, _, _) =>
        {
            CompileQuestions++;
            return SQLitePCL.raw.SQLITE_OK;
        };
        SQLitePCL.raw.sqlite3_set_authorizer(_db.Handle, ask, null);
    }

    /// <summary>Where the ledger lives.</summary>
    public string Path { get; }

    /// <summary>Stores a terminal's working MAC key as the caller gives it (encrypted; kept for MAC checks after a restart; never dumped).</summary>
    public void SaveTerminalKey(string merchantId, string terminalId, byte[] macKey, long atMicros) =>
        Execute("INSERT OR REPLACE INTO terminals VALUES ($m, $t, $k, $at)", ("$m", merchantId), ("$t", terminalId), ("$k", macKey), ("$at", atMicros));

    /// <summary>A terminal's working MAC key as stored, or null before its first sign-in.</summary>
    public byte[]? TerminalKey(string merchantId, string terminalId)
    {
        var cmd = Command("SELECT mac_key FROM terminals WHERE merchant_id = $m AND terminal_id = $t", ("$m", merchantId), ("$t", terminalId));
        return cmd.ExecuteScalar() as byte[];
    }

    /// <summary>The sale with this key, or null.</summary>
    public SaleRecord? FindSale(string merchantId, string terminalId, int batch, int trace)
    {
        var cmd = Command(FindSaleSql,
            ("$m", merchantId), ("$t", terminalId), ("$b", batch), ("$n", trace));
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? ReadSale(reader) : null;
    }

    /// <summary>Adds a sale; sets its Id.</summary>
    public void InsertSale(SaleRecord sale)
    {
        var cmd = Command("""
            INSERT INTO sales (merchant_id, terminal_id, batch, trace, amount, processing_code, code_masked, code_hash, state, response_code,
                rrn, auth_code, settle_at_micros, pending_outcome, created_micros)
            VALUES ($m, $t, $b, $n, $a, $p, $cm, $ch, $s, $rc, $rrn, $auth, $settle, $outcome, $created)
            """, SaleParameters(sale));
        cmd.ExecuteNonQuery();
        // The row id SQLite just gave (one statement, where a second SELECT last_insert_rowid() cost a step).
        sale.Id = SQLitePCL.raw.sqlite3_last_insert_rowid(_db.Handle);
    }

    /// <summary>Writes a sale's changed state.</summary>
    public void UpdateSale(SaleRecord sale)
    {
        var parameters = SaleParameters(sale, withId: true);
        Execute("""
            UPDATE sales SET state = $s, response_code = $rc, rrn = $rrn, auth_code = $auth, settle_at_micros = $settle,
                pending_outcome = $outcome WHERE id = $id
            """, parameters);
    }

    // Every request runs this: the partial index keeps it to the orders still waiting, however many sales
    // the ledger holds (the state is written out, not bound, so the index applies; INDEXED BY makes a
    // missing index an error rather than a silent table scan).
    private const string DueUserPayingSql =
        "SELECT " + SaleColumns + " FROM sales INDEXED BY sales_user_paying WHERE state = 'USERPAYING' AND settle_at_micros <= $now ORDER BY settle_at_micros, id";

    // The statements a request runs, with sample parameters, for QueryPlans.
    private static readonly string[] RequestSql =
    [
        DueUserPayingSql,
        FindSaleSql,
        "SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM sales WHERE merchant_id = $m AND terminal_id = $t AND batch = $b AND state = 'PAID'",
        "SELECT mac_key FROM terminals WHERE merchant_id = $m AND terminal_id = $t",
        "UPDATE sales SET state = $s WHERE id = $id",
        "DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - $max",
        "SELECT value FROM counters WHERE name = $n",
    ];

    /// <summary>SQLite's query plan for each statement a request runs, one line per step (SCAN means a full table walk).</summary>
    public List<string> QueryPlans()
    {
        var plans = new List<string>();
        foreach (string sql in RequestSql)
        {
            var cmd = Command("EXPLAIN QUERY PLAN " + sql, ("$now", 0L), ("$m", ""), ("$t", ""), ("$b", 0), ("$n", 0), ("$s", ""), ("$id", 0L), ("$max", 0));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                plans.Add(sql + " => " + reader.GetString(3));
            }
        }
        return plans;
    }

    /// <summary>Sales still waiting for the customer whose time has come.</summary>
    public List<SaleRecord> DueUserPaying(long nowMicros)
    {
        var cmd = Command(DueUserPayingSql, ("$now", nowMicros));
        using var reader = cmd.ExecuteReader();
        var result = new List<SaleRecord>();
        while (reader.Read())
        {
            result.Add(ReadSale(reader));
        }
        return result;
    }

    /// <summary>Records a debit or credit.</summary>
    public void AddEntry(long saleId, string kind, long amountFen, long atMicros) =>
        Execute("INSERT INTO entries (sale_id, kind, amount, at_micros) VALUES ($s, $k, $a, $at)", ("$s", saleId), ("$k", kind), ("$a", amountFen), ("$at", atMicros));

    /// <summary>Appends to the event log (bounded: the oldest events go first).</summary>
    public void AddEvent(long atMicros, string kind, string detail)
    {
        Execute("INSERT INTO events (at_micros, kind, detail) VALUES ($at, $k, $d)", ("$at", atMicros), ("$k", kind), ("$d", detail));
        // The new event's id is the table's largest (ids are given as the largest plus one): the DELETE
        // below drops nothing until that id passes the bound, so it runs only then.
        if (SQLitePCL.raw.sqlite3_last_insert_rowid(_db.Handle) > MaxEventsKept)
        {
            Execute("DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - $max", ("$max", MaxEventsKept));
        }
    }

    /// <summary>Host totals of paid (and not reversed) sales in a batch.</summary>
    public (long AmountFen, int Count) PaidTotals(string merchantId, string terminalId, int batch)
    {
        var cmd = Command("SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM sales WHERE merchant_id = $m AND terminal_id = $t AND batch = $b AND state = 'PAID'",
            ("$m", merchantId), ("$t", terminalId), ("$b", batch));
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt32(1));
    }

    /// <summary>Records a settlement.</summary>
    public void AddSettlement(SettlementRecord s) =>
        Execute("INSERT INTO settlements (merchant_id, terminal_id, batch, terminal_debit, terminal_count, host_debit, host_count, balanced, at_micros) VALUES ($m, $t, $b, $td, $tc, $hd, $hc, $bal, $at)",
            ("$m", s.MerchantId), ("$t", s.TerminalId), ("$b", s.Batch), ("$td", s.TerminalDebitFen), ("$tc", s.TerminalDebitCount),
            ("$hd", s.HostDebitFen), ("$hc", s.HostDebitCount), ("$bal", s.Balanced ? 1 : 0), ("$at", s.AtMicros));

    /// <summary>Records a batch-upload message.</summary>
    public void AddUpload(UploadRecord u) =>
        Execute("INSERT INTO uploads (merchant_id, terminal_id, batch, network_code, trace, amount, detail_count, response_code) VALUES ($m, $t, $b, $c, $n, $a, $d, $rc)",
            ("$m", u.MerchantId), ("$t", u.TerminalId), ("$b", u.Batch), ("$c", u.NetworkCode), ("$n", u.Trace), ("$a", u.AmountFen), ("$d", u.DetailCount), ("$rc", u.ResponseCode));

    /// <summary>The next value of a named counter (retrieval reference numbers, auth codes), kept across restarts.</summary>
    public long NextCounter(string name)
    {
        // One statement: the upsert hands back the value it wrote.
        var cmd = Command("INSERT INTO counters VALUES ($n, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value", ("$n", name));
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>Merchant id of the paid sales AddFillerSales writes (no terminal signs in under it).</summary>
    public const string FillerMerchantId = "FILLER000000000";

    /// <summary>
    /// Adds count paid sales with their debits under <see cref="FillerMerchantId"/>, in one transaction with
    /// two prepared statements: a big ledger in seconds, to show that request time does not grow with it.
    /// Filling again continues after the filler sales already there.
    /// </summary>
    public void AddFillerSales(int count, long atMicros)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var transaction = _db.BeginTransaction();
        using var counter = _db.CreateCommand();
        counter.Transaction = transaction;
        counter.CommandText = "SELECT COUNT(*) FROM sales WHERE merchant_id = $m";
        counter.Parameters.AddWithValue("$m", FillerMerchantId);
        long start = (long)counter.ExecuteScalar()!;
        using var sale = _db.CreateCommand();
        sale.Transaction = transaction;
        sale.CommandText = """
            INSERT INTO sales (merchant_id, terminal_id, batch, trace, amount, processing_code, code_masked, code_hash, state, response_code,
                rrn, auth_code, settle_at_micros, pending_outcome, created_micros)
            VALUES ($m, $t, 1, $n, $a, '000000', '', '', 'PAID', '00', $rrn, '000000', 0, '', $at)
            """;
        var terminal = sale.Parameters.Add("$t", SqliteType.Text);
        var trace = sale.Parameters.Add("$n", SqliteType.Integer);
        var amount = sale.Parameters.Add("$a", SqliteType.Integer);
        var rrn = sale.Parameters.Add("$rrn", SqliteType.Text);
        sale.Parameters.AddWithValue("$m", FillerMerchantId);
        sale.Parameters.AddWithValue("$at", atMicros);
        using var entry = _db.CreateCommand();
        entry.Transaction = transaction;
        entry.CommandText = "INSERT INTO entries (sale_id, kind, amount, at_micros) VALUES (last_insert_rowid(), 'DEBIT', $a, $at)";
        var entryAmount = entry.Parameters.Add("$a", SqliteType.Integer);
        entry.Parameters.AddWithValue("$at", atMicros);
        sale.Prepare();
        entry.Prepare();
        for (long i = start; i < start + count; i++)
        {
            // 10,000 traces per filler terminal, F0000000 upwards.
            terminal.Value = "F" + (i / 10_000).ToString("D7");
            trace.Value = i % 10_000 + 1;
            amount.Value = entryAmount.Value = 100 + i % 900;
            rrn.Value = "F" + i.ToString("D11");
            sale.ExecuteNonQuery();
            entry.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Sales in the ledger.</summary>
    public long SaleCount()
    {
        var cmd = Command("SELECT COUNT(*) FROM sales");
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>Runs work in one transaction (one request's changes land together or not at all).</summary>
    public T InTransaction<T>(Func<T> work)
    {
        // BEGIN, COMMIT and ROLLBACK are kept compiled like every other statement (BeginTransaction would
        // compile two statements a request); IMMEDIATE takes the write lock at once, as BeginTransaction does.
        Execute("BEGIN IMMEDIATE");
        bool committed = false;
        try
        {
            var result = work();
            Execute("COMMIT");
            committed = true;
            return result;
        }
        finally
        {
            // SQLite may already have rolled back on its own (a full disk): then there is nothing to undo.
            if (!committed && SQLitePCL.raw.sqlite3_get_autocommit(_db.Handle) == 0)
            {
                Execute("ROLLBACK");
            }
        }
    }

    /// <summary>Everything but keys.</summary>
    public LedgerSnapshot Snapshot()
    {
        var sales = new List<SaleRecord>();
        var salesCommand = Command("SELECT " + SaleColumns + " FROM sales ORDER BY id");
        using (var reader = salesCommand.ExecuteReader())
        {
            while (reader.Read())
            {
                sales.Add(ReadSale(reader));
            }
        }
        var entries = Query("SELECT id, sale_id, kind, amount, at_micros FROM entries ORDER BY id", r => new LedgerEntry(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4)));
        var settlements = Query("SELECT merchant_id, terminal_id, batch, terminal_debit, terminal_count, host_debit, host_count, balanced, at_micros FROM settlements ORDER BY id",
            r => new SettlementRecord(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetInt32(4), r.GetInt64(5), r.GetInt32(6), r.GetInt32(7) != 0, r.GetInt64(8)));
        var uploads = Query("SELECT merchant_id, terminal_id, batch, network_code, trace, amount, detail_count, response_code FROM uploads ORDER BY id",
            r => new UploadRecord(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetInt32(4), r.GetInt64(5), r.GetInt32(6), r.GetString(7)));
        var events = Query("SELECT id, at_micros, kind, detail FROM events ORDER BY id", r => new LedgerEvent(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3)));
        var terminals = Query("SELECT merchant_id || '/' || terminal_id FROM terminals ORDER BY 1", r => r.GetString(0));
        return new LedgerSnapshot(sales, entries, settlements, uploads, events, terminals);
    }

    /// <summary>The snapshot as indented JSON.</summary>
    public string DumpJson() => JsonSerializer.Serialize(Snapshot(), new JsonSerializerOptions { WriteIndented = true });

    /// <summary>
    /// The snapshot as text tables for people. Text that came from a request (terminal and merchant ids,
    /// event details) is escaped: control bytes, backslashes and non-ASCII show as \xNN, so a request can
    /// never forge a line of the dump.
    /// </summary>
    public string DumpText()
    {
        var s = Snapshot();
        var text = new StringBuilder();
        text.AppendLine($"terminals signed in: {Printable(string.Join(", ", s.SignedInTerminals))}");
        text.AppendLine($"sales ({s.Sales.Count}):");
        foreach (var sale in s.Sales)
        {
            text.AppendLine(Printable($"  #{sale.Id} {sale.MerchantId}/{sale.TerminalId} batch {sale.Batch:D6} trace {sale.Trace:D6} {sale.AmountFen} fen code {sale.CodeMasked} {sale.State} F39={sale.ResponseCode} rrn={sale.Rrn} net={s.NetDebitFen(sale.Id)}"));
        }
        text.AppendLine($"entries ({s.Entries.Count}):");
        foreach (var e in s.Entries)
        {
            text.AppendLine($"  sale #{e.SaleId} {e.Kind} {e.AmountFen} at {e.AtMicros} us");
        }
        text.AppendLine($"settlements ({s.Settlements.Count}):");
        foreach (var st in s.Settlements)
        {
            text.AppendLine(Printable($"  {st.MerchantId}/{st.TerminalId} batch {st.Batch:D6}: terminal {st.TerminalDebitFen}/{st.TerminalDebitCount}, host {st.HostDebitFen}/{st.HostDebitCount} -> {(st.Balanced ? "balanced" : "UNBALANCED")}"));
        }
        text.AppendLine($"uploads ({s.Uploads.Count}):");
        foreach (var u in s.Uploads)
        {
            text.AppendLine(Printable($"  {u.MerchantId}/{u.TerminalId} batch {u.Batch:D6} 60.3={u.NetworkCode} trace {u.Trace:D6} {u.AmountFen} fen count {u.DetailCount} -> {u.ResponseCode}"));
        }
        text.AppendLine($"events ({s.Events.Count}):");
        foreach (var e in s.Events)
        {
            text.AppendLine(Printable($"  {e.AtMicros} us {e.Kind}: {e.Detail}"));
        }
        return text.ToString();
    }

    /// <summary>Text with every byte outside printable ASCII, and the backslash, written as \xNN.</summary>
    public static string Printable(string text)
    {
        var shown = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is >= ' ' and < (char)0x7F and not '\\')
            {
                shown.Append(c);
            }
            else if (c <= 0xFF)
            {
                shown.Append($"\\x{(int)c:X2}");
            }
            else
            {
                shown.Append($"\\u{(int)c:X4}");
            }
        }
        return shown.ToString();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        if (Path == ":memory:" && !_countingCompilations && _putBy == null && TryEmpty())
        {
            _disposed = true;
            _putBy = (_db, _commands);
            return;
        }
        _disposed = true;
        foreach (var cmd in _commands.Values)
        {
            cmd.Dispose();
        }
        _commands.Clear();
        _db.Dispose();
    }

    // Empties every table outside any transaction; false when the connection cannot be reused.
    private bool TryEmpty()
    {
        try
        {
            if (_db.State != System.Data.ConnectionState.Open || SQLitePCL.raw.sqlite3_get_autocommit(_db.Handle) == 0)
            {
                return false;
            }
            // Every table the schema has, so a table added later is emptied too.
            foreach (string table in Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0)))
            {
                Command("DELETE FROM " + table).ExecuteNonQuery();
            }
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static (string, object)[] SaleParameters(SaleRecord s, bool withId = false)
    {
        var p = new (string, object)[withId ? 16 : 15];
        p[0] = ("$m", s.MerchantId);
        p[1] = ("$t", s.TerminalId);
        p[2] = ("$b", s.Batch);
        p[3] = ("$n", s.Trace);
        p[4] = ("$a", s.AmountFen);
        p[5] = ("$p", s.ProcessingCode);
        p[6] = ("$cm", s.CodeMasked);
        p[7] = ("$ch", s.CodeHash);
        p[8] = ("$s", s.State);
        p[9] = ("$rc", s.ResponseCode);
        p[10] = ("$rrn", s.Rrn);
        p[11] = ("$auth", s.AuthCode);
        p[12] = ("$settle", s.SettleAtMicros);
        p[13] = ("$outcome", s.PendingOutcome);
        p[14] = ("$created", s.CreatedMicros);
        if (withId)
        {
            p[15] = ("$id", s.Id);
        }
        return p;
    }

    // A row of "SELECT " + SaleColumns: the columns by position.
    private static SaleRecord ReadSale(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        MerchantId = r.GetString(1),
        TerminalId = r.GetString(2),
        Batch = r.GetInt32(3),
        Trace = r.GetInt32(4),
        AmountFen = r.GetInt64(5),
        ProcessingCode = r.GetString(6),
        CodeMasked = r.GetString(7),
        CodeHash = r.GetString(8),
        State = r.GetString(9),
        ResponseCode = r.GetString(10),
        Rrn = r.GetString(11),
        AuthCode = r.GetString(12),
        SettleAtMicros = r.GetInt64(13),
        PendingOutcome = r.GetString(14),
        CreatedMicros = r.GetInt64(15),
    };

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        var cmd = Command(sql);
        using var reader = cmd.ExecuteReader();
        var result = new List<T>();
        while (reader.Read())
        {
            result.Add(read(reader));
        }
        return result;
    }

    private static bool SameNames(SqliteParameterCollection kept, (string Name, object Value)[] parameters)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(kept[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    // The schema's statements run once a database, so their command is not kept with the requests' statements.
    private void ExecuteOnce(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = Command(sql, parameters);
        cmd.ExecuteNonQuery();
    }

    // One command per statement text, kept for the ledger's life (not disposed by callers): SQLite compiles a
    // statement once, and each request only binds its values. The host serialises use of the connection.
    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = _db.CreateCommand();
            cmd.CommandText = sql;
            _commands.Add(sql, cmd);
        }
        // A statement's call site names the same parameters each time: the parameter objects are kept and
        // given the new values (the same binding as new ones: the type follows the value at each run).
        var kept = cmd.Parameters;
        if (kept.Count == parameters.Length && SameNames(kept, parameters))
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                kept[i].Value = parameters[i].Value;
            }
            return cmd;
        }
        kept.Clear();
        foreach (var (name, value) in parameters)
        {
            kept.AddWithValue(name, value);
        }
        return cmd;
    }
}
