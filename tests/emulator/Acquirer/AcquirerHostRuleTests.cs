using PosFirmware.Emulator.Acquirer;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// The host's business rules through its own entry point on a clock the test sets: each deadline is
/// tried one microsecond before and at/after it, with no wall-clock waits and no sockets.
/// </summary>
public class AcquirerHostRuleTests
{
    private const long UserPayingMicros = 10_000_000;

    [Fact]
    public void ApprovedSaleDebitsOnceAndAnswersWithAValidMac()
    {
        using var h = new SignedInHost();
        var response = h.Exchange(RawMessages.Sale(h.Mak, 2, 1234));
        Assert.Equal(210, response.MessageType);
        Assert.Equal("00", response.GetText(39));
        Assert.Equal("000002", response.GetText(11));
        Assert.Equal(12, response.Length(37));
        Assert.Equal(6, response.Length(38));
        Assert.False(response.Has(57));
        var sale = Assert.Single(h.Snapshot.Sales);
        Assert.Equal(SaleRecord.Paid, sale.State);
        Assert.Equal(1234, h.Snapshot.NetDebitFen(sale.Id));
        Assert.Equal("1345**********6789", sale.CodeMasked);
    }

    [Theory]
    [InlineData(1051, "134567890123456789", "51")]
    [InlineData(1061, "134567890123456789", "61")]
    [InlineData(1000, "991234567890123456", "14")]
    public void DeclineRulesByAmountPatternAndCodePrefixMoveNoMoney(long amount, string code, string expected)
    {
        using var h = new SignedInHost();
        Assert.Equal(expected, h.Exchange(RawMessages.Sale(h.Mak, 2, amount, code)).GetText(39));
        Assert.Equal(SaleRecord.Declined, Assert.Single(h.Snapshot.Sales).State);
        Assert.Empty(h.Snapshot.Entries);
    }

    [Fact]
    public void UserPayingIsStillPayingOneTickBeforeItsDeadlineAndPaidAtIt()
    {
        using var h = new SignedInHost();
        long soldAt = h.NowMicros;
        var paying = h.Exchange(RawMessages.Sale(h.Mak, 2, 1088));
        Assert.Equal("09", paying.GetText(39));
        h.NowMicros = soldAt + UserPayingMicros - 1;
        var early = h.Exchange(RawMessages.Query(h.Mak, 3, 2));
        Assert.Equal("09", early.GetText(39));
        Assert.Equal("USERPAYING", early.GetText(63));
        Assert.Empty(h.Snapshot.Entries);
        h.NowMicros = soldAt + UserPayingMicros;
        var paid = h.Exchange(RawMessages.Query(h.Mak, 4, 2));
        Assert.Equal("00", paid.GetText(39));
        Assert.Equal("000000001088", paid.GetText(4));
        Assert.Equal(6, paid.Length(38));
        // The order keeps its retrieval reference number from the first answer to the paid one.
        Assert.Equal(paying.GetText(37), early.GetText(37));
        Assert.Equal(paying.GetText(37), paid.GetText(37));
        var sale = Assert.Single(h.Snapshot.Sales);
        Assert.Equal(1088, h.Snapshot.NetDebitFen(sale.Id));
        Assert.Equal(soldAt + UserPayingMicros, Assert.Single(h.Snapshot.Entries).AtMicros);
    }

    [Fact]
    public void UserPayingEndsCancelledWithoutDebitAtItsDeadline()
    {
        using var h = new SignedInHost();
        long soldAt = h.NowMicros;
        Assert.Equal("09", h.Exchange(RawMessages.Sale(h.Mak, 2, 1077)).GetText(39));
        h.NowMicros = soldAt + UserPayingMicros - 1;
        Assert.Equal("09", h.Exchange(RawMessages.Query(h.Mak, 3, 2)).GetText(39));
        h.NowMicros = soldAt + UserPayingMicros;
        var query = h.Exchange(RawMessages.Query(h.Mak, 4, 2));
        Assert.Equal("05", query.GetText(39));
        Assert.Equal("CANCELLED", query.GetText(63));
        Assert.Empty(h.Snapshot.Entries);
        Assert.Equal("25", h.Exchange(RawMessages.Query(h.Mak, 5, 99)).GetText(39));
    }

