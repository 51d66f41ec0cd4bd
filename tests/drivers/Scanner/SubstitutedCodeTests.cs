using System.Text;
using PosFirmware.Crypto;
using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Iso8583;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Drivers.Scanner;

/// <summary>
/// A digit changed on the wire inside one transmission (8N1 has no parity) turns the customer's payment
/// code into another well-formed one. The scanner cannot see that; the host can: the wallet never issued
/// the code, so it declines the sale and nothing is debited.
/// </summary>
public class SubstitutedCodeTests
{
    private const string Presented = ScannerBench.WeChat;
    private const string MasterKeyHex = "0123456789ABCDEFFEDCBA9876543210";
    private const string Tid = "TERM0001";
    private const string Mid = "898310048990001";
    private const long TimeoutMicros = 30_000_000;

    private static string Substitute(string code, int position, char digit) => code[..position] + digit + code[(position + 1)..];

    [Fact]
    public void The_scanner_reads_a_code_with_one_digit_changed_on_the_wire_as_a_valid_code()
    {
        var bench = new ScannerBench();
        string substituted = Substitute(Presented, 7, Presented[7] == '5' ? '6' : '5');
        bench.Model.Present(ScanItem.Raw(Encoding.ASCII.GetBytes(substituted + "\r")));
        bench.Driver.StartScan();
        Assert.Equal(ScanStatus.CodeRead, bench.ScanToEnd()[^1]);
        Assert.Equal(substituted, bench.Driver.CodeText());
        Assert.NotEqual(Presented, bench.Driver.CodeText());
    }

    [Theory]
    [InlineData(100_000, false)]
    [InlineData(10_000_000, true)]
    public void A_line_spliced_from_the_start_of_one_read_and_the_next_read_is_caught_by_the_gap_between_them(long partialLineTimeoutMicros, bool spliced)
    {
        // An engine in continuous mode sends "28" and then, a decode time (150 ms) later, a whole Alipay code:
        // "28" + code is Alipay-shaped too. Only the gap gives the splice away, and only a partial-line
        // timeout shorter than the gap sees it.
        var bench = new ScannerBench("continuous.profile", new ScannerConfig { PartialLineTimeoutMicros = partialLineTimeoutMicros });
        bench.Model.Present(ScanItem.Truncated(ScannerBench.Alipay, 2));
        bench.Model.PresentAt(bench.Board.Clock.NowNanos + bench.Model.DecodeDelayNanos, ScanItem.Of(ScannerBench.Alipay));
        bench.Driver.StartScan();
        Assert.Equal(ScanStatus.CodeRead, bench.ScanToEnd()[^1]);
        Assert.Equal(spliced ? "28" + ScannerBench.Alipay : ScannerBench.Alipay, bench.Driver.CodeText());
    }

    [Fact]
    public void The_host_declines_a_code_the_wallet_never_issued_and_debits_nothing()
    {
        // The wallet issued one code: the simulator pays that code and
        // declines any other (14, invalid number).
        var config = new AcquirerConfig
        {
            Rules = new List<SaleRule>
            {
                new() { CodePrefix = Presented, ResponseCode = "00" },
                new() { CodePrefix = "", ResponseCode = "14" },
            },
        };
        var terminal = new VirtualTerminal(3);
        var acquirer = VirtualAcquirer.Attach(terminal, config);
        var table = CupFieldTable.Create();
        var channel = new Iso8583Channel(terminal.Hardware.Network, terminal.Board.Clock, new FrameFormat(), new Iso8583Codec(table), 2048);
        var request = new Iso8583Message(table);
        var response = new Iso8583Message(table);
        var builder = new CupMessages(new CupDialect());
        var master = new TripleDes();
        master.SetKey(Convert.FromHexString(MasterKeyHex), 0, 16);
        var keys = new WorkingKeys(16, 8, 4, MacScheme.CupEcb);
        Assert.True(terminal.Hardware.Network.Connect(5_000_000));
        Assert.Equal(CodecStatus.Ok, builder.SignIn(request, 1, 1, Tid, Mid));
        Assert.Equal(CodecStatus.Ok, channel.Send(request, null));
        Assert.Equal(CodecStatus.Ok, channel.Receive(response, null, TimeoutMicros));
        Assert.Equal(KeyLoadStatus.Ok, keys.Load(master, response.ValueBuffer(62), 0, response.Length(62)));

        string Sale(int trace, string code)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(code);
            Assert.Equal(CodecStatus.Ok, builder.Sale(request, trace, 1, Tid, Mid, 12_34, bytes, 0, bytes.Length));
            Assert.Equal(CodecStatus.Ok, channel.Send(request, keys.Mac));
            Assert.Equal(CodecStatus.Ok, channel.Receive(response, keys.Mac, TimeoutMicros));
            return response.GetText(39);
        }

        Assert.Equal("14", Sale(2, Substitute(Presented, 7, Presented[7] == '5' ? '6' : '5')));
        Assert.Equal("14", Sale(3, Presented[..^1]));
        var declined = acquirer.Host.Ledger.Snapshot();
        Assert.Equal(2, declined.Sales.Count);
        Assert.All(declined.Sales, s => Assert.Equal(0, declined.DebitCount(s.Id)));
        // The rules do approve the code the wallet issued, so the declines above are about the code alone.
        Assert.Equal("00", Sale(4, Presented));
        var after = acquirer.Host.Ledger.Snapshot();
        Assert.Equal(12_34, after.Sales.Sum(s => after.NetDebitFen(s.Id)));
    }
}
