using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Payment;
using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Firmware.Payment;

/// <summary>
/// For each transaction type, the power is cut at every flash write point of that transaction in turn
/// (before, during and after the operation; "during" only where the store can tear, FAT), the firmware
/// reboots on what survived, recovers, and the outcome is checked against the acquirer's ledger: no double
/// debit, no forgotten debit (each is reversed, or has its receipt printed, or is on the unresolved list),
/// and no approved receipt for a sale the host did not approve.
/// </summary>
public abstract class PowerCutTestBase
{
    private readonly ITestOutputHelper _output;

    protected PowerCutTestBase(ITestOutputHelper output) => _output = output;

    /// <summary>Brings the rig to where the transaction starts (signed in, maybe a sale done).</summary>
    protected virtual void Prepare(TerminalRig rig)
    {
        Assert.True(rig.RunUntil(() => rig.Flow.SignedIn, 5), "signs in");
    }

    /// <summary>Starts the transaction under test.</summary>
    protected abstract void Start(TerminalRig rig);

    /// <summary>The acquirer's behaviour for the transaction (faults forced on it).</summary>
    protected virtual void ArrangeHost(TerminalRig rig)
    {
    }

    private long _startedAtNanos;

    /// <summary>True once the run has nothing left to do (the keys and the scan take under 2 s to reach the flow).</summary>
    protected virtual bool Done(TerminalRig rig) => rig.Terminal.Board.Clock.NowNanos > _startedAtNanos + 2_000_000_000 && Quiet(rig);

    /// <summary>Extra checks after the run.</summary>
    protected virtual void CheckOutcome(TerminalRig rig, string where)
    {
    }

    protected static PosFirmware.Terminal.TerminalConfig OneCopy()
    {
        var config = new PosFirmware.Terminal.TerminalConfig();
        config.Payment.PrintMerchantCopy = false;
        return config;
    }

    protected void CutEverywhere(FlashMode mode)
    {
        // A clean run counts the transaction's write points.
        int points;
        using (var clean = NewRig(mode))
        {
            int before = clean.Flash.WritePoints;
            _startedAtNanos = clean.Terminal.Board.Clock.NowNanos;
            Start(clean);
            Assert.True(clean.RunUntil(() => Done(clean), 300), "clean run finishes");
            Assert.Equal(0, clean.PowerCuts);
            points = clean.Flash.WritePoints - before;
            Check(clean, "clean run");
        }
        Assert.True(points > 0, "the transaction writes to the flash");
        var phases = mode == FlashMode.Fat ? new[] { CutPhase.Before, CutPhase.During, CutPhase.After } : new[] { CutPhase.Before, CutPhase.After };
        int tried = 0;
        for (int point = 0; point < points; point++)
        {
            foreach (var phase in phases)
            {
                using var rig = NewRig(mode);
                rig.Flash.PlanCut(rig.Flash.WritePoints + point, phase);
                _startedAtNanos = rig.Terminal.Board.Clock.NowNanos;
                Start(rig);
                string where = $"{mode} write point {point} of {points}, {phase}";
                Assert.True(rig.RunUntil(() => rig.PowerCuts > 0 && Done(rig), 400), $"recovers after a cut at {where}: " + string.Join("\n", Tail(rig)));
                Check(rig, where);
                tried++;
            }
        }
        _output.WriteLine($"{GetType().Name} {mode}: {points} write points, {tried} cuts tried, every one recovered with the ledger and journal agreeing");
    }

    private TerminalRig NewRig(FlashMode mode)
    {
        var rig = new TerminalRig(7, mode, config: OneCopy());
        rig.Boot();
        Prepare(rig);
        ArrangeHost(rig);
        return rig;
    }

    private void Check(TerminalRig rig, string where)
    {
        var snapshot = rig.Host.Snapshot();
        var journal = rig.Flow.Journal;
        foreach (var sale in snapshot.Sales)
        {
            Assert.True(snapshot.DebitCount(sale.Id) <= 1, $"{where}: sale {sale.Trace} debited twice");
            long net = snapshot.NetDebitFen(sale.Id);
            var record = journal.Find(sale.Batch, sale.Trace);
            if (net > 0)
            {
                Assert.True(record != null, $"{where}: debit of trace {sale.Trace} forgotten by the terminal");
                bool accounted = (record!.State == TxnState.Approved && record.Receipt == ReceiptState.Printed)
                    || (record.State == TxnState.Unresolved && record.Receipt == ReceiptState.Printed);
                Assert.True(accounted, $"{where}: debit of trace {sale.Trace} is {record.State}/{record.Receipt}");
            }
        }
        for (int i = 0; i < journal.Count; i++)
        {
            var record = journal.At(i);
            if (record.State == TxnState.Approved)
            {
                var sale = snapshot.Sales.SingleOrDefault(s => s.Batch == record.Batch && s.Trace == record.Trace);
                Assert.True(sale != null && sale.State == SaleRecord.Paid && snapshot.NetDebitFen(sale.Id) == record.AmountFen,
                    $"{where}: trace {record.Trace} approved on the terminal but not debited by the host");
            }
            Assert.False(record.State is TxnState.Prepared or TxnState.UserPaying or TxnState.ReversalPending, $"{where}: trace {record.Trace} left {record.State}");
        }
        CheckOutcome(rig, where);
    }

