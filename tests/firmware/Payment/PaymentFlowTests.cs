using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Payment;
using PosFirmware.Operator;
using PosFirmware.Payment;
using Xunit;

namespace PosFirmware.Tests.Firmware.Payment;

/// <summary>
/// Each branch of the payment flow, in virtual time, with the real firmware on the virtual terminal and the
/// acquirer simulator on the virtual network; outcomes are checked against the acquirer's ledger.
/// </summary>
public class PaymentFlowTests
{

    private static TerminalRig SignedIn(ulong seed = 1, AcquirerConfig? acquirer = null, PosFirmware.Terminal.TerminalConfig? config = null)
    {
        var rig = new TerminalRig(seed, acquirerConfig: acquirer, config: config);
        rig.Boot();
        Assert.True(rig.RunUntil(() => rig.Flow.SignedIn, 5), "signs in at boot");
        return rig;
    }

    private static TxnRecord SaleUntilSettled(TerminalRig rig, long amountFen, string code, double maxSeconds = 120)
    {
        int before = Last(rig)?.Trace ?? 0;
        rig.Sale(amountFen, code);
        Assert.True(rig.RunUntil(() => Last(rig) is { } r && r.Trace > before && IsSettled(r) && rig.Flow.Job == FlowJob.Idle, maxSeconds), "sale reaches a final state: " + string.Join("\n", Tail(rig)) + rig.Terminal.Display.HistoryText());
        return Last(rig)!;
    }

    // The sale's answer is lost (the host debited it) and every reversal attempt is lost before the host:
    // the next sale ends on the unresolved list with its debit standing. Returns the attempts allowed.
    private static int ForceUnresolved(TerminalRig rig)
    {
        int attempts = rig.Terminal.Config.Payment.MaxReversalAttempts;
        rig.Host.Faults.ForceNext(AcquirerFault.DropResponse);
        for (int i = 0; i < attempts; i++)
        {
            rig.Host.Faults.ForceNext(AcquirerFault.DropRequest);
        }
        return attempts;
    }

    private static TxnRecord? Last(TerminalRig rig)
    {
        TxnRecord? best = null;
        for (int i = 0; i < rig.Flow.Journal.Count; i++)
        {
            var r = rig.Flow.Journal.At(i);
            if (best == null || r.Trace > best.Trace)
            {
                best = r;
            }
        }
        return best;
    }

    private static bool IsSettled(TxnRecord r) =>
        r.State is TxnState.Declined or TxnState.Reversed or TxnState.NotSent or TxnState.Unresolved or TxnState.Cleared
        || (r.State == TxnState.Approved && r.Receipt is ReceiptState.Printed or ReceiptState.None);

    private static IEnumerable<string> Tail(TerminalRig rig)
    {
        rig.CollectLog();
        return rig.Log.TakeLast(12);
    }

    private static SaleRecord LedgerSale(TerminalRig rig, TxnRecord record) =>
        rig.Host.Snapshot().Sales.Single(s => s.Batch == record.Batch && s.Trace == record.Trace);

    private static long NetDebit(TerminalRig rig, TxnRecord record)
    {
        var snapshot = rig.Host.Snapshot();
        var sale = snapshot.Sales.SingleOrDefault(s => s.Batch == record.Batch && s.Trace == record.Trace);
        return sale == null ? 0 : snapshot.NetDebitFen(sale.Id);
    }

    [Fact]
    public void Approved_sale_is_debited_once_and_prints_both_copies_with_the_host_reference()
    {
        using var rig = SignedIn();
        var record = SaleUntilSettled(rig, 1234, rig.NewCode());
        Assert.Equal(TxnState.Approved, record.State);
        Assert.Equal(ReceiptState.Printed, record.Receipt);
        Assert.Equal(2, record.CopiesPrinted);
        var sale = LedgerSale(rig, record);
        Assert.Equal(SaleRecord.Paid, sale.State);
        Assert.Equal(sale.Rrn, record.ReferenceNumber);
        Assert.Equal(1234, NetDebit(rig, record));
        Assert.Equal("APPROVED", rig.Terminal.Display.Line(0).Trim());
        Assert.True(rig.Terminal.Printer.Paper.Height > 1500, "two receipts on paper");
    }

