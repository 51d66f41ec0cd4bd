using PosFirmware.Emulator.Reports;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Print;

namespace PosFirmware.Emulator.Printing;

/// <summary>
/// Cuts the paper the terminal printed into one image per job, the way a merchant tears it off: the
/// paper's length is noted each time the firmware's print queue finishes a job (every job ends at the
/// tear bar). A roll that runs out is torn there too: what was printed before the paper ran out stays on
/// the old roll's tail, and the job goes on at the head of the new one. Reads the paper model, not the
/// firmware's account of what it printed.
/// </summary>
public sealed class ReceiptRoll
{
    private readonly VirtualPrinter _printer;
    private readonly Func<PrintQueue?> _queue;
    private readonly List<int> _cuts = new();
    private long _jobsSeen;
    private bool _paperWasOut;

    /// <summary>Watches a printer and the firmware's print queue.</summary>
    public ReceiptRoll(VirtualPrinter printer, Func<PrintQueue?> queue)
    {
        _printer = printer;
        _queue = queue;
    }

    /// <summary>Paper rows at each tear so far.</summary>
    public IReadOnlyList<int> Cuts => _cuts;

    /// <summary>Notes a tear for every job the queue finished, and for a new roll loaded, since the last call.</summary>
    public void Observe()
    {
        bool paperOut = !_printer.Head.PaperPresent;
        if (_paperWasOut && !paperOut)
        {
            Tear();
        }
        _paperWasOut = paperOut;
        var queue = _queue();
        if (queue == null)
        {
            return;
        }
        long done = queue.JobsPrinted + queue.JobsDropped;
        if (done != _jobsSeen)
        {
            _jobsSeen = done;
            Tear();
        }
    }

    private void Tear()
    {
        int height = _printer.Paper.Height;
        if (height > 0 && (_cuts.Count == 0 || _cuts[^1] != height))
        {
            _cuts.Add(height);
        }
    }

    /// <summary>The torn-off pieces so far, one per cut, top to bottom.</summary>
    public List<PaperImage> Pieces()
    {
        var pieces = new List<PaperImage>();
        byte[] gray = _printer.Paper.ToGray();
        int width = _printer.Paper.Width;
        int from = 0;
        foreach (int cut in _cuts)
        {
            int to = Math.Min(cut, _printer.Paper.Height);
            if (to <= from)
            {
                continue;
            }
            var piece = new byte[(to - from) * width];
            Array.Copy(gray, from * width, piece, 0, piece.Length);
            pieces.Add(new PaperImage(width, to - from, piece));
            from = to;
        }
        return pieces;
    }

    /// <summary>The whole roll as printed, or null when nothing was.</summary>
    public PaperImage? Roll() =>
        _printer.Paper.Height == 0 ? null : new PaperImage(_printer.Paper.Width, _printer.Paper.Height, _printer.Paper.ToGray());
}
