using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Printing;

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

    /// <summary>Writes one PNG per torn-off piece (receipt-01.png, ...) and the whole roll; returns the piece files.</summary>
    public List<string> WritePngs(string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        byte[] gray = _printer.Paper.ToGray();
        int width = _printer.Paper.Width;
        int from = 0;
        for (int i = 0; i < _cuts.Count; i++)
        {
            int to = Math.Min(_cuts[i], _printer.Paper.Height);
            if (to <= from)
            {
                continue;
            }
            var piece = new byte[(to - from) * width];
            Array.Copy(gray, from * width, piece, 0, piece.Length);
            string file = Path.Combine(folder, $"receipt-{files.Count + 1:D2}.png");
            PngWriter.WriteGray(file, width, to - from, piece);
            files.Add(file);
            from = to;
        }
        if (_printer.Paper.Height > 0)
        {
            _printer.Paper.SavePng(Path.Combine(folder, "roll.png"));
        }
        return files;
    }
}
