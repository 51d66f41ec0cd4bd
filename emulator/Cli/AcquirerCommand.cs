using System.CommandLine;
using System.Net;
using Microsoft.Data.Sqlite;
using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Iso8583;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Cli;

/// <summary>
/// `posemu acquirer --listen 127.0.0.1:PORT`: the acquirer simulator as a TCP server on loopback, with its
/// ledger in SQLite; `posemu acquirer dump --db FILE` prints the ledger (never keys).
/// </summary>
public static class AcquirerCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "loopback address:port to listen on (port 0 picks one)", Required = true };
        var db = new Option<string>("--db") { Description = "SQLite ledger file", DefaultValueFactory = _ => "acquirer.db" };
        var seed = new Option<ulong>("--seed") { Description = "seed for keys and faults", DefaultValueFactory = _ => 1 };
        var faults = new Option<string>("--faults") { Description = "fault probabilities, e.g. drop-response=0.1,late=0.05 (" + string.Join(", ", AcquirerFaults.Names) + ")", DefaultValueFactory = _ => "" };
        var config = new Option<string?>("--config") { Description = "YAML or JSON config (rules, codes, framing)" };
        var seconds = new Option<double>("--seconds") { Description = "stop after this many seconds (0: run until Ctrl+C)", DefaultValueFactory = _ => 0 };
        var fields = new Option<string?>("--fields") { Description = "field-table file (default: the shipped " + FieldTables.DefaultFile + ")" };
        var command = new Command("acquirer", "Run the acquirer simulator as a TCP server on loopback") { listen, db, seed, faults, config, seconds, fields };
        command.SetAction((parse, cancel) => Run(parse.GetValue(listen)!, parse.GetValue(db)!, parse.GetValue(seed), parse.GetValue(faults)!, parse.GetValue(config), parse.GetValue(seconds), parse.GetValue(fields), Console.Out, cancel));
        command.Subcommands.Add(CreateDump());
        command.Subcommands.Add(CreateLoad());
        command.Subcommands.Add(CreateFill());
        return command;
    }

    /// <summary>Runs the server with the shipped field table until cancelled or the time is up; returns the exit code.</summary>
    public static Task<int> Run(string listen, string dbPath, ulong seed, string faultSpec, string? configPath, double seconds, TextWriter output, CancellationToken cancel) =>
        Run(listen, dbPath, seed, faultSpec, configPath, seconds, null, output, cancel);

    /// <summary>Runs the server until cancelled or the time is up; returns the exit code.</summary>
    public static async Task<int> Run(string listen, string dbPath, ulong seed, string faultSpec, string? configPath, double seconds, string? fieldsPath, TextWriter output, CancellationToken cancel)
    {
        output.WriteLine($"seed={seed}");
        if (!IPEndPoint.TryParse(listen, out var endpoint) || endpoint.Port is < 0 or > 65535)
        {
            output.WriteLine("error: --listen must be address:port, e.g. 127.0.0.1:5000");
            return 2;
        }
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            output.WriteLine("error: the simulator listens on loopback addresses only");
            return 2;
        }
        if (!(seconds >= 0 && seconds <= MaxRunSeconds))
        {
            output.WriteLine($"error: --seconds must be 0 (run until Ctrl+C) up to {MaxRunSeconds}");
            return 2;
        }
        AcquirerConfig config;
        try
        {
            config = configPath == null ? new AcquirerConfig() : AcquirerConfig.Load(configPath);
        }
        catch (AcquirerConfigException e)
        {
            output.WriteLine("error: " + e.Message);
            return 2;
        }
        var table = FieldTables.Load(fieldsPath, out string? tableError);
        if (table == null)
        {
            output.WriteLine("error: " + tableError);
            return 2;
        }
        try
        {
            config.Validate(table);
        }
        catch (AcquirerConfigException e)
        {
            output.WriteLine("error: " + e.Message);
            return 2;
        }
        using var ledger = OpenLedger(dbPath, output);
        if (ledger == null)
        {
            return 2;
        }
        var host = new AcquirerHost(config, ledger, new SimRandom(seed), table);
        string? faultError = host.Faults.Configure(faultSpec);
        if (faultError != null)
        {
            output.WriteLine("error: " + faultError);
            return 2;
        }
        await using var server = new TcpAcquirerServer(host, endpoint);
        try
        {
            server.Start();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            output.WriteLine($"error: cannot listen on {endpoint}: {e.Message}");
            return 1;
        }
        output.WriteLine($"listening on {server.LocalEndpoint}, ledger {dbPath}");
        output.Flush();
        try
        {
            await Task.Delay(seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan, cancel);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }
        output.WriteLine($"stopped after {host.FramesHandled} frames");
        return 0;
    }

    /// <summary>The longest --seconds accepted (a year; TimeSpan and Task.Delay take far more).</summary>
    public const double MaxRunSeconds = 365 * 24 * 3600;

    /// <summary>Opens the ledger, or says why it cannot be opened (not a database, folder missing) and returns null.</summary>
    private static AcquirerLedger? OpenLedger(string dbPath, TextWriter output)
    {
        try
        {
            return new AcquirerLedger(dbPath);
        }
        catch (SqliteException e)
        {
            output.WriteLine($"error: cannot open ledger {dbPath}: {e.Message}");
            return null;
        }
    }

    private static Command CreateLoad()
    {
        var target = new Option<string>("--target") { Description = "the simulator's loopback address:port", Required = true };
        var connections = new Option<int>("--connections") { Description = $"terminals, one connection each (1..{AcquirerLoadOptions.MaxConnections})", DefaultValueFactory = _ => 8 };
        var seconds = new Option<double>("--seconds") { Description = $"how long to send sales (at most {AcquirerLoadOptions.MaxSeconds})", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "F60.2 of the sales (default: from the clock, so every run's sales are new)", DefaultValueFactory = _ => 0 };
        var fields = new Option<string?>("--fields") { Description = "field-table file (default: the shipped " + FieldTables.DefaultFile + ")" };
        var command = new Command("load", "Drive a running simulator with many terminals; report sales per second and latency percentiles") { target, connections, seconds, batch, fields };
        command.SetAction((parse, cancel) => Load(parse.GetValue(target)!, parse.GetValue(connections), parse.GetValue(seconds), parse.GetValue(batch), parse.GetValue(fields), Console.Out, cancel));
        return command;
    }

    /// <summary>Runs a load with the shipped field table; returns the exit code (1 when any sale failed).</summary>
    public static Task<int> Load(string target, int connections, double seconds, int batch, TextWriter output, CancellationToken cancel) =>
        Load(target, connections, seconds, batch, null, output, cancel);

    /// <summary>Runs a load against a simulator; returns the exit code (1 when any sale failed).</summary>
    public static async Task<int> Load(string target, int connections, double seconds, int batch, string? fieldsPath, TextWriter output, CancellationToken cancel)
    {
        if (!IPEndPoint.TryParse(target, out var endpoint) || endpoint.Port is < 1 or > 65535)
        {
            output.WriteLine("error: --target must be address:port, e.g. 127.0.0.1:5000");
            return 2;
        }
        // A fresh batch per run, so every sale is new to the ledger rather than a repeat it answers from memory.
        int runBatch = batch != 0 ? batch : (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % CupMessages.MaxBatch) + 1;
        var table = FieldTables.Load(fieldsPath, out string? tableError);
        if (table == null)
        {
            output.WriteLine("error: " + tableError);
            return 2;
        }
        var options = new AcquirerLoadOptions { Target = endpoint, Connections = connections, Seconds = seconds, Batch = runBatch, Table = table };
        string? error = options.Check();
        if (error != null)
        {
            output.WriteLine("error: " + error);
            return 2;
        }
        output.WriteLine($"target {endpoint}, {connections} connections, {seconds} s, batch {runBatch:D6}");
        var result = await AcquirerLoad.Run(options, cancel);
        output.WriteLine($"sales {result.Sales} (approved {result.Approved}) in {result.ElapsedSeconds:F1} s: {result.SalesPerSecond:F0} sales/s");
        output.WriteLine($"latency ms: p50 {result.Percentile(0.50):F2}  p90 {result.Percentile(0.90):F2}  p99 {result.Percentile(0.99):F2}  max {result.Percentile(1):F2}");
        foreach (var (kind, count) in result.Other)
        {
            output.WriteLine($"  {kind}: {count}");
        }
        return result.Sales > 0 && result.Other.Count == 0 ? 0 : 1;
    }

    /// <summary>Most filler sales one fill adds.</summary>
    public const int MaxFillSales = 10_000_000;

    private static Command CreateFill()
    {
        var db = new Option<string>("--db") { Description = "SQLite ledger file", Required = true };
        var sales = new Option<int>("--sales") { Description = $"paid sales to add (1..{MaxFillSales})", Required = true };
        var command = new Command("fill", "Add paid filler sales to a ledger in one transaction (to measure a big ledger)") { db, sales };
        command.SetAction(parse => Fill(parse.GetValue(db)!, parse.GetValue(sales), Console.Out));
        return command;
    }

    /// <summary>Adds filler sales; returns the exit code.</summary>
    public static int Fill(string dbPath, int sales, TextWriter output)
    {
        if (sales is < 1 or > MaxFillSales)
        {
            output.WriteLine($"error: --sales must be 1..{MaxFillSales}");
            return 2;
        }
        using var ledger = OpenLedger(dbPath, output);
        if (ledger == null)
        {
            return 2;
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ledger.AddFillerSales(sales, TcpAcquirerServer.NowMicros());
        output.WriteLine($"added {sales} paid sales in {watch.Elapsed.TotalSeconds:F1} s; the ledger holds {ledger.SaleCount()} sales");
        return 0;
    }

    private static Command CreateDump()
    {
        var db = new Option<string>("--db") { Description = "SQLite ledger file", Required = true };
        var json = new Option<bool>("--json") { Description = "print JSON instead of text" };
        var command = new Command("dump", "Print the ledger: sales, debits/credits, settlements, uploads, events (never keys)") { db, json };
        command.SetAction(parse => Dump(parse.GetValue(db)!, parse.GetValue(json), Console.Out));
        return command;
    }

    /// <summary>Prints a ledger; returns the exit code.</summary>
    public static int Dump(string dbPath, bool json, TextWriter output)
    {
        if (!File.Exists(dbPath))
        {
            output.WriteLine($"error: no ledger at {dbPath}");
            return 2;
        }
        if (!LedgerFile.IsLedger(dbPath, out string why))
        {
            output.WriteLine($"error: cannot open ledger {dbPath}: {why}; nothing was written to it");
            return 2;
        }
        using var ledger = OpenLedger(dbPath, output);
        if (ledger == null)
        {
            return 2;
        }
        output.Write(json ? ledger.DumpJson() + Environment.NewLine : ledger.DumpText());
        return 0;
    }
}
