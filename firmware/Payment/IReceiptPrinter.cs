
using PosFirmware.Print;

namespace PosFirmware.Payment
{
    /// <summary>Where the flow's receipts go: the terminal's print queue (TerminalApp).</summary>
    public interface IReceiptPrinter
    {
        /// <summary>Prints an ESC/POS job; Waiting means a head fault holds it and the outcome comes later.</summary>
        PrintOutcome Print(byte[] job, int offset, int count);
    }
}