    [Fact]
    public void Declined_sale_shows_the_host_reason_and_debits_nothing()
    {
        using var rig = SignedIn();
        var record = SaleUntilSettled(rig, 1251, rig.NewCode());
        Assert.Equal(TxnState.Declined, record.State);
        Assert.Equal("51", record.ResponseCode);
        Assert.Equal(0, NetDebit(rig, record));
        Assert.Equal(0, rig.Terminal.Printer.Paper.Height);
        Assert.Contains("DECLINED", rig.Terminal.Display.Line(0));
        Assert.Contains("51", rig.Terminal.Display.Line(2));
    }

    [Fact]
    public void User_paying_then_paid_is_queried_until_approved()
    {
        using var rig = SignedIn();
        var record = SaleUntilSettled(rig, 6688, rig.NewCode());
        Assert.Equal(TxnState.Approved, record.State);
        Assert.InRange(record.Queries, 2, 3);
        Assert.Equal(6688, NetDebit(rig, record));
        Assert.Equal(LedgerSale(rig, record).Rrn, record.ReferenceNumber);
    }

    [Fact]
    public void User_paying_then_cancelled_by_the_customer_is_reversed_and_not_debited()
    {
        using var rig = SignedIn();
        var record = SaleUntilSettled(rig, 6677, rig.NewCode());
        Assert.Equal(TxnState.Reversed, record.State);
        Assert.Equal(0, NetDebit(rig, record));
        Assert.Equal(0, rig.Terminal.Printer.Paper.Height);
    }

    [Fact]
    public void User_paying_past_the_query_window_is_reversed()
    {
        var config = new AcquirerConfig();
        config.Rules.Insert(0, new SaleRule { AmountPattern = "66$", UserPayingSeconds = 300, Outcome = "paid" });
        using var rig = SignedIn(acquirer: config);
        var record = SaleUntilSettled(rig, 4466, rig.NewCode());
        Assert.Equal(TxnState.Reversed, record.State);
        Assert.Equal(rig.Terminal.Config.Payment.MaxQueries, record.Queries);
        Assert.Equal(0, NetDebit(rig, record));
    }

    [Theory]
    [InlineData(AcquirerFault.DropResponse, "98")]
    [InlineData(AcquirerFault.Late, "98")]
    [InlineData(AcquirerFault.CorruptMac, "A0")]
    [InlineData(AcquirerFault.ResetMidFrame, "98")]
    public void An_answer_that_cannot_be_trusted_is_reversed_with_its_reason(AcquirerFault fault, string reason)
    {
        using var rig = SignedIn();
        rig.Host.Faults.ForceNext(fault);
        var record = SaleUntilSettled(rig, 1234, rig.NewCode());
        Assert.Equal(TxnState.Reversed, record.State);
        Assert.Equal(reason, record.ReversalReason);
        Assert.Equal(1, record.ReversalAttempts);
        var snapshot = rig.Host.Snapshot();
        var sale = snapshot.Sales.Single(s => s.Trace == record.Trace);
        Assert.Equal(0, snapshot.NetDebitFen(sale.Id));
        Assert.True(snapshot.DebitCount(sale.Id) <= 1);
        Assert.Equal(0, rig.Terminal.Printer.Paper.Height);
    }

    [Fact]
    public void A_request_the_host_never_saw_is_reversed_as_original_not_found()
    {
        using var rig = SignedIn();
        rig.Host.Faults.ForceNext(AcquirerFault.DropRequest);
        var record = SaleUntilSettled(rig, 1234, rig.NewCode());
        Assert.Equal(TxnState.Reversed, record.State);
        Assert.Equal("00", record.ResponseCode);
        var sale = LedgerSale(rig, record);
        Assert.Equal(SaleRecord.Void, sale.State);
        Assert.Equal(0, NetDebit(rig, record));
    }

