using Microsoft.Data.Sqlite;
using PosFirmware.Emulator.Acquirer;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// The ledger's short cuts (parameter objects kept per statement, sale columns read by position, the row id
/// taken from SQLite instead of a second SELECT, the counter's upsert returning its value, the events'
/// trim run only past the bound) against the statements written out plainly: a fresh command per call,
/// SELECT * read by column name, INSERT then SELECT, the trim after every event. Random operations, the
/// seed printed.
/// </summary>
public class AcquirerLedgerRandomTests(ITestOutputHelper output)
{
    // The straightforward ledger: the tables the operations touch, every statement compiled at each call.
    private sealed class PlainLedger : IDisposable
    {
        private readonly SqliteConnection _db = new("Data Source=:memory:");
        private readonly int _maxEvents;

        public PlainLedger(int maxEvents)
        {
            _maxEvents = maxEvents;
            _db.Open();
            Run("""
                CREATE TABLE sales (id INTEGER PRIMARY KEY, merchant_id TEXT, terminal_id TEXT, batch INTEGER, trace INTEGER,
                    amount INTEGER, processing_code TEXT, code_masked TEXT, code_hash TEXT, state TEXT, response_code TEXT, rrn TEXT,
                    auth_code TEXT, settle_at_micros INTEGER, pending_outcome TEXT, created_micros INTEGER,
                    UNIQUE (merchant_id, terminal_id, batch, trace));
                CREATE TABLE events (id INTEGER PRIMARY KEY, at_micros INTEGER, kind TEXT, detail TEXT);
                CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER);
                """);
        }

        private SqliteCommand Make(string sql, params (string, object)[] ps)
        {
            var cmd = _db.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (n, v) in ps)
            {
                cmd.Parameters.AddWithValue(n, v);
            }
            return cmd;
        }

        private void Run(string sql, params (string, object)[] ps)
        {
            using var cmd = Make(sql, ps);
            cmd.ExecuteNonQuery();
        }

        private static (string, object)[] Fields(SaleRecord s) =>
        [
            ("$m", s.MerchantId), ("$t", s.TerminalId), ("$b", s.Batch), ("$n", s.Trace), ("$a", s.AmountFen), ("$p", s.ProcessingCode),
            ("$cm", s.CodeMasked), ("$ch", s.CodeHash), ("$s", s.State), ("$rc", s.ResponseCode), ("$rrn", s.Rrn), ("$auth", s.AuthCode),
            ("$settle", s.SettleAtMicros), ("$outcome", s.PendingOutcome), ("$created", s.CreatedMicros),
        ];

        public long Insert(SaleRecord s)
        {
            using var cmd = Make("""
                INSERT INTO sales (merchant_id, terminal_id, batch, trace, amount, processing_code, code_masked, code_hash, state, response_code,
                    rrn, auth_code, settle_at_micros, pending_outcome, created_micros)
                VALUES ($m, $t, $b, $n, $a, $p, $cm, $ch, $s, $rc, $rrn, $auth, $settle, $outcome, $created); SELECT last_insert_rowid();
                """, Fields(s));
            return (long)cmd.ExecuteScalar()!;
        }

        public void Update(SaleRecord s) =>
            Run("UPDATE sales SET state = $s, response_code = $rc, rrn = $rrn, auth_code = $auth, settle_at_micros = $settle, pending_outcome = $outcome WHERE id = $id",
                [.. Fields(s), ("$id", s.Id)]);

