using PosFirmware.Emulator.Acquirer;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// Every malformed frame gets an answer at once: its response type with F39 30 when the envelope and the
/// message type can be read, otherwise a request to close the connection. Nothing is debited, and the
/// event log keeps the reason.
/// </summary>
public class AcquirerHostMalformedFrameTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static Iso8583Message AssertFormatError(SignedInHost h, byte[] frame, int expectedType, string reason)
    {
        var answer = SignedInHost.Parse(h.Single(frame), null);
        Assert.Equal(expectedType, answer.MessageType);
        Assert.Equal("30", answer.GetText(39));
        Assert.False(answer.Has(64));
        Assert.Empty(h.Snapshot.Sales);
        Assert.Contains(h.Snapshot.Events, e => e.Kind == "rejected" && e.Detail.Contains(reason, StringComparison.Ordinal));
        return answer;
    }

    private static void AssertClosed(SignedInHost h, byte[] frame, string reason)
    {
        var reply = h.Send(frame);
        Assert.True(reply.Close);
        Assert.Empty(reply.Sends);
        Assert.Contains(h.Snapshot.Events, e => e.Kind == "rejected" && e.Detail.Contains(reason, StringComparison.Ordinal) && e.Detail.Contains("connection closed", StringComparison.Ordinal));
    }

    [Fact]
    public void AFrameOfHeaderAndMessageTypeOnly()
    {
        using var h = new SignedInHost();
        Assert.False(AssertFormatError(h, RawMessages.Frame(Hex("0200")), 210, "message ends early").Has(11));
    }

    [Fact]
    public void ANonBcdDigitInTheAmount()
    {
        using var h = new SignedInHost();
        var fields = RawMessages.SaleFields(2, 100, "134567890123456789");
        fields[4] = Hex("0000000001A0");
        // Field 4 comes before field 11: no trace can be read for the answer.
        Assert.False(AssertFormatError(h, RawMessages.Signed("0200", fields, h.Mak), 210, "non-decimal nibble in field 4").Has(11));
    }

    [Theory]
    [InlineData("0A0A")]
    [InlineData("F200")]
    public void AMessageTypeThatIsNotBcdClosesTheConnection(string mti)
    {
        using var h = new SignedInHost();
        AssertClosed(h, RawMessages.Frame(Hex(mti + "2000000000000000 000000")), "not 4 BCD digits");
    }

    [Fact]
    public void AMessageTypeTheHostDoesNotHandle()
    {
        using var h = new SignedInHost();
        AssertFormatError(h, RawMessages.Signed("0900", RawMessages.SaleFields(2, 100, "134567890123456789"), h.Mak), 910, "not a request this host handles");
    }

    [Fact]
    public void AResponseSentToTheHostIsAnsweredWithItsOwnType()
    {
        using var h = new SignedInHost();
        var answer = SignedInHost.Parse(h.Single(RawMessages.Signed("0210", RawMessages.SaleFields(2, 100, "134567890123456789"), h.Mak)), null);
        Assert.Equal(210, answer.MessageType);
        Assert.Equal("30", answer.GetText(39));
        Assert.Equal("000002", answer.GetText(11));
        Assert.Equal(RawMessages.Tid, answer.GetText(41));
        Assert.Empty(h.Snapshot.Sales);
    }

    [Fact]
    public void ABitmapNamingFieldsThatAreAbsent()
    {
        using var h = new SignedInHost();
        // F3, F4 and F11 named; only F3 follows.
        AssertFormatError(h, RawMessages.Frame(Hex("0200 3020000000000000 000000")), 210, "message ends early in field 4");
    }

    [Fact]
    public void ASecondaryBitmap()
    {
        using var h = new SignedInHost();
        // Bit 1 set, a secondary bitmap of zeros, then F3: the codec can read it, the CUP dialect has no field above 64.
        AssertFormatError(h, RawMessages.Frame(Hex("0200 A000000000000000 0000000000000000 000000")), 210, "secondary bitmap");
    }

    [Fact]
    public void AnLllvarLengthPastTheEndOfTheFrame()
    {
        using var h = new SignedInHost();
        var fields = RawMessages.SaleFields(2, 100, "134567890123456789");
        fields.Remove(60);
        fields[57] = [.. Hex("0050"), .. "1345678901"u8.ToArray()];
        var answer = AssertFormatError(h, RawMessages.Frame(RawMessages.Body("0200", fields)), 210, "message ends early in field 57");
        // The damage comes after field 11: the answer names the request's trace, so the terminal can match it.
        Assert.Equal("000002", answer.GetText(11));
    }

    [Fact]
    public void AWrongHeaderIsAFormatErrorAndNothingIsDebited()
    {
        using var h = new SignedInHost();
        var body = RawMessages.SignedBody("0200", RawMessages.SaleFields(2, 100, "134567890123456789"), h.Mak);
        AssertFormatError(h, RawMessages.Frame(body, Hex("AAAAAAAAAAAA")), 210, "header AAAAAAAAAAAA is not 603100310000");
        Assert.Empty(h.Snapshot.Entries);
        // The same request with the right header is a sale.
        Assert.Equal("00", h.Exchange(RawMessages.Frame(body)).GetText(39));
    }

    [Fact]
    public void ASignInWithoutTerminalAndMerchantIds()
    {
        using var h = new SignedInHost();
        var answer = SignedInHost.Parse(h.Single(RawMessages.Frame(RawMessages.Body("0800", new() { [11] = RawMessages.N("000009") }))), null);
        Assert.Equal(810, answer.MessageType);
        Assert.Equal("30", answer.GetText(39));
        Assert.False(answer.Has(62));
    }

    [Fact]
    public void AWrongTpduClosesTheConnection()
    {
        using var h = new SignedInHost();
        var frame = RawMessages.Sale(h.Mak, 2, 100);
        frame[2] = 0x61;
        AssertClosed(h, frame, "TPDU");
    }

    [Fact]
    public void AFrameTooShortForItsEnvelopeClosesTheConnection()
    {
        using var h = new SignedInHost();
        AssertClosed(h, Hex("0003 600003"), "message ends early");
        AssertClosed(h, RawMessages.Frame([0x02]), "no message type");
    }
}
