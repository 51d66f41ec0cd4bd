using System.Net;
using System.Net.Sockets;
using PosFirmware.Emulator.Cli;
using PosFirmware.Tests.Emulator.Acquirer;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

public class AcquirerCommandTests
{
    [Fact]
    public async Task ListenServesSignInAndDumpPrintsTheLedgerWithoutKeys()
    {
        string folder = Path.Combine(Path.GetTempPath(), "posemu-acq-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string db = Path.Combine(folder, "ledger.db");
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var output = new StringWriter();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = AcquirerCommand.Run($"127.0.0.1:{port}", db, 5, "", null, 0, TextWriter.Synchronized(output), cancel.Token);
        await WaitFor(() => output.ToString().Contains("listening on"), TimeSpan.FromSeconds(5));
        using (var client = new RawTcpClient(new IPEndPoint(IPAddress.Loopback, port)))
        {
            client.Send(RawMessages.SignIn(1));
            var response = TcpAcquirerHarness.Parse(client.ReceiveFrame(TimeSpan.FromSeconds(3)));
            Assert.Equal("00", response.GetText(39));
        }
        cancel.Cancel();
        Assert.Equal(0, await run);
        Assert.StartsWith("seed=5", output.ToString());

        var dump = new StringWriter();
        Assert.Equal(0, AcquirerCommand.Dump(db, json: false, dump));
        Assert.Contains("terminals signed in: " + RawMessages.Mid + "/" + RawMessages.Tid, dump.ToString());
        Assert.Contains("0800 sign-in", dump.ToString());
        var json = new StringWriter();
        Assert.Equal(0, AcquirerCommand.Dump(db, json: true, json));
        Assert.Contains("\"SignedInTerminals\"", json.ToString());
        Assert.DoesNotContain("mac_key", json.ToString());
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("0.0.0.0:5000", "loopback")]
    [InlineData("localhost", "address:port")]
    public async Task ListenRefusesNonLoopbackAndMalformedAddresses(string listen, string mentions)
    {
        var output = new StringWriter();
        Assert.Equal(2, await AcquirerCommand.Run(listen, "unused.db", 1, "", null, 0.1, output, CancellationToken.None));
        Assert.Contains(mentions, output.ToString());
    }

    [Fact]
    public async Task BadFaultSpecAndBadConfigAreClearErrors()
    {
        var output = new StringWriter();
        string db = Path.Combine(Path.GetTempPath(), "posemu-acq-" + Guid.NewGuid().ToString("N") + ".db");
        Assert.Equal(2, await AcquirerCommand.Run("127.0.0.1:0", db, 1, "explode=1", null, 0.1, output, CancellationToken.None));
        Assert.Contains("unknown fault", output.ToString());
        string config = Path.GetTempFileName();
        await File.WriteAllTextAsync(config, "mac-scheme: rot13");
        output = new StringWriter();
        Assert.Equal(2, await AcquirerCommand.Run("127.0.0.1:0", db, 1, "", config, 0.1, output, CancellationToken.None));
        Assert.Contains("mac-scheme", output.ToString());
        File.Delete(config);
        File.Delete(db);
        Assert.Equal(2, AcquirerCommand.Dump(db, false, new StringWriter()));
    }

    [Fact]
    public async Task A_file_that_is_not_a_ledger_is_a_clear_error_for_listen_and_dump()
    {
        string notLedger = Path.GetTempFileName();
        await File.WriteAllTextAsync(notLedger, "this is not an SQLite database, just some text that fills a page header");
        var output = new StringWriter();
        Assert.Equal(2, await AcquirerCommand.Run("127.0.0.1:0", notLedger, 1, "", null, 0.1, output, CancellationToken.None));
        Assert.Contains("error: cannot open ledger", output.ToString());
        var dump = new StringWriter();
        Assert.Equal(2, AcquirerCommand.Dump(notLedger, false, dump));
        Assert.Contains("error: cannot open ledger", dump.ToString());
        File.Delete(notLedger);
        output = new StringWriter();
        string unreachable = Path.Combine(notLedger + ".missing-folder", "ledger.db");
        Assert.Equal(2, await AcquirerCommand.Run("127.0.0.1:0", unreachable, 1, "", null, 0.1, output, CancellationToken.None));
        Assert.Contains("error: cannot open ledger", output.ToString());
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(1e20)]
    public async Task A_run_time_that_is_negative_not_a_number_or_too_long_is_refused(double seconds)
    {
        var output = new StringWriter();
        Assert.Equal(2, await AcquirerCommand.Run("127.0.0.1:0", ":memory:", 1, "", null, seconds, output, CancellationToken.None));
        Assert.Contains("error: --seconds", output.ToString());
    }

    [Fact]
    public async Task A_config_path_that_is_a_folder_is_a_clear_error()
    {
        var output = new StringWriter();
        Assert.Equal(2, await AcquirerCommand.Run("127.0.0.1:0", ":memory:", 1, "", Path.GetTempPath(), 0.1, output, CancellationToken.None));
        Assert.Contains("error: cannot read config", output.ToString());
    }

    [Theory]
    [InlineData("late=NaN")]
    [InlineData("late=-0.5")]
    [InlineData("late=")]
    [InlineData("late=0.1=0.2")]
    public async Task A_fault_probability_outside_0_to_1_or_not_a_number_is_refused(string spec)
    {
        var output = new StringWriter();
        Assert.Equal(2, await AcquirerCommand.Run("127.0.0.1:0", ":memory:", 1, spec, null, 0.1, output, CancellationToken.None));
        Assert.Contains("needs a probability in [0, 1]", output.ToString());
    }

    private static async Task WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task LoadReportsSalesPerSecondAndLatencyPercentilesAgainstARunningSimulator()
    {
        await using var h = new TcpAcquirerHarness();
        var output = new StringWriter();
        Assert.Equal(0, await AcquirerCommand.Load(h.Server.LocalEndpoint.ToString(), 4, 1.0, 42, output, CancellationToken.None));
        string text = output.ToString();
        Assert.Contains("4 connections, 1 s, batch 000042", text);
        Assert.Matches(@"sales (\d+) \(approved \1\) in [\d.]+ s: \d+ sales/s", text);
        Assert.Matches(@"latency ms: p50 [\d.]+  p90 [\d.]+  p99 [\d.]+  max [\d.]+", text);
        var snapshot = h.Host.Snapshot();
        Assert.Equal(4, snapshot.SignedInTerminals.Count);
        Assert.All(snapshot.Sales, sale => Assert.Equal(42, sale.Batch));
        Assert.True(snapshot.Sales.Count > 4);
    }

    [Theory]
    [InlineData("10.0.0.1:5000", 4, 1.0, "loopback")]
    [InlineData("127.0.0.1", 4, 1.0, "address:port")]
    [InlineData("127.0.0.1:5000", 0, 1.0, "--connections must be 1..512")]
    [InlineData("127.0.0.1:5000", 513, 1.0, "--connections")]
    [InlineData("127.0.0.1:5000", 4, 0.0, "--seconds")]
    [InlineData("127.0.0.1:5000", 4, 601.0, "--seconds")]
    public async Task LoadIsBoundedAndLoopbackOnly(string target, int connections, double seconds, string mentions)
    {
        var output = new StringWriter();
        Assert.Equal(2, await AcquirerCommand.Load(target, connections, seconds, 0, output, CancellationToken.None));
        Assert.Contains(mentions, output.ToString());
    }

    [Fact]
    public void FillAddsPaidSalesToALedgerInOneGo()
    {
        string folder = Path.Combine(Path.GetTempPath(), "posemu-acq-fill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string db = Path.Combine(folder, "ledger.db");
        var output = new StringWriter();
        Assert.Equal(0, AcquirerCommand.Fill(db, 2500, output));
        Assert.Equal(0, AcquirerCommand.Fill(db, 500, output));
        Assert.Contains("the ledger holds 3000 sales", output.ToString());
        using (var ledger = new PosFirmware.Emulator.Acquirer.AcquirerLedger(db))
        {
            var snapshot = ledger.Snapshot();
            Assert.Equal(3000, snapshot.Sales.Select(s => (s.TerminalId, s.Trace)).Distinct().Count());
            Assert.Equal(3000, snapshot.Entries.Count(e => e.Kind == PosFirmware.Emulator.Acquirer.AcquirerLedger.Debit));
        }
        Assert.Equal(2, AcquirerCommand.Fill(db, 0, output));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ListenRefusesAFieldTableTheSimulatorCannotWorkWith()
    {
        string file = Path.Combine(Path.GetTempPath(), "posemu-fields-" + Guid.NewGuid().ToString("N") + ".fields");
        File.WriteAllText(file, "4 = n 12 amount\n57 = ans...LLL 100 sensitive code\n");
        try
        {
            var output = new StringWriter();
            Assert.Equal(2, await AcquirerCommand.Run("127.0.0.1:0", "unused.db", 1, "", null, 0.1, file, output, CancellationToken.None));
            Assert.Contains("the field table lacks field 3", output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
