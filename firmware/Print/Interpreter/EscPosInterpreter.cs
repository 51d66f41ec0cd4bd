using PosFirmware.Hal;
using PosFirmware.Print.Codes;
using PosFirmware.Print.Commands;
using PosFirmware.Print.Text;
using PosFirmware.Printing;

namespace PosFirmware.Print.Interpreter
{
    /// <summary>
    /// Turns an ESC/POS byte stream into dot lines for the head driver (IDotLineSink). Commands come from
    /// one table (EscPosCommands): each is found there, its exact length taken from its parameter layout,
    /// and its handler run; the handlers live in this class's other files, one per group (modes, text,
    /// raster, barcodes, QR). A command the table lacks is skipped by its first two bytes and counted.
    ///
    /// Text is GB18030 in Chinese mode (on after ESC @ unless PrintLimits.PowerOnEncoding says otherwise,
    /// FS &amp; / FS . switch it), UTF-8 after FS ( C fn 48 m 2, and otherwise the single-byte code table ESC t
    /// selects, with ESC R's national variants of ASCII. Glyphs are Unifont's 8x16 and 16x16 (BitmapFont).
    /// Text cells follow Epson's fonts on a 58 mm head: font A cells are 12 dots per half-width character
    /// (32 per 384-dot line) and 24 per full-width one, the glyph centred; font B cells are the glyph itself.
    ///
    /// A job is printed by one call that runs it from the start; if the sink faults, the call returns how
    /// many dot lines were done and a later call with that skip count resumes at the faulted line, since
    /// the same bytes always give the same lines. Nothing of the page is kept beyond one text band; stored
    /// images (GS ( L, ESC &amp;) are kept as positions in the job, which stays in place while it prints.
    /// </summary>
    public sealed partial class EscPosInterpreter
    {
        private const byte LF = 0x0A;
        private const byte FF = 0x0C;
        private const byte CR = 0x0D;
        private const byte HT = 0x09;
        private const byte NUL = 0x00;

        private readonly BitmapFont _font;
        private readonly PrintLimits _limits;
        private readonly int _bytesPerLine;
        private readonly TextLine _line;
        private readonly DotLineOutput _output = new DotLineOutput();
        private readonly PrintJobResult _result = new PrintJobResult();
        private readonly byte[] _band;
        private readonly byte[] _dots;

        private byte[] _job;
        private int _at;
        private int _end;

        /// <summary>Allocates every buffer the limits call for.</summary>
        public EscPosInterpreter(BitmapFont font, PrintLimits limits)
        {
            Check.That(font != null && limits != null, "font and limits given");
            Check.That(limits.DotsPerLine > 0 && limits.DotsPerLine % 8 == 0, "whole bytes per dot line");
            Check.That(limits.MaxTextScale >= 1 && limits.MaxTextScale <= 8, "text scale within ESC/POS's x1..x8");
            _font = font;
            _limits = limits;
            _bytesPerLine = limits.DotsPerLine / 8;
            _userCharacters = new UserCharacterSet();
            _line = new TextLine(font, limits, _userCharacters);
            _band = new byte[_bytesPerLine * BitmapFont.HeightDots * limits.MaxTextScale];
            _dots = new byte[_bytesPerLine];
            _qr = new QrEncoder(limits.MaxQrVersion);
            _barcode = new BarcodeModules(limits.MaxCode128Symbols * 11 + 2, limits.MaxBarcodeDataBytes * 2);
            _barcodeData = new byte[limits.MaxBarcodeDataBytes * 3 + 2];
            _tabColumns = new byte[limits.MaxTabStops];
        }

        /// <summary>
        /// Runs a job (count bytes of job at offset) from its start, sending dot lines to the sink except the
        /// first skipDotLines. Returns the result (the same object each call): on a fault, call again with
        /// result.DotLinesDone once the fault clears.
        /// </summary>
        public PrintJobResult Print(byte[] job, int offset, int count, IDotLineSink sink, int skipDotLines)
        {
            ForgetQrSymbol();
            return Run(job, offset, count, sink, skipDotLines);
        }

        /// <summary>
        /// Runs the same job as the last Print or Resume again (the caller guarantees the bytes are unchanged,
        /// as the print queue does for the job it holds), skipping skipDotLines. The same as Print, except that
        /// a QR code already encoded from these bytes in the last run is not encoded again.
        /// </summary>
        public PrintJobResult Resume(byte[] job, int offset, int count, IDotLineSink sink, int skipDotLines)
        {
            return Run(job, offset, count, sink, skipDotLines);
        }