    [Fact]
    public void A_reversal_whose_answer_was_lost_is_closed_by_already_reversed()
    {
        using var rig = SignedIn();
        rig.Host.Faults.ForceNext(AcquirerFault.DropResponse); // the sale's answer
        rig.Host.Faults.ForceNext(AcquirerFault.DropResponse); // the first reversal's answer
        var record = SaleUntilSettled(rig, 1234, rig.NewCode(), maxSeconds: 180);
        Assert.Equal(TxnState.Reversed, record.State);
        Assert.Equal(2, record.ReversalAttempts);
        Assert.Equal("25", record.ResponseCode);
        Assert.Equal(0, NetDebit(rig, record));
    }

    [Fact]
    public void Reversal_never_answered_goes_to_the_unresolved_list_with_its_notice_and_is_cleared_only_with_a_reason()
    {
        using var rig = SignedIn();
        int attempts = ForceUnresolved(rig);
        var record = SaleUntilSettled(rig, 1234, rig.NewCode(), maxSeconds: 400);
        Assert.Equal(TxnState.Unresolved, record.State);
        Assert.Equal(attempts, record.ReversalAttempts);
        Assert.Equal(1234, NetDebit(rig, record)); // the one-sided debit the notice is about
        Assert.True(rig.RunUntil(() => rig.Record(record.Trace)!.Receipt == ReceiptState.Printed, 10), "reversal-failed notice printed");
        Assert.True(rig.Terminal.Printer.Paper.Height > 300);
        // Idle shows it; the list shows it.
        rig.RunFor(6);
        Assert.Contains("Unresolved: 1", rig.Terminal.Display.Line(2));
        rig.Keys("M4");
        rig.RunFor(1);
        Assert.Contains("UNRESOLVED (1)", rig.Terminal.Display.Line(0));
        Assert.Contains(record.Trace.ToString("D6"), rig.Terminal.Display.Line(1));
        Assert.Contains("UNRS", rig.Terminal.Display.Line(1));
        // Cleared only by the operator, with a reason, and the journal keeps it.
        rig.Keys("XMD7" + record.Trace + "E2");
        rig.RunFor(2);
        var cleared = rig.Record(record.Trace)!;
        Assert.Equal(TxnState.Cleared, cleared.State);
        Assert.Equal(OperatorConsole.ClearReasons[1], cleared.ClearReason);
    }

    [Fact]
    public void Cancel_while_waiting_for_the_answer_reverses_at_once()
    {
        using var rig = SignedIn();
        rig.Host.Faults.ForceNext(AcquirerFault.Late);
        rig.Sale(1234, rig.NewCode());
        Assert.True(rig.RunUntil(() => rig.Flow.Job == FlowJob.Sale, 5));
        long sentAt = rig.NowMicros;
        // The merchant gives up a second later: the host already holds the sale (its answer is late).
        Assert.True(rig.RunUntil(() => rig.Host.Snapshot().Sales.Count == 1, 1));
        rig.Keys("X");
        Assert.True(rig.RunUntil(() => Last(rig)!.State == TxnState.Reversed, 40), string.Join("\n", Tail(rig)) + "\n" + rig.Host.Ledger.DumpText());
        var record = Last(rig)!;
        Assert.Equal("17", record.ReversalReason);
        Assert.True(rig.NowMicros - sentAt < 5_000_000, "reversed without waiting out the 30 s timeout: " + string.Join("\n", Tail(rig)) + rig.Host.Ledger.DumpText());
        Assert.Equal("CANCELLED", rig.Terminal.Display.Line(0).Trim());
        Assert.Equal(0, NetDebit(rig, record));
    }

    [Fact]
    public void Cancel_while_the_customer_confirms_on_the_phone_reverses_the_order()
    {
        using var rig = SignedIn();
        rig.Sale(6688, rig.NewCode());
        Assert.True(rig.RunUntil(() => rig.Flow.Job == FlowJob.QueryWait, 5));
        rig.Keys("X");
        Assert.True(rig.RunUntil(() => Last(rig)!.State == TxnState.Reversed, 10), string.Join("\n", Tail(rig)));
        rig.RunFor(15); // past the time the customer would have paid
        Assert.Equal(0, NetDebit(rig, Last(rig)!));
    }

