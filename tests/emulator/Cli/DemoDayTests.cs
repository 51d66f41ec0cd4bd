using System.Diagnostics;
using System.Net;
using PosFirmware.Emulator.Core;
using System.Text.Json;
using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Cli;
using PosFirmware.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Emulator.Cli;

/// <summary>
/// The default demo is a day in a shop through the real payment flow: every sale the acquirer's ledger
/// shows as charged has a receipt on the paper the firmware printed, and zbarimg reads that sale's
/// reference number back from the receipt's QR code.
/// </summary>
public class DemoDayTests
{
    private readonly ITestOutputHelper _output;

    public DemoDayTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_charged_sale_in_the_ledger_has_a_printed_receipt_whose_qr_holds_its_reference()
    {
        string dir = Directory.CreateTempSubdirectory("demo-day").FullName;
        var writer = new StringWriter();
        var wall = Stopwatch.StartNew();
        Assert.Equal(0, DemoCommand.Run(new DemoOptions(1, dir, 120, 1000), writer));
        wall.Stop();
        string output = writer.ToString();
        _output.WriteLine($"demo day: {wall.Elapsed.TotalSeconds:F2} wall s");

        // The day's story, as the firmware logged it.
        Assert.Contains("sign-in: working keys loaded", output);
        Assert.Matches("sale 000001/\\d{6}: reversal armed, reason 98", output);
        Assert.Matches("sale 000001/\\d{6} reversed \\(host 00\\)", output);
        Assert.Contains("customer confirms on the phone", output);
        Assert.Contains("reprint of", output);
        Assert.Contains("settlement of batch 1: balanced", output);
        string display = File.ReadAllText(Path.Combine(dir, "display.txt"));
        Assert.Contains("|PRINTER FAULT       |Paper out", display);

        // The ledger, read back through the dump command's JSON.
        var json = new StringWriter();
        Assert.Equal(0, AcquirerCommand.Dump(Path.Combine(dir, "acquirer.db"), json: true, json));
        using var doc = JsonDocument.Parse(json.ToString());
        var charged = new List<string>();
        using var ledger = new AcquirerLedger(Path.Combine(dir, "acquirer.db"));
        var snapshot = ledger.Snapshot();
        foreach (var sale in snapshot.Sales)
        {
            if (snapshot.NetDebitFen(sale.Id) > 0)
            {
                charged.Add(sale.Rrn);
            }
        }
        Assert.Equal(3, charged.Count);
        Assert.Equal(3, doc.RootElement.GetProperty("Sales").GetArrayLength() - 1); // and the reversed one

        // Read the paper back with an independent decoder.
        var pngs = Directory.GetFiles(Path.Combine(dir, "receipts"), "receipt-*.png").Order().ToArray();
        var printedRefs = new HashSet<string>();
        foreach (string png in pngs)
        {
            foreach (string symbol in Zbar.Decode(png))
            {
                if (symbol.StartsWith("QR-Code:POSREF:", StringComparison.Ordinal))
                {
                    printedRefs.Add(symbol["QR-Code:POSREF:".Length..].Split(';')[0]);
                }
            }
        }
        foreach (string rrn in charged)
        {
            Assert.Contains(rrn, printedRefs);
        }
        // And nothing printed as a sale that the host did not charge.
        Assert.Subset(charged.ToHashSet(), printedRefs);
        Assert.Contains("Sale Approved", File.ReadAllText(Path.Combine(dir, "journal.txt")));
    }

}

/// <summary>Paced to the wall clock against a real socket, so it runs alone rather than beside CPU-heavy tests.</summary>
[CollectionDefinition("Wall clock", DisableParallelization = true)]
public sealed class WallClockCollection
{
}

[Collection("Wall clock")]
public class DemoOverTcpTests
{
    [Fact]
    public async Task The_same_day_runs_against_an_acquirer_over_real_tcp()
    {
        string dir = Directory.CreateTempSubdirectory("demo-tcp").FullName;
        using var ledger = new AcquirerLedger(Path.Combine(Directory.CreateTempSubdirectory("tcp-acquirer").FullName, "ledger.db"));
        var host = new AcquirerHost(new AcquirerConfig(), ledger, new SimRandom(5));
        await using var server = new TcpAcquirerServer(host, new IPEndPoint(IPAddress.Loopback, 0));
        server.Start();
        var writer = new StringWriter();
        // Ten seconds of the day, paced to the wall clock: sign-in, the first sale, its two copies.
        Assert.Equal(0, DemoCommand.Run(new DemoOptions(1, dir, 10, 1000, Acquirer: $"127.0.0.1:{server.LocalEndpoint.Port}"), writer));
        string output = writer.ToString();
        Assert.Contains("over TCP", output);
        Assert.Contains("sign-in: working keys loaded", output);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(output, "sale 000001/000002 approved, ref \\d{12}"), output);
        var sale = host.Snapshot().Sales.Single();
        Assert.Equal(1234, sale.AmountFen);
        Assert.Equal(SaleRecord.Paid, sale.State);
        Assert.Contains("QR-Code:POSREF:" + sale.Rrn + ";", Zbar.Decode(Path.Combine(dir, "receipts", "receipt-01.png"))[0]);
    }
}