    [Fact]
    public void ARepeatedTraceNeverDebitsTwiceAndADifferentRequestOnItIsRefused()
    {
        using var h = new SignedInHost();
        var first = h.Exchange(RawMessages.Sale(h.Mak, 2, 500));
        var second = h.Exchange(RawMessages.Sale(h.Mak, 2, 500));
        Assert.Equal("00", first.GetText(39));
        Assert.Equal("00", second.GetText(39));
        Assert.Equal(first.GetText(37), second.GetText(37));
        Assert.Equal("94", h.Exchange(RawMessages.Sale(h.Mak, 2, 600)).GetText(39));
        Assert.Equal("94", h.Exchange(RawMessages.Sale(h.Mak, 2, 500, "134567890123450000")).GetText(39));
        var sale = Assert.Single(h.Snapshot.Sales);
        Assert.Equal(1, h.Snapshot.DebitCount(sale.Id));
        Assert.Equal(500, h.Snapshot.NetDebitFen(sale.Id));
    }

    [Fact]
    public void ReversalFollowsTheHostRules()
    {
        using var h = new SignedInHost();
        h.Exchange(RawMessages.Sale(h.Mak, 2, 700));
        Assert.Equal("64", h.Exchange(RawMessages.Reversal(h.Mak, 2, 701)).GetText(39));
        var reversed = h.Exchange(RawMessages.Reversal(h.Mak, 2, 700));
        Assert.Equal(410, reversed.MessageType);
        Assert.Equal("00", reversed.GetText(39));
        Assert.Equal("25", h.Exchange(RawMessages.Reversal(h.Mak, 2, 700)).GetText(39));
        // Another batch's trace does not match: not found -> 00.
        Assert.Equal("00", h.Exchange(RawMessages.Reversal(h.Mak, 2, 700, batch: 2)).GetText(39));
        h.Exchange(RawMessages.Sale(h.Mak, 3, 751));
        Assert.Equal("01", h.Exchange(RawMessages.Reversal(h.Mak, 3, 751)).GetText(39));
        var sale = h.Snapshot.Sales.Single(s => s.Trace == 2 && s.Batch == 1);
        Assert.Equal(SaleRecord.Reversed, sale.State);
        Assert.Equal(0, h.Snapshot.NetDebitFen(sale.Id));
        Assert.Equal(1, h.Snapshot.DebitCount(sale.Id));
    }

    [Fact]
    public void AReversalCarryingAnotherPaymentCodeDoesNotReverseTheSale()
    {
        using var h = new SignedInHost();
        h.Exchange(RawMessages.Sale(h.Mak, 2, 700));
        Assert.Equal("25", h.Exchange(RawMessages.Reversal(h.Mak, 2, 700, code: "134567890123450000")).GetText(39));
        var sale = Assert.Single(h.Snapshot.Sales);
        Assert.Equal(SaleRecord.Paid, sale.State);
        Assert.Equal(700, h.Snapshot.NetDebitFen(sale.Id));
        Assert.Equal("00", h.Exchange(RawMessages.Reversal(h.Mak, 2, 700)).GetText(39));
        Assert.Equal(0, h.Snapshot.NetDebitFen(sale.Id));
    }

    [Fact]
    public void ReversalOfAnUnknownOriginalAnswers00AndTheLateOriginalIsThenRefused()
    {
        using var h = new SignedInHost();
        Assert.Equal("00", h.Exchange(RawMessages.Reversal(h.Mak, 5, 900)).GetText(39));
        Assert.Equal("05", h.Exchange(RawMessages.Sale(h.Mak, 5, 900)).GetText(39));
        Assert.Empty(h.Snapshot.Entries);
    }

    [Fact]
    public void ReversingAnOrderOneTickBeforeItIsPaidCancelsItAndTheDeadlinePassesWithoutDebit()
    {
        using var h = new SignedInHost();
        long soldAt = h.NowMicros;
        h.Exchange(RawMessages.Sale(h.Mak, 2, 3088));
        h.NowMicros = soldAt + UserPayingMicros - 1;
        Assert.Equal("00", h.Exchange(RawMessages.Reversal(h.Mak, 2, 3088)).GetText(39));
        h.NowMicros = soldAt + UserPayingMicros;
        Assert.Equal("05", h.Exchange(RawMessages.Query(h.Mak, 3, 2)).GetText(39));
        Assert.Empty(h.Snapshot.Entries);
    }

