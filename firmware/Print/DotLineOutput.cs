using PosFirmware.Hal;
using PosFirmware.Printing;

namespace PosFirmware.Print
{
    /// <summary>
    /// Counts the dot lines a job produces and passes them to the sink, except the first skipDotLines,
    /// which a previous run of the same job already printed: the interpreter is deterministic, so re-running
    /// a job and skipping what was done resumes it at the exact line. Stops at the first fault (the faulted
    /// line is not counted, so the resume retries it) and at the job's line limit.
    /// The interpreter brackets each element that must stay in one piece on the paper (a text line, a QR
    /// code, a barcode, an image) with BeginElement/EndElement, so a fault that loses the paper's place
    /// can resume at the start of the element it cut (ElementStartDotLine) rather than split it.
    /// </summary>
    public sealed class DotLineOutput
    {
        private IDotLineSink _sink;
        private int _skipDotLines;
        private int _maxDotLines;
        private int _elementStart;

        /// <summary>Dot lines done so far, skipped ones included: where a resumed run starts.</summary>
        public int DotLinesDone { get; private set; }

        /// <summary>Dot lines actually sent to the sink in this run.</summary>
        public int DotLinesSent { get; private set; }

        /// <summary>
        /// Where the element cut by the fault began (its first dot line), or DotLinesDone when the fault came
        /// between elements: the resume point when the paper's place is lost.
        /// </summary>
        public int ElementStartDotLine { get; private set; }

        /// <summary>The sink's fault that stopped the run, or Ok.</summary>
        public PrintStatus Status { get; private set; }

        /// <summary>True once the job went past its line limit.</summary>
        public bool LimitReached { get; private set; }

        /// <summary>True when nothing more will be output (fault or limit).</summary>
        public bool Stopped
        {
            get { return Status != PrintStatus.Ok || LimitReached; }
        }

        /// <summary>Starts a run on a sink, skipping the lines a previous run printed.</summary>
        public void Begin(IDotLineSink sink, int skipDotLines, int maxDotLines)
        {
            Check.That(sink != null, "a sink to print on");
            _sink = sink;
            _skipDotLines = skipDotLines < 0 ? 0 : skipDotLines;
            _maxDotLines = maxDotLines;
            DotLinesDone = 0;
            DotLinesSent = 0;
            ElementStartDotLine = 0;
            _elementStart = -1;
            Status = PrintStatus.Ok;
            LimitReached = false;
        }

        /// <summary>The dot lines from here to EndElement belong together (one text line, code or image).</summary>
        public void BeginElement()
        {
            if (!Stopped)
            {
                _elementStart = DotLinesDone;
            }
        }

        /// <summary>Ends the element begun by BeginElement.</summary>
        public void EndElement()
        {
            if (!Stopped)
            {
                _elementStart = -1;
            }
        }

        /// <summary>Prints one dot line (DotsPerLine/8 bytes at offset).</summary>
        public void Line(byte[] dots, int offset)
        {
            if (Stopped || !Allow(1))
            {
                return;
            }
            if (DotLinesDone < _skipDotLines)
            {
                DotLinesDone++;
                return;
            }
            PrintStatus status = _sink.PrintLine(dots, offset);
            if (status != PrintStatus.Ok)
            {
                Fail(status);
                return;
            }
            DotLinesDone++;
            DotLinesSent++;
        }

        /// <summary>Feeds blank dot lines.</summary>
        public void Feed(int dotLines)
        {
            if (dotLines <= 0 || Stopped)
            {
                return;
            }
            if (!Allow(dotLines))
            {
                dotLines = _maxDotLines - DotLinesDone;
                if (dotLines <= 0)
                {
                    return;
                }
            }
            int skip = _skipDotLines - DotLinesDone;
            if (skip > 0)
            {
                int skipped = skip < dotLines ? skip : dotLines;
                DotLinesDone += skipped;
                dotLines -= skipped;
                if (dotLines == 0)
                {
                    return;
                }
            }
            // One dot line at a time, so a fault mid-feed counts exactly the lines already fed and the
            // resume feeds only the rest (the driver keeps the motor running between calls).
            for (int i = 0; i < dotLines; i++)
            {
                PrintStatus status = _sink.Feed(1);
                if (status != PrintStatus.Ok)
                {
                    Fail(status);
                    return;
                }
                DotLinesDone++;
                DotLinesSent++;
            }
        }

        private void Fail(PrintStatus status)
        {
            Status = status;
            ElementStartDotLine = _elementStart >= 0 ? _elementStart : DotLinesDone;
        }

        private bool Allow(int dotLines)
        {
            if (DotLinesDone + dotLines > _maxDotLines)
            {
                LimitReached = true;
                return false;
            }
            return true;
        }
    }
}
