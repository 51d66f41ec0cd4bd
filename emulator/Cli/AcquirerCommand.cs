using System.CommandLine;
using System.Net;
using Microsoft.Data.Sqlite;
using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Core;

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
        var command = new Command("acquirer", "Run the acquirer simulator as a TCP server on loopback") { listen, db, seed, faults, config, seconds };
        command.SetAction((parse, cancel) => Run(parse.GetValue(listen)!, parse.GetValue(db)!, parse.GetValue(seed), parse.GetValue(faults)!, parse.GetValue(config), parse.GetValue(seconds), Console.Out, cancel));
        command.Subcommands.Add(CreateDump());
        return command;
    }

    /// <summary>Runs the server until cancelled or the time is up; returns the exit code.</summary>
    public static async Task<int> Run(string listen, string dbPath, ulong seed, string faultSpec, string? configPath, double seconds, TextWriter output, CancellationToken cancel)
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
        using var ledger = OpenLedger(dbPath, output);
        if (ledger == null)
        {
            return 2;
        }
        var host = new AcquirerHost(config, ledger, new SimRandom(seed));
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
