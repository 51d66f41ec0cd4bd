using System.Text;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Drivers.Scanner;

/// <summary>The engine's code-type ID: with it on, a line the decoder did not make is refused, and the ID never reaches the code.</summary>
public class CodeIdTests
{
    [Fact]
    public void The_engine_prefixes_its_id_and_the_driver_removes_it()
    {
        var bench = new ScannerBench("gm65-codeid.profile");
        Assert.Equal(new byte[] { (byte)'Q' }, bench.Profile.CodeIds);
        bench.Model.Present(ScanItem.Of(ScannerBench.UnionPay));
        bench.Driver.StartScan();
        Assert.Equal(ScanStatus.CodeRead, bench.ScanToEnd()[^1]);
        Assert.Equal(ScannerBench.UnionPay, bench.Driver.CodeText());
        Assert.Equal((byte)'Q', bench.Model.Sent[^1].Bytes[0]);
    }

    [Theory]
    [InlineData("gm65-codeid.profile", ScanStatus.Refused)]
    [InlineData("gm65.profile", ScanStatus.CodeRead)]
    public void Digits_on_the_wire_without_the_id_are_refused_only_when_the_profile_asks_for_it(string profile, ScanStatus expected)
    {
        // Line noise that happens to be a well-formed UnionPay code, as bytes the decoder never sent.
        var bench = new ScannerBench(profile);
        bench.Model.Present(ScanItem.Raw(Encoding.ASCII.GetBytes(ScannerBench.UnionPay + "\r")));
        bench.Driver.StartScan();
        Assert.Equal(expected, bench.PollForOutcome());
        if (expected == ScanStatus.Refused)
        {
            Assert.Equal(ScanMessages.NotPaymentCode, bench.Driver.LastMessage);
        }
    }

    [Theory]
    [InlineData("codeIds = 0D", "each code-type ID must be a printable character")]
    [InlineData("codeIds = 51 52 53 54 55 56 57 58 59", "must be 1 to 8 bytes")]
    public void A_bad_code_id_list_is_refused(string line, string expected)
    {
        var reader = ScannerProfileFile.CreateReader(new ScannerConfig());
        byte[] text = Encoding.ASCII.GetBytes("mode = continuous\n" + line + "\n");
        Assert.False(ScannerProfileFile.TryParse(reader, text, 0, text.Length, out _));
        Assert.Equal("line 2, key codeIds: " + expected, reader.Message);
    }
}