    [Fact]
    public void A_key_error_from_the_host_makes_the_terminal_sign_in_again()
    {
        using var rig = SignedIn();
        var cfg = rig.Terminal.Config.Payment;
        // The host loses the terminal's keys: its answers no longer verify, and say A0.
        rig.Host.Ledger.SaveTerminalKey(cfg.MerchantId, cfg.TerminalId, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 0);
        int signIns = rig.Flow.SignIns;
        var record = SaleUntilSettled(rig, 1234, rig.NewCode());
        Assert.Equal(TxnState.Reversed, record.State);
        Assert.True(rig.Flow.SignIns > signIns, "signed in again");
        Assert.True(rig.Flow.SignedIn);
        var next = SaleUntilSettled(rig, 2000, rig.NewCode("Alipay"));
        Assert.True(next.State == TxnState.Approved, string.Join("\n", Tail(rig)) + rig.Host.Ledger.DumpText());
    }

    [Fact]
    public void Receipt_waits_through_paper_out_and_finishes_when_paper_is_loaded()
    {
        using var rig = SignedIn();
        rig.Terminal.Printer.Head.PaperPresent = false;
        rig.Sale(1234, rig.NewCode());
        Assert.True(rig.RunUntil(() => rig.Flow.Job == FlowJob.Printing, 10));
        Assert.Equal("PRINTER FAULT", rig.Terminal.Display.Line(0).Trim());
        var owed = Last(rig)!;
        Assert.Equal(TxnState.Approved, owed.State);
        Assert.Equal(ReceiptState.Started, owed.Receipt);
        Assert.Equal(1, rig.Flow.ReceiptsOwed());
        rig.Terminal.Printer.LoadPaperAt(rig.Terminal.Board.Clock.NowNanos + 3_000_000_000, true);
        Assert.True(rig.RunUntil(() => Last(rig)!.Receipt == ReceiptState.Printed, 20));
        Assert.Equal(2, Last(rig)!.CopiesPrinted);
        Assert.Equal(0, rig.Flow.ReceiptsOwed());
    }

    [Fact]
    public void Receipt_cut_by_a_power_cut_prints_after_reboot_marked_as_a_reprint()
    {
        using var rig = SignedIn();
        rig.Sale(1234, rig.NewCode());
        Assert.True(rig.RunUntil(() => Last(rig)?.State == TxnState.Approved, 10));
        var board = rig.Terminal.Board;
        board.Clock.ScheduleIn(500_000_000, () => board.Power.Cut(board.Clock.NowNanos, "power cut mid-receipt"));
        Assert.True(rig.RunUntil(() => rig.PowerCuts == 1, 5), "power cut during the first receipt");
        Assert.True(rig.RunUntil(() => Last(rig)!.Receipt == ReceiptState.Printed, 20));
        rig.CollectLog();
        Assert.Contains(rig.Log, l => l.Contains("receipt copy 1 of") && l.Contains("(marked reprint)"));
        Assert.Contains(rig.Log, l => l.Contains("receipt copy 2 of") && !l.Contains("reprint"));
        Assert.Equal(1234, NetDebit(rig, Last(rig)!));
    }

    [Fact]
    public void Reprint_last_and_by_trace_print_from_the_journal()
    {
        using var rig = SignedIn();
        var first = SaleUntilSettled(rig, 1234, rig.NewCode());
        SaleUntilSettled(rig, 2345, rig.NewCode("Alipay"));
        int height = rig.Terminal.Printer.Paper.Height;
        rig.Keys("M1");
        rig.RunFor(4);
        int afterLast = rig.Terminal.Printer.Paper.Height;
        Assert.True(afterLast > height + 500, "reprint last printed a receipt");
        rig.Keys("M2" + first.Trace + "E");
        rig.RunFor(5);
        Assert.True(rig.Terminal.Printer.Paper.Height > afterLast + 500, "reprint by trace printed a receipt");
        rig.CollectLog();
        Assert.Contains(rig.Log, l => l.Contains("reprint of 000001/" + first.Trace.ToString("D6")));
        rig.Keys("M2999E");
        rig.RunFor(2);
        Assert.Contains("not found", rig.Terminal.Display.Line(2));
    }