        private static SaleRecord Read(SqliteDataReader r) => new()
        {
            Id = r.GetInt64(r.GetOrdinal("id")), MerchantId = r.GetString(r.GetOrdinal("merchant_id")), TerminalId = r.GetString(r.GetOrdinal("terminal_id")),
            Batch = r.GetInt32(r.GetOrdinal("batch")), Trace = r.GetInt32(r.GetOrdinal("trace")), AmountFen = r.GetInt64(r.GetOrdinal("amount")),
            ProcessingCode = r.GetString(r.GetOrdinal("processing_code")), CodeMasked = r.GetString(r.GetOrdinal("code_masked")),
            CodeHash = r.GetString(r.GetOrdinal("code_hash")), State = r.GetString(r.GetOrdinal("state")), ResponseCode = r.GetString(r.GetOrdinal("response_code")),
            Rrn = r.GetString(r.GetOrdinal("rrn")), AuthCode = r.GetString(r.GetOrdinal("auth_code")), SettleAtMicros = r.GetInt64(r.GetOrdinal("settle_at_micros")),
            PendingOutcome = r.GetString(r.GetOrdinal("pending_outcome")), CreatedMicros = r.GetInt64(r.GetOrdinal("created_micros")),
        };

        public List<SaleRecord> Sales(string sql, params (string, object)[] ps)
        {
            using var cmd = Make(sql, ps);
            using var r = cmd.ExecuteReader();
            var list = new List<SaleRecord>();
            while (r.Read())
            {
                list.Add(Read(r));
            }
            return list;
        }

        public void AddEvent(long at, string kind, string detail)
        {
            Run("INSERT INTO events (at_micros, kind, detail) VALUES ($at, $k, $d)", ("$at", at), ("$k", kind), ("$d", detail));
            Run("DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - $max", ("$max", _maxEvents));
        }

        public List<string> Events()
        {
            using var cmd = Make("SELECT id, at_micros, kind, detail FROM events ORDER BY id");
            using var r = cmd.ExecuteReader();
            var list = new List<string>();
            while (r.Read())
            {
                list.Add($"{r.GetInt64(0)} {r.GetInt64(1)} {r.GetString(2)} {r.GetString(3)}");
            }
            return list;
        }

        public long NextCounter(string name)
        {
            Run("INSERT INTO counters VALUES ($n, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1", ("$n", name));
            using var cmd = Make("SELECT value FROM counters WHERE name = $n", ("$n", name));
            return (long)cmd.ExecuteScalar()!;
        }