    protected static bool Quiet(TerminalRig rig)
    {
        var journal = rig.Flow.Journal;
        for (int i = 0; i < journal.Count; i++)
        {
            var r = journal.At(i);
            if (r.State is TxnState.Prepared or TxnState.UserPaying or TxnState.ReversalPending)
            {
                return false;
            }
            if (r.Receipt is ReceiptState.Pending or ReceiptState.Started)
            {
                return false;
            }
        }
        return rig.Flow.Job == FlowJob.Idle && rig.Terminal.App.Console!.PendingRequests == 0;
    }

    private static IEnumerable<string> Tail(TerminalRig rig)
    {
        rig.CollectLog();
        return rig.Log.TakeLast(15);
    }
}

public class SalePowerCutTests : PowerCutTestBase
{
    public SalePowerCutTests(ITestOutputHelper output) : base(output)
    {
    }

    protected override void Start(TerminalRig rig) => rig.Sale(1234, rig.NewCode());

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void Approved_sale_with_its_receipt(FlashMode mode) => CutEverywhere(mode);
}

public class ReversalPowerCutTests : PowerCutTestBase
{
    public ReversalPowerCutTests(ITestOutputHelper output) : base(output)
    {
    }

    protected override void ArrangeHost(TerminalRig rig) => rig.Host.Faults.ForceNext(AcquirerFault.DropResponse);

    protected override void Start(TerminalRig rig) => rig.Sale(2500, rig.NewCode("Alipay"));

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void Lost_answer_and_its_reversal(FlashMode mode) => CutEverywhere(mode);
}

public class UserPayingPowerCutTests : PowerCutTestBase
{
    public UserPayingPowerCutTests(ITestOutputHelper output) : base(output)
    {
    }

    protected override void Start(TerminalRig rig) => rig.Sale(6688, rig.NewCode());

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void Customer_pays_on_the_phone_while_the_terminal_queries(FlashMode mode) => CutEverywhere(mode);
}

public class SignInPowerCutTests : PowerCutTestBase
{
    public SignInPowerCutTests(ITestOutputHelper output) : base(output)
    {
    }

    // The flow signs in again when the host says its keys are wrong; the cut falls in that sign-in.
    protected override void Start(TerminalRig rig)
    {
        var cfg = rig.Terminal.Config.Payment;
        rig.Host.Ledger.SaveTerminalKey(cfg.MerchantId, cfg.TerminalId, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 0);
        rig.Sale(1234, rig.NewCode());
    }

    protected override bool Done(TerminalRig rig) => base.Done(rig) && rig.Flow.SignedIn;

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void Sign_in_again_after_a_key_error(FlashMode mode) => CutEverywhere(mode);
}

public class SettlementPowerCutTests : PowerCutTestBase
{
    public SettlementPowerCutTests(ITestOutputHelper output) : base(output)
    {
    }

    protected override void Prepare(TerminalRig rig)
    {
        base.Prepare(rig);
        rig.Sale(1234, rig.NewCode());
        Assert.True(rig.RunUntil(() => rig.Flow.Journal.Count == 1 && Quiet(rig), 20), "a sale before settlement");
    }

    private long _typedAtNanos;

    protected override void Start(TerminalRig rig)
    {
        rig.Keys("XM3");
        _typedAtNanos = rig.Terminal.Board.Clock.NowNanos;
    }

    // A settlement cut short is run again by the merchant until the batch closes.
    protected override bool Done(TerminalRig rig)
    {
        if (!Quiet(rig))
        {
            return false;
        }
        if (rig.Flow.Journal.Batch != 1)
        {
            return true;
        }
        long now = rig.Terminal.Board.Clock.NowNanos;
        if (now - _typedAtNanos > 5_000_000_000 || now < _typedAtNanos)
        {
            Start(rig);
        }
        return false;
    }

    protected override void CheckOutcome(TerminalRig rig, string where)
    {
        var settlements = rig.Host.Snapshot().Settlements;
        Assert.True(settlements.Count >= 1 && settlements[^1].Batch == 1 && settlements[^1].Balanced, $"{where}: batch 1 settled balanced");
        Assert.Equal(2, rig.Flow.Journal.Batch);
    }

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void Settlement_closes_the_batch_once(FlashMode mode) => CutEverywhere(mode);
}
