using PosFirmware.Emulator.Storage;
using PosFirmware.Payment;
using PosFirmware.Terminal;

namespace PosFirmware.Tests.Emulator.Simulation;

/// <summary>
/// Deliberately broken flows, switched in only here: each rewrites the journal on the flash after a power
/// cut, before the firmware boots again, the way a flow with the bug would have left it.
/// </summary>
public static class BrokenFlows
{
    /// <summary>A flow that drops a pending receipt at reboot (marks it printed without printing it).</summary>
    public static void DropPendingReceipt(FlashFileStore flash, TerminalConfig config) =>
        Rewrite(flash, config, record =>
        {
            if (record.State == TxnState.Approved && record.Receipt is ReceiptState.Pending or ReceiptState.Started)
            {
                record.Receipt = ReceiptState.Printed;
                record.CopiesPrinted = config.Payment.CopiesOwed;
                return true;
            }
            return false;
        });

    /// <summary>
    /// A flow that writes its reversal record after the send instead of before: a cut in between leaves a
    /// sale the host may hold as if it never went out.
    /// </summary>
    public static void ReversalWrittenAfterSend(FlashFileStore flash, TerminalConfig config) =>
        Rewrite(flash, config, record =>
        {
            if (record.State is TxnState.Prepared or TxnState.UserPaying or TxnState.ReversalPending)
            {
                record.State = TxnState.NotSent;
                return true;
            }
            return false;
        });

    private static void Rewrite(FlashFileStore flash, TerminalConfig config, Func<TxnRecord, bool> change)
    {
        var journal = new Journal(flash, config.Payment.Journal);
        journal.Recover();
        var changed = new List<TxnRecord>();
        for (int i = 0; i < journal.Count; i++)
        {
            var copy = new TxnRecord();
            copy.CopyFrom(journal.At(i));
            if (change(copy))
            {
                changed.Add(copy);
            }
        }
        foreach (var record in changed)
        {
            if (!journal.Save(record))
            {
                throw new InvalidOperationException("broken flow could not rewrite the journal: " + journal.Message);
            }
        }
    }
}
