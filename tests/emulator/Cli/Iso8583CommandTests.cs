using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Iso8583;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

public class Iso8583CommandTests
{
    private static (int Code, string Output) Capture(Func<TextWriter, int> run)
    {
        var output = new StringWriter();
        int code = run(output);
        return (code, output.ToString());
    }

    [Fact]
    public void MacPrintsThePublicCupVectorAndOnlyTheMac()
    {
        var (code, output) = Capture(o => Iso8583Command.Mac("cup-ecb", "2222222222222222", "1234567890ABCDEFABCDEF1234567890", o));
        Assert.Equal(0, code);
        Assert.Equal("E267B6E2", output.Trim());
    }

    [Fact]
    public void MacX919PrintsEightBytesAsHex()
    {
        // ISO 9797-1 algorithm 3 / X9.19 over "Now is the time for all " with key 0123456789ABCDEF FEDCBA9876543210.
        var (code, output) = Capture(o => Iso8583Command.Mac("x919", "0123456789ABCDEFFEDCBA9876543210", "4E6F77206973207468652074696D6520666F7220616C6C20", o));
        Assert.Equal(0, code);
        Assert.Equal("A1C72E74EA3FA9B6", output.Trim());
    }

    [Theory]
    [InlineData("des", "2222222222222222", "00", "--scheme")]
    [InlineData("cup-ecb", "22ZZ", "00", "--key is not hex")]
    [InlineData("cup-ecb", "2222222222", "00", "5-byte key")]
    [InlineData("x919", "2222222222222222", "0G", "--data is not hex")]
    public void MacErrorsAreClearAndNeverEchoTheKey(string scheme, string key, string data, string mentions)
    {
        var (code, output) = Capture(o => Iso8583Command.Mac(scheme, key, data, o));
        Assert.Equal(2, code);
        Assert.Contains(mentions, output);
        Assert.DoesNotContain(key, output);
    }

    [Theory]
    [InlineData("frame")]
    [InlineData("envelope")]
    [InlineData("body")]
    public void DecodeReadsEachLayoutAndMasksThePaymentCode(string layout)
    {
        var table = CupFieldTable.Create();
        var sale = SampleMessages.All(table)[1];
        var format = new FrameFormat();
        var frame = new byte[sale.Length + 13];
        sale.CopyTo(frame, 13);
        Assert.True(Iso8583Frame.TryWrap(format, frame, 0, sale.Length, 3, 0, out _));
        byte[] input = layout switch { "frame" => frame, "envelope" => frame[2..], _ => sale };
        foreach (string given in new[] { layout, "auto" })
        {
            var (code, output) = Capture(o => Iso8583Command.Decode(Convert.ToHexString(input), given, 6, o));
            Assert.Equal(0, code);
            Assert.Contains("MTI: 0200", output);
            Assert.Contains("F4   n         len  12  \"000000012345\"", output);
            Assert.Contains("1345**********6789 [masked]", output);
            Assert.DoesNotContain("134567890123456789", output);
            Assert.Equal(layout != "body", output.Contains("TPDU: id 60"));
        }
    }

    [Fact]
    public void DecodeOfAMalformedMessageSaysWhereAndExitsNonZero()
    {
        var (code, output) = Capture(o => Iso8583Command.Decode("0200 4000000000000000 20 1234", "body", 6, o));
        Assert.Equal(1, code);
        Assert.Contains("bad length prefix in field 2", output);
        Assert.Equal(2, Capture(o => Iso8583Command.Decode("XYZ", "auto", 6, o)).Code);
        Assert.Equal(2, Capture(o => Iso8583Command.Decode("00", "sideways", 6, o)).Code);
    }

    [Fact]
    public void DecodeMasksKeyMaterialInField62()
    {
        var table = CupFieldTable.Create();
        var signInResponse = SampleMessages.All(table)[^1];
        var (code, output) = Capture(o => Iso8583Command.Decode(Convert.ToHexString(signInResponse), "body", 6, o));
        Assert.Equal(0, code);
        Assert.Contains("[40 bytes masked]", output);
        Assert.Contains("6212*************2512 [masked]", output);
    }

    [Fact]
    public void DecodeWithAnotherFieldTableReadsAFieldTheShippedOneLacksAndWithoutItSaysHowToDefineIt()
    {
        // 0200 with F3 and F47 (ans...LLL "HELLO"): the CUP POS table has no field 47.
        string hex = "0200" + "2000000000020000" + "000000" + "0005" + Convert.ToHexString("HELLO"u8.ToArray());
        var (code, output) = Capture(o => Iso8583Command.Decode(hex, "body", 6, o));
        Assert.Equal(1, code);
        Assert.Contains("bitmap names a field the field table does not define in field 47", output);
        Assert.Contains("47 = ans...LLL 999", output);
        Assert.Contains("--fields FILE", output);

        string file = Path.Combine(Path.GetTempPath(), "posemu-fields-" + Guid.NewGuid().ToString("N") + ".fields");
        try
        {
            File.WriteAllText(file, File.ReadAllText(Path.Combine(PosFirmware.Tests.TestSupport.GoldenImage.RepositoryRoot(), "firmware", "Iso8583", "Tables", "cup-pos.fields")) + "47 = ans...LLL 999 acquirer private data\n");
            (code, output) = Capture(o => Iso8583Command.Decode(hex, "body", 6, file, o));
            Assert.Equal(0, code);
            Assert.Contains("F47  ans...LLL len   5  \"HELLO\"  (acquirer private data)", output);
            File.WriteAllText(file, "47 = ans...LLL 1000 too long\n");
            (code, output) = Capture(o => Iso8583Command.Decode(hex, "body", 6, file, o));
            Assert.Equal(2, code);
            Assert.Contains("line 1, key 47: field 47: length '1000' must be 1..999", output);
        }
        finally
        {
            File.Delete(file);
        }
        (code, output) = Capture(o => Iso8583Command.Decode(hex, "body", 6, "/no/such/table.fields", o));
        Assert.Equal(2, code);
        Assert.Contains("no field table at /no/such/table.fields", output);
    }

    [Fact]
    public void FuzzCommandPrintsSeedAndCounts()
    {
        var (code, output) = Capture(o => Iso8583Command.Fuzz(0.3, 9, o));
        Assert.Equal(0, code);
        Assert.StartsWith("seed=9", output);
        Assert.Contains("iterations=", output);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(1e9)]
    public void FuzzRefusesARunTimeOutsideItsBounds(double seconds)
    {
        var (code, output) = Capture(o => Iso8583Command.Fuzz(seconds, 1, o));
        Assert.Equal(2, code);
        Assert.Contains("error: --seconds", output);
    }
}
