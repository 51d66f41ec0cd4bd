using System.Diagnostics;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Printing;
using PosFirmware.Tests.Firmware.Print.Commands;
using Xunit.Abstractions;

using Xunit;
using PosFirmware.Print;
using PosFirmware.Print.Commands;
using PosFirmware.Print.Interpreter;
using PosFirmware.Printing;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>
/// Seeded fuzzing of the interpreter: random streams biased towards command prefixes, and valid receipts
/// mutated (bytes flipped, chunks dropped, duplicated or spliced, truncated). Every input must finish with
/// no exception, within the job's line limit, and give the same output when run twice. A failure names
/// the seed and case; FUZZ_SEED=n replays a run, FUZZ_SECONDS sets the time budget (default 2).
/// </summary>
public class EscPosFuzzTests
{
    private readonly ITestOutputHelper _output;

    public EscPosFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    // Every command of the table, plus bytes that lead multi-byte text.
    private static readonly byte[][] Prefixes = EscPosCommands.All.Select(c => c.PrefixLength == 1 ? new[] { c.Prefix1 }
        : c.PrefixLength == 2 ? new[] { c.Prefix1, (byte)c.Prefix2 } : new[] { c.Prefix1, (byte)c.Prefix2, (byte)c.Prefix3 })
        .Concat(new[]
    {
        new byte[] { 0x81, 0x30 }, new byte[] { 0xB0, 0xA1 }, new byte[] { 0x80 }, new byte[] { 0x1C, (byte)'&' }, new byte[] { 0x1C, (byte)'.' },
        new byte[] { 0x1B }, new byte[] { 0x1D }, new byte[] { 0x1C }, new byte[] { 0x10 }, new byte[] { 0x0A },
        new byte[] { 0x1D, (byte)'(', (byte)'k' }, new byte[] { 0x1D, (byte)'v', (byte)'0' }, new byte[] { 0x1D, (byte)'k' },
        new byte[] { 0x1D, (byte)'!' }, new byte[] { 0x1B, (byte)'!' }, new byte[] { 0x1B, (byte)'d' }, new byte[] { 0x1B, (byte)'J' },
        new byte[] { 0x1D, (byte)'8', (byte)'L' }, new byte[] { 0x1B, (byte)'*' }, new byte[] { 0x1B, (byte)'D' }, new byte[] { 0x1B, (byte)'t', 1 },
        new byte[] { 0xE4, 0xB8 }, new byte[] { 0xF0, 0x9F }, new byte[] { 0x1D, (byte)'k', 73 }, new byte[] { 0x1D, (byte)'k', 2 },
    }).ToArray();

    [Fact]
    public void Random_and_mutated_streams_never_throw_overrun_or_run_away()
    {
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 20261122;
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("FUZZ_SECONDS"), out var t) ? t : 2.0;
        _output.WriteLine($"fuzz seed={seed}");
        var random = new SimRandom(seed).Fork("escpos-fuzz");
        var limits = new PrintLimits { MaxJobDotLines = 20_000 };
        var interpreter = new EscPosInterpreter(PrinterFonts.Open(), limits);
        // Valid streams: the terminal's receipts, every npm library fixture, the golden jobs and one sample of every command.
        var valid = SampleReceipts.All().Select(r => r.Bytes)
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.bin").Order().Select(File.ReadAllBytes))
            .Concat(SecondPassJobs.All.Values)
            .Append(EscPosCommandTableTests.Samples.Values.SelectMany(b => b).ToArray()).ToArray();
        var clock = Stopwatch.StartNew();
        int cases = 0;
        long lines = 0;
        while (clock.Elapsed.TotalSeconds < seconds || cases < 50)
        {
            byte[] job = random.Chance(0.5) ? RandomStream(random) : Mutate(random, valid[random.Next(valid.Length)]);
            // NV images go to a small flash of their own per case (a full one is part of the fuzzing too), so a
            // case's repeat run starts from the same flash.
            var flash = new PosFirmware.Emulator.Storage.FlashFileStore(PosFirmware.Emulator.Storage.FlashMode.LittleFs, new SimRandom(seed), capacityBytes: 16 * 1024);
            var nvBefore = flash.Snapshot();
            interpreter.AttachNvImages(new NvImageStore(flash, 384, 256, 64 * 1024));
            var sink = new HashingSink();
            PrintJobResult result;
            try
            {
                result = interpreter.Print(job, 0, job.Length, sink, 0);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"case {cases} of FUZZ_SEED={seed} threw: {e}");
            }
            Assert.True(result.DotLinesDone <= limits.MaxJobDotLines, $"case {cases} of FUZZ_SEED={seed}: {result.DotLinesDone} lines");
            Assert.True(result.BytesConsumed == job.Length || result.LineLimitReached, $"case {cases} of FUZZ_SEED={seed} stopped early");
            Assert.Equal(result.DotLinesDone, sink.Lines);
            if (cases % 16 == 0)
            {
                flash.Load(nvBefore);
                var again = new HashingSink();
                interpreter.Print(job, 0, job.Length, again, 0);
                Assert.True(sink.Hash == again.Hash && sink.Lines == again.Lines, $"case {cases} of FUZZ_SEED={seed} is not deterministic");
            }
            lines += sink.Lines;
            cases++;
        }
        _output.WriteLine($"{cases} cases, {lines} dot lines in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static byte[] RandomStream(SimRandom random)
    {
        var bytes = new List<byte>();
        int length = random.Next(600);
        while (bytes.Count < length)
        {
            if (random.Chance(0.3))
            {
                bytes.AddRange(Prefixes[random.Next(Prefixes.Length)]);
            }
            int run = 1 + random.Next(8);
            for (int i = 0; i < run; i++)
            {
                bytes.Add((byte)(random.Chance(0.3) ? random.Next(8) : random.Next(256)));
            }
        }
        return bytes.ToArray();
    }

    private static byte[] Mutate(SimRandom random, byte[] valid)
    {
        var bytes = new List<byte>(valid);
        int edits = 1 + random.Next(6);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(32)));
                    break;
                case 2:
                    int from = random.Next(bytes.Count);
                    int count = Math.Min(bytes.Count - from, 1 + random.Next(64));
                    bytes.InsertRange(at, bytes.GetRange(from, count));
                    break;
                case 3:
                    bytes.InsertRange(at, Prefixes[random.Next(Prefixes.Length)]);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>A sink that keeps only a running hash of what it was sent: fast, and enough to compare runs.</summary>
    private sealed class HashingSink : IDotLineSink
    {
        public int DotsPerLine => 384;

        public int Lines { get; private set; }

        public ulong Hash { get; private set; } = 14695981039346656037UL;

        public PrintStatus PrintLine(byte[] dots, int offset)
        {
            Assert.True(offset >= 0 && offset + 48 <= dots.Length);
            for (int i = 0; i < 48; i++)
            {
                Hash = (Hash ^ dots[offset + i]) * 1099511628211UL;
            }
            Lines++;
            return PrintStatus.Ok;
        }

        public PrintStatus Feed(int dotLines)
        {
            Assert.True(dotLines > 0);
            Hash = (Hash ^ (ulong)dotLines ^ 0xFEED) * 1099511628211UL;
            Lines += dotLines;
            return PrintStatus.Ok;
        }
    }
}
