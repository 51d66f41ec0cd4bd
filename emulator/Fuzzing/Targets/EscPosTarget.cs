using System.Text;
using PosFirmware.Emulator.Printing;
using PosFirmware.Print;
using PosFirmware.Print.Interpreter;
using PosFirmware.Printing;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// A whole ESC/POS job through the interpreter, three times: straight through, stopped by a sink fault at a
/// line the input picks, and resumed with skipDotLines from where the fault left it. Contract: nothing
/// throws, the job ends within its line limit having consumed its bytes, the faulted run counts exactly the
/// lines before the fault, and the resumed run sends exactly the rest of the straight run's lines.
/// </summary>
public sealed class EscPosTarget : FuzzTarget
{
    private static readonly PrintLimits Limits = new();
    private static readonly EscPosInterpreter Interpreter = new(PrinterFonts.Open(), Limits);

    /// <inheritdoc />
    public override string Name => "escpos";

    /// <inheritdoc />
    public override string Summary => "EscPosInterpreter.Print on a whole job, then a fault and the skip-to-line resume";

    /// <inheritdoc />
    public override IReadOnlyList<string> SeedFiles => ["tests/emulator/Printing/Fixtures/*.bin"];

    /// <inheritdoc />
    public override IEnumerable<byte[]> BuiltSeeds()
    {
        foreach (var (_, bytes) in SampleReceipts.All())
        {
            yield return bytes;
        }
        // Small jobs: one command family each, so the fuzzer starts near every branch.
        yield return Encoding.UTF8.GetBytes("\x1b@Hello\n\x1b!\x30Big\n\x1d!\x11\xe4\xb8\xad\xe6\x96\x87\n\x1bd\x02");
        yield return Encoding.Latin1.GetBytes("\x1b" + "a\x01\x1b" + "E\x01Bold\x1b-\x02Under\n\x1b" + "D\x04\x08\x00\tA\tB\n");
        yield return Encoding.Latin1.GetBytes("\x1dh\x30\x1dw\x02\x1dH\x02\x1dk\x49\x0a{BPOS-12345\x1dk\x43\x0c" + "690123456789");
        yield return Encoding.Latin1.GetBytes("\x1d(k\x04\x00\x31\x41\x32\x00\x1d(k\x03\x00\x31\x43\x04\x1d(k\x03\x00\x31\x45\x31\x1d(k\x08\x00\x31\x50\x30https\x1d(k\x03\x00\x31\x51\x30");
        yield return Encoding.Latin1.GetBytes("\x1dv0\x00\x02\x00\x03\x00\xff\x00\x81\x42\x18\x24\x1dV\x42\x00");
        yield return Encoding.Latin1.GetBytes("\x1bt\x01\xc4\xc4\xb3\n\x1b$\x10\x00X\x1b\\\x08\x00Y\x1dL\x10\x00\x1dW\x00\x01Z\n\x1bM\x01small\x1b \x02\x1c" + "S\x01\x02\n");
    }

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        var straight = new RecordingSink(Limits.DotsPerLine, -1);
        PrintJobResult result = Interpreter.Print(input, 0, input.Length, straight, 0);
        Require(result.Status == PrintStatus.Ok, "a sink that never faults reported " + result.Status);
        Require(result.DotLinesDone <= Limits.MaxJobDotLines, result.DotLinesDone + " dot lines, limit " + Limits.MaxJobDotLines);
        Require(result.DotLinesDone == straight.Count && result.DotLinesSent == straight.Count, "dot lines counted " + result.DotLinesDone + ", sent " + straight.Count);
        Require(result.BytesConsumed == input.Length || result.LineLimitReached, "stopped after " + result.BytesConsumed + " of " + input.Length + " bytes");
        int total = straight.Count;
        if (total == 0)
        {
            return;
        }
        int faultAt = (int)(Fnv(input) % (uint)total);
        var faulted = new RecordingSink(Limits.DotsPerLine, faultAt);
        result = Interpreter.Print(input, 0, input.Length, faulted, 0);
        Require(result.Status == PrintStatus.PaperOut, "a fault at line " + faultAt + " of " + total + " did not stop the job");
        Require(result.DotLinesDone == faultAt, "a fault at line " + faultAt + " left DotLinesDone " + result.DotLinesDone);
        var resumed = new RecordingSink(Limits.DotsPerLine, -1);
        result = Interpreter.Print(input, 0, input.Length, resumed, faultAt);
        Require(result.Status == PrintStatus.Ok && result.DotLinesDone == total, "the resumed job ended at " + result.DotLinesDone + " of " + total);
        Require(resumed.Count == total - faultAt, "the resume sent " + resumed.Count + " lines, not the " + (total - faultAt) + " left");
        for (int i = 0; i < resumed.Count; i++)
        {
            Require(resumed.Line(i) == straight.Line(faultAt + i), "resumed line " + (faultAt + i) + " differs from the straight run");
        }
    }

    private static uint Fnv(byte[] input)
    {
        uint hash = 2166136261;
        foreach (byte b in input)
        {
            hash = (hash ^ b) * 16777619;
        }
        return hash;
    }

    /// <summary>Keeps a hash of each dot line (feeds as blank lines), and faults once at one line.</summary>
    private sealed class RecordingSink : IDotLineSink
    {
        private const ulong FeedLine = 0x9E3779B97F4A7C15;
        private readonly ulong[] _lines = new ulong[Limits.MaxJobDotLines + 1];
        private readonly int _faultAt;

        public RecordingSink(int dotsPerLine, int faultAt)
        {
            DotsPerLine = dotsPerLine;
            _faultAt = faultAt;
        }

        public int DotsPerLine { get; }

        public int Count { get; private set; }

        public ulong Line(int index) => _lines[index];

        public PrintStatus PrintLine(byte[] dots, int offset)
        {
            ulong hash = 14695981039346656037;
            for (int i = 0; i < DotsPerLine / 8; i++)
            {
                hash = (hash ^ dots[offset + i]) * 1099511628211;
            }
            return Record(hash);
        }

        public PrintStatus Feed(int dotLines)
        {
            for (int i = 0; i < dotLines; i++)
            {
                PrintStatus status = Record(FeedLine);
                if (status != PrintStatus.Ok)
                {
                    return status;
                }
            }
            return PrintStatus.Ok;
        }

        private PrintStatus Record(ulong hash)
        {
            if (Count == _faultAt)
            {
                return PrintStatus.PaperOut;
            }
            if (Count >= _lines.Length)
            {
                throw new FuzzContractException("more dot lines than the job limit reached the sink");
            }
            _lines[Count++] = hash;
            return PrintStatus.Ok;
        }
    }
}