        public void Dispose() => _db.Dispose();
    }

    private static string Text(SaleRecord? s) => s == null ? "none" :
        $"{s.Id}|{s.MerchantId}|{s.TerminalId}|{s.Batch}|{s.Trace}|{s.AmountFen}|{s.ProcessingCode}|{s.CodeMasked}|{s.CodeHash}|{s.State}|{s.ResponseCode}|{s.Rrn}|{s.AuthCode}|{s.SettleAtMicros}|{s.PendingOutcome}|{s.CreatedMicros}";

    private static string Word(Random r) => new(Enumerable.Range(0, r.Next(0, 9)).Select(_ => (char)r.Next('A', 'Z' + 1)).ToArray());

    private static readonly string[] States = [SaleRecord.Paid, SaleRecord.UserPaying, SaleRecord.Cancelled, SaleRecord.Declined, SaleRecord.Reversed];

    [Fact]
    public void Random_operations_give_what_the_plain_statements_give()
    {
        for (int seed = 1; seed <= 12; seed++)
        {
            var r = new Random(seed);
            int maxEvents = r.Next(1, 30);
            // A few ledgers in a row on this thread: the later ones run on the connection (and kept parameters) of the first.
            for (int life = 0; life < 3; life++)
            {
                using var ledger = new AcquirerLedger(":memory:") { MaxEventsKept = maxEvents };
                using var plain = new PlainLedger(maxEvents);
                var keys = new List<(string M, string T, int B, int N)>();
                var ids = new List<long>();
                for (int op = 0; op < 300; op++)
                {
                    string where = $"seed {seed}, ledger {life}, operation {op}";
                    switch (r.Next(7))
                    {
                        case 0:
                        case 1:
                        {
                            var sale = new SaleRecord
                            {
                                MerchantId = "M" + r.Next(3), TerminalId = "T" + r.Next(3), Batch = r.Next(1, 4), Trace = r.Next(1, 1_000_000),
                                AmountFen = r.NextInt64(0, 10_000_000), ProcessingCode = Word(r), CodeMasked = Word(r), CodeHash = Word(r),
                                State = States[r.Next(States.Length)], ResponseCode = Word(r), Rrn = Word(r), AuthCode = Word(r),
                                SettleAtMicros = r.NextInt64(0, 1_000_000), PendingOutcome = Word(r), CreatedMicros = r.NextInt64(0, 1_000_000),
                            };
                            if (keys.Contains((sale.MerchantId, sale.TerminalId, sale.Batch, sale.Trace)))
                            {
                                break;
                            }
                            ledger.InsertSale(sale);
                            Assert.True(plain.Insert(sale) == sale.Id, where + ": row id");
                            keys.Add((sale.MerchantId, sale.TerminalId, sale.Batch, sale.Trace));
                            ids.Add(sale.Id);
                            break;
                        }
                        case 2 when keys.Count > 0:
                        {
                            var k = keys[r.Next(keys.Count)];
                            var sale = ledger.FindSale(k.M, k.T, k.B, k.N)!;
                            sale.State = States[r.Next(States.Length)];
                            sale.ResponseCode = Word(r);
                            sale.Rrn = Word(r);
                            sale.AuthCode = Word(r);
                            sale.SettleAtMicros = r.NextInt64(0, 1_000_000);
                            sale.PendingOutcome = Word(r);
                            ledger.UpdateSale(sale);
                            plain.Update(sale);
                            break;
                        }
                        case 3:
                        {
                            var k = keys.Count > 0 && r.Next(4) > 0 ? keys[r.Next(keys.Count)] : ("M" + r.Next(3), "T" + r.Next(3), r.Next(1, 4), r.Next(1, 1_000_000));
                            var want = plain.Sales("SELECT * FROM sales WHERE merchant_id = $m AND terminal_id = $t AND batch = $b AND trace = $n",
                                ("$m", k.Item1), ("$t", k.Item2), ("$b", k.Item3), ("$n", k.Item4));
                            Assert.True(Text(want.FirstOrDefault()) == Text(ledger.FindSale(k.Item1, k.Item2, k.Item3, k.Item4)), where + ": found sale");
                            break;
                        }
                        case 4:
                        {
                            long now = r.NextInt64(0, 1_200_000);
                            var want = plain.Sales("SELECT * FROM sales WHERE state = 'USERPAYING' AND settle_at_micros <= $now ORDER BY settle_at_micros, id", ("$now", now));
                            Assert.True(string.Join("\n", want.Select(Text)) == string.Join("\n", ledger.DueUserPaying(now).Select(Text)), where + ": due sales");
                            break;
                        }
                        case 5:
                        {
                            long at = r.NextInt64(0, 1_000_000);
                            string kind = Word(r), detail = Word(r);
                            ledger.AddEvent(at, kind, detail);
                            plain.AddEvent(at, kind, detail);
                            Assert.True(plain.Events().SequenceEqual(ledger.Snapshot().Events.Select(e => $"{e.Id} {e.AtMicros} {e.Kind} {e.Detail}")), where + $": events (bound {maxEvents})");
                            break;
                        }
                        default:
                        {
                            string name = "c" + r.Next(3);
                            Assert.True(plain.NextCounter(name) == ledger.NextCounter(name), where + ": counter " + name);
                            break;
                        }
                    }
                }
                var books = ledger.Snapshot();
                Assert.True(string.Join("\n", plain.Sales("SELECT * FROM sales ORDER BY id").Select(Text)) == string.Join("\n", books.Sales.Select(Text)), $"seed {seed}, ledger {life}: sales");
                var events = books.Events.Select(e => $"{e.Id} {e.AtMicros} {e.Kind} {e.Detail}").ToList();
                Assert.True(plain.Events().SequenceEqual(events), $"seed {seed}, ledger {life}: events ({events.Count}, bound {maxEvents})");
            }
            output.WriteLine($"seed {seed}: bound {maxEvents} events, same books");
        }
    }
}