    [Fact]
    public void Settlement_balanced_opens_a_new_batch()
    {
        using var rig = SignedIn();
        SaleUntilSettled(rig, 1234, rig.NewCode());
        SaleUntilSettled(rig, 1251, rig.NewCode()); // declined: not in the totals
        SaleUntilSettled(rig, 2000, rig.NewCode("Alipay"));
        rig.Keys("M3");
        Assert.True(rig.RunUntil(() => rig.Flow.Settlements == 1, 10), rig.Terminal.Display.HistoryText() + string.Join("\n", Tail(rig)));
        var settlement = rig.Host.Snapshot().Settlements.Single();
        Assert.True(settlement.Balanced);
        Assert.Equal(3234, settlement.TerminalDebitFen);
        Assert.Equal(2, rig.Flow.Journal.Batch);
        Assert.Empty(rig.Host.Snapshot().Uploads);
    }

    [Fact]
    public void Settlement_unbalanced_uploads_the_batch_and_settles_again_reporting_the_unresolved_sale()
    {
        using var rig = SignedIn();
        SaleUntilSettled(rig, 1234, rig.NewCode());
        int attempts = ForceUnresolved(rig);
        var unresolved = SaleUntilSettled(rig, 700, rig.NewCode("Alipay"), maxSeconds: 400);
        Assert.Equal(TxnState.Unresolved, unresolved.State);
        rig.RunFor(5);
        rig.Keys("M3");
        Assert.True(rig.RunUntil(() => rig.Flow.Settlements == 1, 20), string.Join("\n", Tail(rig)));
        var snapshot = rig.Host.Snapshot();
        Assert.Equal(2, snapshot.Settlements.Count);
        Assert.False(snapshot.Settlements[0].Balanced);
        // The difference is exactly the unresolved sale.
        Assert.Equal(700, snapshot.Settlements[1].HostDebitFen - snapshot.Settlements[1].TerminalDebitFen);
        Assert.Equal(2, snapshot.Uploads.Count); // one detail, one end
        Assert.Equal(TxnState.Unresolved, rig.Flow.Journal.Find(1, unresolved.Trace)!.State);
    }

    [Fact]
    public void Operator_query_finds_a_debit_the_terminal_gave_up_on_and_prints_its_receipt_as_a_reprint()
    {
        using var rig = SignedIn();
        int attempts = ForceUnresolved(rig);
        var record = SaleUntilSettled(rig, 1234, rig.NewCode(), maxSeconds: 400);
        Assert.Equal(TxnState.Unresolved, record.State);
        rig.RunFor(6);
        rig.Keys("MD6" + record.Trace + "E");
        Assert.True(rig.RunUntil(() => rig.Record(record.Trace)!.State == TxnState.Approved && rig.Record(record.Trace)!.Receipt == ReceiptState.Printed, 20), string.Join("\n", Tail(rig)));
        Assert.Equal(LedgerSale(rig, record).Rrn, rig.Record(record.Trace)!.ReferenceNumber);
        rig.CollectLog();
        Assert.Contains(rig.Log, l => l.Contains("receipt copy 1 of") && l.Contains("(marked reprint)"));
    }

    [Fact]
    public void Batch_list_shows_every_transaction_with_its_state()
    {
        using var rig = SignedIn();
        SaleUntilSettled(rig, 1234, rig.NewCode());
        SaleUntilSettled(rig, 1251, rig.NewCode());
        rig.Keys("MD5");
        rig.RunFor(1);
        Assert.True(rig.Terminal.Display.Line(0).Contains("BATCH 000001 (2)"), rig.Terminal.Display.HistoryText());
        Assert.Contains("12.34 APPR", rig.Terminal.Display.Line(1));
        Assert.Contains("12.51 DECL", rig.Terminal.Display.Line(2));
    }