        private PrintJobResult Run(byte[] job, int offset, int count, IDotLineSink sink, int skipDotLines)
        {
            Check.That(job != null && offset >= 0 && count >= 0 && offset + count <= job.Length, "job bytes in range");
            Check.That(sink != null && sink.DotsPerLine == _limits.DotsPerLine, "sink has the configured line width");
            _result.Reset();
            _output.Begin(sink, skipDotLines, _limits.MaxJobDotLines);
            _job = job;
            _at = offset;
            _end = offset + count;
            ForgetNvDefinitions();
            Initialise();
            // Every pass consumes at least one byte, so the loop ends within count passes.
            while (_at < _end && !_output.Stopped)
            {
                int before = _at;
                Step();
                Check.That(_at > before, "each command consumes input");
            }
            if (!_output.Stopped)
            {
                PrintPendingLine(false);
            }
            if (!_output.Stopped)
            {
                CommitNvDefinitions();
            }
            _result.Status = _output.Status;
            _result.DotLinesDone = _output.DotLinesDone;
            _result.ElementStartDotLine = _output.Status != PrintStatus.Ok ? _output.ElementStartDotLine : _output.DotLinesDone;
            _result.DotLinesSent = _output.DotLinesSent;
            _result.LineLimitReached = _output.LimitReached;
            _result.BytesConsumed = (_at > _end ? _end : _at) - offset;
            _job = null;
            return _result;
        }

        private void Initialise()
        {
            InitialiseModes();
            InitialiseText();
            InitialiseRaster();
            InitialiseBarcodes();
            InitialiseQr();
        }

        private void Step()
        {
            byte b = _job[_at];
            if (b == EscPosCommands.ESC || b == EscPosCommands.GS || b == EscPosCommands.FS
                || b == EscPosCommands.DLE || b == EscPosCommands.DC2)
            {
                Command();
            }
            else if (b == LF || b == FF)
            {
                _at++;
                PrintPendingLine(true);
            }
            else if (b == CR || b == NUL)
            {
                _at++; // CR: the line prints on LF; NUL: padding some drivers send
            }
            else if (b == HT)
            {
                _at++;
                HorizontalTab();
            }
            else if (b < 0x20 || b == 0x7F)
            {
                _at++;
                _result.UnknownCommands++;
            }
            else
            {
                Character();
            }
        }

        /// <summary>Finds the command at the cursor in the table, measures it and runs its handler.</summary>
        private void Command()
        {
            EscPosCommand command = EscPosCommands.Find(_job, _at, _end);
            if (command == null)
            {
                if (_end - _at < 2)
                {
                    _result.MalformedCommands++;
                    _at = _end;
                    return;
                }
                _at += 2;
                _result.UnknownCommands++;
                return;
            }
            int length = EscPosCommands.LengthOf(command, _job, _at, _end);
            if (length == EscPosCommands.Truncated)
            {
                _result.MalformedCommands++;
                _at = _end;
                return;
            }
            if (length == EscPosCommands.BadParameters)
            {
                // The parameters give no length: skip the prefix and its first parameter byte.
                _result.MalformedCommands++;
                int skip = command.PrefixLength + 1;
                _at += skip > _end - _at ? _end - _at : skip;
                return;
            }
            Check.That(length >= command.PrefixLength && length <= _end - _at, "command measured within the job");
            int start = _at;
            _at += length;
            Run(command, start + command.PrefixLength, length - command.PrefixLength);
        }

        /// <summary>Runs a command's handler on its parameters (count bytes at paramsAt, already in the job).</summary>
        private void Run(EscPosCommand command, int paramsAt, int count)
        {
            int h = command.Handler;
            if (h == CommandHandler.Ignore)
            {
                _result.IgnoredCommands++;
            }
            else if (h < CommandHandler.CodeTable)
            {
                RunMode(h, paramsAt, count);
            }
            else if (h < CommandHandler.BitImage)
            {
                RunText(h, paramsAt, count);
            }
            else if (h < CommandHandler.Barcode)
            {
                RunRaster(h, paramsAt, count);
            }
            else if (h < CommandHandler.TwoDimensionalCode)
            {
                RunBarcode(h, paramsAt, count);
            }
            else
            {
                RunQr(h, paramsAt, count);
            }
        }

        private int ByteAt(int index)
        {
            return _job[index];
        }

        private int U16At(int index)
        {
            return _job[index] | (_job[index + 1] << 8);
        }

        // ---- Dot lines --------------------------------------------------------------------------------

        private void ClearDots()
        {
            for (int i = 0; i < _bytesPerLine; i++)
            {
                _dots[i] = 0;
            }
        }

        private void SetDot(int x)
        {
            if (x >= 0 && x < _limits.DotsPerLine)
            {
                _dots[x >> 3] |= (byte)(0x80 >> (x & 7));
            }
        }
    }
}
