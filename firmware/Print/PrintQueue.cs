using System;
using PosFirmware.Hal;
using PosFirmware.Print.Interpreter;
using PosFirmware.Printing;

namespace PosFirmware.Print
{
    /// <summary>
    /// Holds the one print job the terminal has in hand and sees it onto paper. A job is copied in at
    /// Submit and printed at once; if the head faults (paper out, cover open, too hot, ...), the job waits
    /// and Poll tries it again every RetryPeriodMicros from the dot line that faulted (or, when the fault lost
    /// the paper's place, from the start of the element it cut: see KeepsPaperPlace), which the interpreter
    /// reaches again by re-running the same bytes (see EscPosInterpreter). One job at a time; a second is
    /// refused as Busy. A fault that lets nothing print for MaxRetriesWithoutProgress tries drops the job.
    /// Allocates its job buffer once.
    /// </summary>
    public class PrintQueue
    {
        private readonly EscPosInterpreter _interpreter;
        private readonly IDotLineSink _sink;
        private readonly IClock _clock;
        private readonly PrintQueueConfig _config;
        private readonly byte[] _job;
        private int _jobLength;
        private bool _pending;
        private int _skipDotLines;
        private int _triesWithoutProgress;
        private long _nextTryMicros;

        /// <summary>Creates the queue over an interpreter and the head's sink.</summary>
        public PrintQueue(EscPosInterpreter interpreter, IDotLineSink sink, IClock clock, PrintQueueConfig config)
        {
            Check.That(interpreter != null && sink != null && clock != null && config != null, "queue has an interpreter, sink, clock and config");
            Check.That(config.MaxJobBytes > 0 && config.RetryPeriodMicros > 0 && config.MaxRetriesWithoutProgress > 0, "queue bounds are positive");
            _interpreter = interpreter;
            _sink = sink;
            _clock = clock;
            _config = config;
            _job = new byte[config.MaxJobBytes];
        }

        /// <summary>True while a job waits for a fault to clear.</summary>
        public bool Pending
        {
            get { return _pending; }
        }

        /// <summary>When Poll next tries the waiting job (long.MaxValue when none waits).</summary>
        public long NextTryMicros
        {
            get { return _pending ? _nextTryMicros : long.MaxValue; }
        }

        /// <summary>The fault the waiting job is stopped on (Ok when none waits).</summary>
        public PrintStatus Fault = PrintStatus.Ok;

        /// <summary>Dot lines of the waiting job that its resume skips: where it goes on (see KeepsPaperPlace).</summary>
        public int DotLinesDone
        {
            get { return _skipDotLines; }
        }

        /// <summary>The interpreter's result of the last run (counts of skipped commands and the like).</summary>
        public PrintJobResult LastResult;

        /// <summary>Why the last job was dropped when the flash failed under it (a font read), or null.</summary>
        public string Message;

        /// <summary>Jobs printed to the end.</summary>
        public long JobsPrinted;

        /// <summary>Jobs dropped after MaxRetriesWithoutProgress.</summary>
        public long JobsDropped;

        /// <summary>Tries of a waiting job from the loop (each re-runs it, skipping DotLinesDone).</summary>
        public long Resumes;

        /// <summary>Copies a job in and prints it now; on a fault it waits for Poll (see PrintOutcome).</summary>
        public PrintOutcome Submit(byte[] job, int offset, int count)
        {
            Check.That(job != null && offset >= 0 && count >= 0 && offset + count <= job.Length, "job bytes in range");
            if (_pending)
            {
                return PrintOutcome.Busy;
            }
            if (count > _job.Length)
            {
                return PrintOutcome.TooLarge;
            }
            Array.Copy(job, offset, _job, 0, count);
            Message = null;
            _jobLength = count;
            _pending = true;
            _skipDotLines = 0;
            _triesWithoutProgress = 0;
            Fault = PrintStatus.Ok;
            return Run(true);
        }

        /// <summary>Call every loop pass: retries a waiting job when its retry time has come.</summary>
        public PrintOutcome Poll()
        {
            if (!_pending)
            {
                return PrintOutcome.Idle;
            }
            if (_clock.NowMicros < _nextTryMicros)
            {
                return PrintOutcome.Waiting;
            }
            Resumes++;
            return Run(false);
        }

        /// <summary>
        /// True when the paper stays where the fault stopped it, so the job can go on at the very next dot line:
        /// the head waited (too hot, motor rest, supply, thermistor) with the paper clamped under it. An open
        /// platen frees the paper and its close is followed by the backlash feed, and paper out puts the rest
        /// on a new roll: either way whatever follows is not joined to what was printed, so the resume starts
        /// again at the first line of the element (text line, code, image) the fault cut, and a QR code or a
        /// barcode is never printed in two pieces.
        /// </summary>
        public static bool KeepsPaperPlace(PrintStatus fault)
        {
            return fault != PrintStatus.PlatenOpen && fault != PrintStatus.PaperOut;
        }

        private PrintOutcome Run(bool newJob)
        {
            PrintJobResult result;
            try
            {
                // A try of the waiting job re-runs the bytes held since Submit, unchanged.
                result = newJob
                    ? _interpreter.Print(_job, 0, _jobLength, _sink, _skipDotLines)
                    : _interpreter.Resume(_job, 0, _jobLength, _sink, _skipDotLines);
            }
            catch (FileStoreException e)
            {
                // The font lives in the flash; a read that fails will fail again, so the job is dropped.
                Message = e.Message;
                _pending = false;
                JobsDropped++;
                return PrintOutcome.GaveUp;
            }
            Message = null;
            LastResult = result;
            if (result.Status == PrintStatus.Ok)
            {
                // A job stopped at PrintLimits.MaxJobDotLines is done too: it was runaway, and the result says so.
                _pending = false;
                Fault = PrintStatus.Ok;
                JobsPrinted++;
                return PrintOutcome.Printed;
            }
            int resumeAt = KeepsPaperPlace(result.Status) ? result.DotLinesDone : result.ElementStartDotLine;
            if (resumeAt > _skipDotLines)
            {
                _triesWithoutProgress = 0;
            }
            else
            {
                _triesWithoutProgress++;
            }
            _skipDotLines = resumeAt;
            Fault = result.Status;
            if (_triesWithoutProgress >= _config.MaxRetriesWithoutProgress)
            {
                _pending = false;
                JobsDropped++;
                return PrintOutcome.GaveUp;
            }
            _nextTryMicros = _clock.NowMicros + _config.RetryPeriodMicros;
            return PrintOutcome.Waiting;
        }
    }
}