    [Fact]
    public void A_pending_reversal_goes_before_the_next_sale_after_a_reboot()
    {
        using var rig = SignedIn();
        rig.Host.Faults.ForceNext(AcquirerFault.DropResponse);
        rig.Sale(1234, rig.NewCode());
        Assert.True(rig.RunUntil(() => rig.Flow.Job == FlowJob.Sale, 5));
        var board = rig.Terminal.Board;
        board.Clock.ScheduleIn(1000, () => board.Power.Cut(board.Clock.NowNanos, "test: power cut while waiting for the answer"));
        rig.StepOnce(); // the cut reaches the firmware and the rig reboots it
        Assert.Equal(1, rig.PowerCuts);
        var armed = rig.Record(Last(rig)!.Trace)!;
        Assert.Equal(TxnState.ReversalPending, armed.State);
        rig.Sale(2000, rig.NewCode("Alipay"));
        Assert.True(rig.RunUntil(() => rig.Flow.Journal.Count == 2 && IsSettled(Last(rig)!) && Last(rig)!.Trace != armed.Trace, 60), string.Join("\n", Tail(rig)));
        Assert.Equal(TxnState.Reversed, rig.Record(armed.Trace)!.State);
        Assert.Equal(0, NetDebit(rig, armed));
        var events = rig.Host.Snapshot().Events.Select(e => e.Detail).ToList();
        int reversal = events.FindIndex(d => d.StartsWith("0400") && d.Contains("trace " + armed.Trace.ToString("D6")));
        int nextSale = events.FindIndex(d => d.StartsWith("0200 sale") && d.Contains("trace " + Last(rig)!.Trace.ToString("D6")));
        Assert.True(reversal >= 0 && reversal < nextSale, "the reversal reached the host before the new sale:\n" + string.Join("\n", events));
    }

    [Fact]
    public void A_decline_slip_prints_when_configured()
    {
        var config = new PosFirmware.Terminal.TerminalConfig();
        config.Payment.PrintDeclineSlip = true;
        using var rig = SignedIn(config: config);
        var record = SaleUntilSettled(rig, 1261, rig.NewCode());
        Assert.Equal(TxnState.Declined, record.State);
        Assert.True(rig.RunUntil(() => rig.Terminal.Printer.Paper.Height > 300, 5), "decline slip on paper");
        Assert.Equal(0, NetDebit(rig, record));
    }

    [Fact]
    public void No_connection_means_nothing_was_sent_and_nothing_is_reversed()
    {
        using var rig = SignedIn();
        rig.Terminal.Board.Network.Unregister(PosFirmware.Emulator.Board.VirtualTerminal.AcquirerEndpoint);
        rig.Terminal.Hardware.Network.Close(); // the link drops; a new connect finds no acquirer
        var record = SaleUntilSettled(rig, 1234, rig.NewCode());
        Assert.Equal(TxnState.NotSent, record.State);
        Assert.Equal(0, record.ReversalAttempts);
        Assert.Equal("NOT SENT", rig.Terminal.Display.Line(0).Trim());
        Assert.Empty(rig.Host.Snapshot().Sales);
    }

    [Fact]
    public void Without_its_field_table_the_terminal_refuses_sales_and_says_why()
    {
        using var rig = new TerminalRig(3);
        var image = rig.Flash.Snapshot();
        Assert.True(image.Remove(rig.Terminal.Config.FieldTableFile));
        rig.Flash.Load(image);
        rig.Boot();
        Assert.Equal("Field table: cup-pos.fields is missing", rig.Flow.Error);
        rig.Sale(1234, rig.NewCode());
        rig.RunFor(2);
        Assert.Equal("NOT SENT", rig.Terminal.Display.Line(0).Trim());
        Assert.Equal("Terminal fault", rig.Terminal.Display.Line(2).Trim());
        Assert.Empty(rig.Host.Snapshot().Sales);
    }
}
