using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Firmware.Iso8583;

public class CupMessagesTests
{
    private readonly FieldTable _table = CupFieldTable.Create();
    private readonly CupMessages _builder = new(new CupDialect());
    private static readonly byte[] Code = "134567890123456789"u8.ToArray();

    [Fact]
    public void SaleCarriesTheFieldsPaymentsMdListsAndTheCodeInTheConfiguredField()
    {
        var msg = new Iso8583Message(_table);
        Assert.Equal(CodecStatus.Ok, _builder.Sale(msg, 123, 45, "12345678", "123456789012345", 1999, Code, 0, Code.Length));
        Assert.Equal(200, msg.MessageType);
        Assert.Equal("000000", msg.GetText(3));
        Assert.Equal("000000001999", msg.GetText(4));
        Assert.Equal("000123", msg.GetText(11));
        Assert.Equal("22000045000", msg.GetText(60));
        Assert.Equal("156", msg.GetText(49));
        Assert.Equal("134567890123456789", msg.GetText(57));
        Assert.True(CupMessages.TryGetBatch(msg, out long batch));
        Assert.Equal(45, batch);
        var fields = Enumerable.Range(2, 127).Where(msg.Has).ToArray();
        Assert.Equal(new[] { 3, 4, 11, 22, 25, 41, 42, 49, 57, 60 }, fields);
    }

    [Fact]
    public void PaymentCodeFieldIsConfigurable()
    {
        var table = CupFieldTable.Create();
        var builder = new CupMessages(new CupDialect { PaymentCodeField = 63 });
        var msg = new Iso8583Message(table);
        Assert.Equal(CodecStatus.Ok, builder.Sale(msg, 1, 1, "12345678", "123456789012345", 1, Code, 0, Code.Length));
        Assert.Equal("134567890123456789", msg.GetText(63));
        Assert.False(msg.Has(57));
    }

    [Fact]
    public void ReversalIsTheOriginalWithSameTraceReasonAndSensitiveFieldsCleared()
    {
        var sale = new Iso8583Message(_table);
        _builder.Sale(sale, 77, 3, "12345678", "123456789012345", 500, Code, 0, Code.Length);
        sale.SetText(35, "6212345678901234=2512");
        sale.Set(52, new byte[8], 0, 8);
        sale.SetText(37, "000000000123");
        sale.Set(64, new byte[8], 0, 8);
        var reversal = new Iso8583Message(_table);
        Assert.Equal(CodecStatus.Ok, _builder.Reversal(sale, "98", reversal));
        Assert.Equal(400, reversal.MessageType);
        Assert.Equal("000077", reversal.GetText(11));
        Assert.Equal("98", reversal.GetText(39));
        foreach (int removed in new[] { 35, 37, 52, 64 })
        {
            Assert.False(reversal.Has(removed), $"field {removed}");
        }
        foreach (int kept in new[] { 3, 4, 41, 42, 57, 60 })
        {
            Assert.True(sale.FieldEquals(kept, reversal), $"field {kept}");
        }
        Assert.Equal(200, sale.MessageType);
    }

    [Fact]
    public void ReversalCarriesTheOriginalAuthorisationCodeOnlyWhenOneIsKnown()
    {
        var sale = new Iso8583Message(_table);
        _builder.Sale(sale, 78, 3, "12345678", "123456789012345", 500, Code, 0, Code.Length);
        var reversal = new Iso8583Message(_table);
        Assert.Equal(CodecStatus.Ok, _builder.Reversal(sale, "06", "A1B2C3", reversal));
        Assert.Equal("A1B2C3", reversal.GetText(38));
        Assert.Equal(CodecStatus.Ok, _builder.Reversal(sale, "98", "", reversal));
        Assert.False(reversal.Has(38));
        Assert.Equal(CodecStatus.BadValue, _builder.Reversal(sale, "06", "A1B2", reversal));
    }

    [Fact]
    public void QuerySettlementAndBatchUploadCarryTheirReferences()
    {
        var msg = new Iso8583Message(_table);
        Assert.Equal(CodecStatus.Ok, _builder.Query(msg, 9, 3, "12345678", "123456789012345", 3, 77));
        Assert.Equal("310000", msg.GetText(3));
        Assert.Equal("000003000077", msg.GetText(61));
        Assert.Equal("01000003000", msg.GetText(60));

        Assert.Equal(CodecStatus.Ok, _builder.Settlement(msg, 10, 3, "12345678", "123456789012345", 150000, 12, 2000, 1));
        Assert.Equal(500, msg.MessageType);
        Assert.Equal("000000150000" + "012" + "000000002000" + "001" + "0" + new string('0', 31), msg.GetText(48));
        Assert.Equal("00000003201", msg.GetText(60));

        Assert.Equal(CodecStatus.Ok, _builder.BatchUploadEnd(msg, 11, 3, "12345678", "123456789012345", 12));
        Assert.Equal("0012", msg.GetText(48));
        Assert.Equal("00000003202", msg.GetText(60));
    }

    [Theory]
    [InlineData(0, 1, "12345678", "123456789012345", 1)]
    [InlineData(1_000_000, 1, "12345678", "123456789012345", 1)]
    [InlineData(1, 1_000_000, "12345678", "123456789012345", 1)]
    [InlineData(1, 1, "1234567", "123456789012345", 1)]
    [InlineData(1, 1, "12345678", "12345678901234", 1)]
    [InlineData(1, 1, "12345678", "123456789012345", 0)]
    [InlineData(1, 1, "12345678", "123456789012345", 1_000_000_000_000)]
    public void BuildersRejectArgumentsOutsideTheirFields(int trace, int batch, string tid, string mid, long amount)
    {
        var msg = new Iso8583Message(_table);
        Assert.Equal(CodecStatus.BadValue, _builder.Sale(msg, trace, batch, tid, mid, amount, Code, 0, Code.Length));
    }
}