    [Fact]
    public void ReversingAtTheDeadlineReversesThePaymentThatJustLanded()
    {
        using var h = new SignedInHost();
        long soldAt = h.NowMicros;
        h.Exchange(RawMessages.Sale(h.Mak, 2, 3088));
        h.NowMicros = soldAt + UserPayingMicros;
        Assert.Equal("00", h.Exchange(RawMessages.Reversal(h.Mak, 2, 3088)).GetText(39));
        var sale = Assert.Single(h.Snapshot.Sales);
        Assert.Equal(SaleRecord.Reversed, sale.State);
        Assert.Equal(1, h.Snapshot.DebitCount(sale.Id));
        Assert.Equal(0, h.Snapshot.NetDebitFen(sale.Id));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    public void APaymentRacingAReversalNeverLeavesTheCustomerCharged(ulong seed)
    {
        using var h = new SignedInHost(seed);
        long soldAt = h.NowMicros;
        Assert.Equal("09", h.Exchange(RawMessages.Sale(h.Mak, 2, 2088)).GetText(39));
        h.Host.Faults.ForceNext(AcquirerFault.PayDuringReversal);
        Assert.Equal("00", h.Exchange(RawMessages.Reversal(h.Mak, 2, 2088)).GetText(39));
        // Whichever side of the race the seed picks, and after the order's own settle time:
        h.NowMicros = soldAt + UserPayingMicros;
        Assert.Equal("05", h.Exchange(RawMessages.Query(h.Mak, 3, 2)).GetText(39));
        var sale = Assert.Single(h.Snapshot.Sales);
        Assert.Equal(SaleRecord.Reversed, sale.State);
        Assert.Equal(0, h.Snapshot.NetDebitFen(sale.Id));
        Assert.True(h.Snapshot.DebitCount(sale.Id) <= 1);
        Assert.Equal(1, h.Host.Faults.Applied[AcquirerFault.PayDuringReversal]);
    }

    [Fact]
    public void BothSidesOfTheRaceOccurAcrossSeeds()
    {
        var debited = new HashSet<int>();
        for (ulong seed = 1; seed <= 8 && debited.Count < 2; seed++)
        {
            using var h = new SignedInHost(seed);
            h.Exchange(RawMessages.Sale(h.Mak, 2, 2088));
            h.Host.Faults.ForceNext(AcquirerFault.PayDuringReversal);
            h.Exchange(RawMessages.Reversal(h.Mak, 2, 2088));
            debited.Add(h.Snapshot.DebitCount(h.Snapshot.Sales[0].Id));
        }
        Assert.Equal([0, 1], debited.Order());
    }

    [Fact]
    public void SettlementComparesTotalsWithTheLedger()
    {
        using var h = new SignedInHost();
        h.Exchange(RawMessages.Sale(h.Mak, 2, 1000));
        h.Exchange(RawMessages.Sale(h.Mak, 3, 2000));
        h.Exchange(RawMessages.Reversal(h.Mak, 3, 2000));
        var balanced = h.Exchange(RawMessages.Settlement(h.Mak, 4, 1000, 1));
        Assert.Equal(510, balanced.MessageType);
        Assert.Equal((byte)'1', balanced.ValueBuffer(48)[30]);
        Assert.Equal((byte)'2', h.Exchange(RawMessages.Settlement(h.Mak, 5, 3000, 2)).ValueBuffer(48)[30]);
        Assert.Equal([true, false], h.Snapshot.Settlements.Select(s => s.Balanced));
    }

    [Fact]
    public void BatchUploadDetailsAreComparedWithTheLedger()
    {
        using var h = new SignedInHost();
        h.Exchange(RawMessages.Sale(h.Mak, 2, 1000));
        h.Exchange(RawMessages.Sale(h.Mak, 3, 1051));
        Assert.Equal("00", h.Exchange(RawMessages.BatchUploadDetail(h.Mak, 10, 2, 1000)).GetText(39));
        Assert.Equal("64", h.Exchange(RawMessages.BatchUploadDetail(h.Mak, 11, 2, 1001)).GetText(39));
        Assert.Equal("25", h.Exchange(RawMessages.BatchUploadDetail(h.Mak, 12, 77, 1000)).GetText(39));
        Assert.Equal("25", h.Exchange(RawMessages.BatchUploadDetail(h.Mak, 13, 3, 1051)).GetText(39));
        Assert.Equal("00", h.Exchange(RawMessages.BatchUploadEnd(h.Mak, 14, 4)).GetText(39));
        var uploads = h.Snapshot.Uploads;
        Assert.Equal(["00", "64", "25", "25", "00"], uploads.Select(u => u.ResponseCode));
        Assert.Equal([2, 2, 77, 3, 0], uploads.Select(u => u.Trace));
        Assert.Equal("202", uploads[^1].NetworkCode);
        Assert.Equal(4, uploads[^1].DetailCount);
    }

    [Fact]
    public void ABadMacIsAnsweredA0AndAnUnknownTerminal97WithoutMovingMoney()
    {
        using var h = new SignedInHost();
        var fields = RawMessages.SaleFields(2, 100, "134567890123456789");
        fields[41] = RawMessages.A("TERM0002");
        var stranger = RawMessages.Signed("0200", fields, h.Mak);
        Assert.Equal("97", SignedInHost.Parse(h.Single(stranger), null).GetText(39));
        var tampered = RawMessages.Sale(h.Mak, 3, 100);
        tampered[^1] ^= 0x01;
        Assert.Equal("A0", h.Exchange(tampered).GetText(39));
        Assert.Empty(h.Snapshot.Sales);
    }

    [Fact]
    public void TheMacKeyIsStoredEncryptedUnderTheMasterKeyAndTheDumpShowsNoKey()
    {
        using var h = new SignedInHost();
        byte[] stored = h.Ledger.TerminalKey(RawMessages.Mid, RawMessages.Tid)!;
        Assert.NotEqual(Convert.ToHexString(h.Mak), Convert.ToHexString(stored));
        using var tdes = System.Security.Cryptography.TripleDES.Create();
        var tmk = Convert.FromHexString(RawMessages.MasterKeyHex);
        tdes.Key = [.. tmk, .. tmk[..8]];
        Assert.Equal(Convert.ToHexString(h.Mak), Convert.ToHexString(tdes.DecryptEcb(stored, System.Security.Cryptography.PaddingMode.None)));
        string dump = h.Ledger.DumpJson() + h.Ledger.DumpText();
        Assert.DoesNotContain(Convert.ToHexString(h.Mak), dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexString(stored), dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(RawMessages.MasterKeyHex, dump, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheTextDumpEscapesControlBytesSoARequestCannotForgeALine()
    {
        using var h = new SignedInHost();
        // A control byte in a text field is a format error at the codec: the request never reaches the ledger.
        var forged = RawMessages.SignIn(2, tid: "T\nsales\\");
        Assert.Equal("30", SignedInHost.Parse(h.Single(forged), null).GetText(39));
        // The dump still escapes its own escape character, so no text can pass for an escape either.
        var slashed = RawMessages.SignIn(3, tid: "T\\sales\\");
        Assert.Equal("00", SignedInHost.Parse(h.Single(slashed), null).GetText(39));
        string dump = h.Ledger.DumpText();
        Assert.Contains("T\\x5Csales\\x5C", dump);
        Assert.DoesNotContain("T\\x0Asales", dump);
        Assert.DoesNotContain(dump.Split('\n'), line => line.StartsWith("sales\\", StringComparison.Ordinal));
        Assert.All(dump.Replace("\r\n", "\n").Split('\n'), line => Assert.DoesNotContain(line, c => c < ' ' || c >= (char)0x7F));
    }

    [Fact]
    public void ALateAnswerIsHeldExactlyTheConfiguredTime()
    {
        using var h = new SignedInHost(configure: c => c.LateResponseMillis = 1234);
        h.Host.Faults.ForceNext(AcquirerFault.Late);
        var send = Assert.Single(h.Send(RawMessages.Sale(h.Mak, 2, 100)).Sends);
        Assert.Equal(1_234_000, send.DelayMicros);
        Assert.Equal("00", SignedInHost.Parse(send.Bytes, h.Mak).GetText(39));
    }

    [Fact]
    public void DroppedRequestsLeaveNoTraceAndDroppedAnswersKeepTheirDebit()
    {
        using var h = new SignedInHost();
        h.Host.Faults.ForceNext(AcquirerFault.DropRequest);
        Assert.Empty(h.Send(RawMessages.Sale(h.Mak, 2, 100)).Sends);
        Assert.Empty(h.Snapshot.Sales);
        h.Host.Faults.ForceNext(AcquirerFault.DropResponse);
        Assert.Empty(h.Send(RawMessages.Sale(h.Mak, 2, 100)).Sends);
        Assert.Equal("00", h.Exchange(RawMessages.Sale(h.Mak, 2, 100)).GetText(39));
        Assert.Equal(1, h.Snapshot.DebitCount(Assert.Single(h.Snapshot.Sales).Id));
    }

    [Fact]
    public void EveryRequestQueryIsAnIndexLookupSoTimePerRequestDoesNotGrowWithTheLedger()
    {
        using var ledger = new AcquirerLedger(":memory:");
        ledger.AddFillerSales(2000, 0);
        Assert.Equal(2000, ledger.SaleCount());
        var plans = ledger.QueryPlans();
        Assert.NotEmpty(plans);
        Assert.DoesNotContain(plans, p => p.Contains("=> SCAN", StringComparison.Ordinal));
        Assert.Contains(plans, p => p.Contains("USING INDEX sales_user_paying", StringComparison.Ordinal));
    }
}
